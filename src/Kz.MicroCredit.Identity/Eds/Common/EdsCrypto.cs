using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>The one place where the EDS verifiers reach the cryptographic primitives of <c>Cryptography/</c>.</summary>
internal static class EdsCrypto
{
    internal const string Sha1Uri = NcaDigests.XmlSha1;
    internal const string RsaSha1Uri = NcaSignatureAlgorithms.XmlRsaSha1;

    public static NcaKeyAlgorithm? KeyAlgorithmOf(X509Certificate2 certificate)
    {
        try
        {
            return NcaPublicKey.FromCertificate(certificate).Algorithm;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Hashes with the digest named by an OID or XML URI; <see langword="null"/> when unknown or not allowed.</summary>
    public static byte[]? Digest(string oidOrUri, ReadOnlySpan<byte> data, bool allowSha1 = false) =>
        NcaDigests.TryResolve(oidOrUri, out NcaDigestAlgorithm algorithm, allowSha1) ? NcaDigests.Compute(algorithm, data) : null;

    public static bool VerifyXml(X509Certificate2 certificate, NcaKeyAlgorithm algorithm, string signatureMethod, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        NcaPublicKey key = NcaPublicKey.FromCertificate(certificate);
        if (key.Algorithm != algorithm)
        {
            return false;
        }

        return signatureMethod == RsaSha1Uri
            ? key.Verify(NcaOids.Sha1WithRsa, null, data, signature, allowSha1: true)
            : key.VerifyXml(signatureMethod, data, signature);
    }

    public static bool VerifySignerInfo(X509Certificate2 certificate, string signatureAlgorithmOid, string digestAlgorithmOid, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        NcaPublicKey.FromCertificate(certificate).Verify(signatureAlgorithmOid, digestAlgorithmOid, data, signature);

    public static bool IsCertificateSignedBy(X509Certificate2 certificate, X509Certificate2 issuer) =>
        NcaSignatureChecks.IsCertificateSignedBy(certificate, issuer);
}
