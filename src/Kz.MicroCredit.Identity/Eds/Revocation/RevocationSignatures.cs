using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// The signature checks revocation needs (CRL, OCSP response, delegated responder certificate), all through the NCA
/// primitives of <c>Cryptography/</c> (RSA, GOST 34.310-2004, GOST 34.10-2015). Any fault is a failed check: a signature
/// that cannot be verified is not valid.
/// </summary>
internal static class RevocationSignatures
{
    /// <summary>Verifies a whole signed structure (CRL, BasicOCSPResponse): SEQUENCE { tbs, algorithm, signature, … }.</summary>
    /// <param name="signedDer">The DER structure.</param>
    /// <param name="signer">The signer's certificate.</param>
    /// <param name="isCrl">Whether it is a CRL (its inner algorithm must equal the outer one).</param>
    /// <returns>Whether the signature verifies.</returns>
    public static bool VerifyStructure(ReadOnlySpan<byte> signedDer, X509Certificate2 signer, bool isCrl)
    {
        try
        {
            NcaPublicKey key = NcaPublicKey.FromCertificate(signer);
            return isCrl ? NcaSignatureChecks.IsCrlSignedBy(signedDer, key) : NcaSignatureChecks.IsSignedStructureSignedBy(signedDer, key);
        }
#pragma warning disable CA1031 // any fault of a foreign signature is "not verified"
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>Checks that a certificate names the issuer and its signature verifies with the issuer's key.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="issuer">The issuer.</param>
    /// <returns>Whether it was issued by <paramref name="issuer"/>.</returns>
    public static bool IsCertificateIssuedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        try
        {
            return NamesEqual(certificate.IssuerName, issuer.SubjectName) && NcaSignatureChecks.IsCertificateSignedBy(certificate, issuer);
        }
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>Compares two distinguished names ignoring string encodings and attribute order.</summary>
    /// <param name="a">A name.</param>
    /// <param name="b">Another.</param>
    /// <returns>Whether equivalent.</returns>
    public static bool NamesEqual(X500DistinguishedName a, X500DistinguishedName b) => NamesEqual(a.RawData, b.RawData);

    /// <summary>Compares two DER names ignoring string encodings and attribute order.</summary>
    /// <param name="a">A name.</param>
    /// <param name="b">Another.</param>
    /// <returns>Whether equivalent.</returns>
    public static bool NamesEqual(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.SequenceEqual(b))
        {
            return true;
        }

        try
        {
            return X509Name.GetInstance(Asn1Object.FromByteArray(a.ToArray())).Equivalent(X509Name.GetInstance(Asn1Object.FromByteArray(b.ToArray())), false);
        }
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}
