using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>
/// Signature checks of the signed PKI structures (certificates, CRLs, OCSP BasicOCSPResponse, TSP tokens) under the NCA
/// algorithms. The signed part is taken from the original bytes (not re-encoded), and the outer signature algorithm must
/// equal the one inside the signed part. Every check returns <see langword="false"/> on malformed input instead of throwing.
/// </summary>
internal static class NcaSignatureChecks
{
    /// <summary>Checks that <paramref name="certificate"/> carries a valid signature by <paramref name="issuer"/>'s key.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="issuer">The presumed issuer (its public key is used; names are not compared here).</param>
    /// <returns><see langword="true"/> when the signature verifies.</returns>
    public static bool IsCertificateSignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        return TryGetKey(issuer, out NcaPublicKey? key) && IsSignedStructureSignedBy(certificate.RawData, key, innerAlgorithmIndex: true);
    }

    /// <summary>Checks that a DER certificate carries a valid signature by a key.</summary>
    /// <param name="certificateDer">The DER certificate.</param>
    /// <param name="issuerKey">The issuer's key.</param>
    /// <returns><see langword="true"/> when the signature verifies.</returns>
    public static bool IsCertificateSignedBy(ReadOnlySpan<byte> certificateDer, NcaPublicKey issuerKey) =>
        IsSignedStructureSignedBy(certificateDer, issuerKey, innerAlgorithmIndex: true);

    /// <summary>Checks a DER CRL's signature against the issuer certificate's key.</summary>
    /// <param name="crlDer">The DER CRL.</param>
    /// <param name="issuer">The CA certificate.</param>
    /// <returns><see langword="true"/> when the signature verifies.</returns>
    public static bool IsCrlSignedBy(byte[] crlDer, X509Certificate2 issuer)
    {
        ArgumentNullException.ThrowIfNull(crlDer);
        ArgumentNullException.ThrowIfNull(issuer);
        return TryGetKey(issuer, out NcaPublicKey? key) && IsSignedStructureSignedBy(crlDer, key, innerAlgorithmIndex: false);
    }

    /// <summary>Checks a CRL's signature against a key.</summary>
    /// <param name="crlDer">The DER CRL.</param>
    /// <param name="issuerKey">The CA key.</param>
    /// <returns><see langword="true"/> when the signature verifies.</returns>
    public static bool IsCrlSignedBy(ReadOnlySpan<byte> crlDer, NcaPublicKey issuerKey) =>
        IsSignedStructureSignedBy(crlDer, issuerKey, innerAlgorithmIndex: false);

    /// <summary>Checks a BouncyCastle CRL's signature against the issuer certificate's key.</summary>
    /// <param name="crl">The CRL.</param>
    /// <param name="issuer">The CA certificate.</param>
    /// <returns><see langword="true"/> when the signature verifies.</returns>
    public static bool IsCrlSignedBy(X509Crl crl, X509Certificate2 issuer)
    {
        ArgumentNullException.ThrowIfNull(crl);
        return IsCrlSignedBy(crl.GetEncoded(), issuer);
    }

    /// <summary>
    /// Checks a signature over to-be-signed DER bytes (BasicOCSPResponse.tbsResponseData, a TSP token's signed attributes, …).
    /// </summary>
    /// <param name="tbsDer">The exact signed bytes.</param>
    /// <param name="algorithm">The signature algorithm identifier.</param>
    /// <param name="signature">The signature bytes (BIT STRING content) in the NCA layout.</param>
    /// <param name="key">The signer's key.</param>
    /// <returns><see langword="true"/> when the signature verifies.</returns>
    public static bool IsSignedBy(byte[] tbsDer, AlgorithmIdentifier algorithm, byte[] signature, NcaPublicKey key)
    {
        ArgumentNullException.ThrowIfNull(tbsDer);
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(key);
        return IsAllowedParameters(algorithm.Parameters) && key.Verify(algorithm.Algorithm.Id, tbsDer, signature);
    }

    /// <summary>
    /// Checks the signature of any SEQUENCE { tbs, AlgorithmIdentifier, BIT STRING, ... } (certificate, CRL,
    /// BasicOCSPResponse) against a key.
    /// </summary>
    /// <param name="signedDer">The DER structure.</param>
    /// <param name="key">The signer key.</param>
    /// <returns><see langword="true"/> when the signature verifies.</returns>
    public static bool IsSignedStructureSignedBy(ReadOnlySpan<byte> signedDer, NcaPublicKey key) =>
        IsSignedStructureSignedBy(signedDer, key, innerAlgorithmIndex: null);

    private static bool IsSignedStructureSignedBy(ReadOnlySpan<byte> signedDer, NcaPublicKey key, bool? innerAlgorithmIndex)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!SignedDer.TrySplit(signedDer, out SignedDer parts))
        {
            return false;
        }

        if (innerAlgorithmIndex is { } isCertificate && !parts.InnerAlgorithmMatches(signedDer, isCertificate))
        {
            return false;
        }

        return parts.AlgorithmParametersAllowed && key.Verify(parts.AlgorithmOid, signedDer.Slice(parts.TbsOffset, parts.TbsLength), parts.Signature);
    }

    private static bool TryGetKey(X509Certificate2 certificate, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NcaPublicKey? key)
    {
        try
        {
            key = NcaPublicKey.FromCertificate(certificate);
            return true;
        }
        catch (CryptographicException)
        {
            key = null;
            return false;
        }
    }

    private static bool IsAllowedParameters(Asn1Encodable? parameters) => parameters is null || parameters is Asn1Null;
}
