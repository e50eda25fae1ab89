using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>The CertID of an OCSP request or response, with the raw values compared field by field.</summary>
/// <param name="HashAlgorithmOid">The hash algorithm.</param>
/// <param name="IssuerNameHash">Hash of the issuer's DER subject.</param>
/// <param name="IssuerKeyHash">Hash of the issuer's subjectPublicKey bits.</param>
/// <param name="Serial">The certificate serial (big-endian, leading zeros stripped).</param>
internal sealed record OcspCertId(string HashAlgorithmOid, byte[] IssuerNameHash, byte[] IssuerKeyHash, byte[] Serial)
{
    public static OcspCertId For(X509Certificate2 certificate, X509Certificate2 issuer, string hashAlgorithmOid)
    {
        byte[] nameHash = OcspHashes.Compute(hashAlgorithmOid, issuer.SubjectName.RawData);
        byte[] keyHash = OcspHashes.Compute(hashAlgorithmOid, issuer.PublicKey.EncodedKeyValue.RawData);
        return new OcspCertId(hashAlgorithmOid, nameHash, keyHash, CrlIndex.Normalize(certificate.SerialNumberBytes.Span).ToArray());
    }

    public bool Matches(CertificateID other) =>
        string.Equals(other.HashAlgOid, HashAlgorithmOid, StringComparison.Ordinal)
        && other.GetIssuerNameHash().AsSpan().SequenceEqual(IssuerNameHash)
        && other.GetIssuerKeyHash().AsSpan().SequenceEqual(IssuerKeyHash)
        && CrlIndex.Normalize(other.SerialNumber.ToByteArrayUnsigned()).SequenceEqual(Serial);

    public CertID ToAsn1() => new(
        new AlgorithmIdentifier(new DerObjectIdentifier(HashAlgorithmOid), DerNull.Instance),
        new DerOctetString(IssuerNameHash),
        new DerOctetString(IssuerKeyHash),
        new DerInteger(new BigInteger(1, Serial)));
}

/// <summary>Hashes used in CertIDs and responder key ids.</summary>
internal static class OcspHashes
{
    public const string Sha1 = "1.3.14.3.2.26";
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";

    public static bool IsSupported(string oid) => Cryptography.NcaDigests.TryResolve(oid, out _, allowSha1: true);

    public static byte[] Compute(string oid, ReadOnlySpan<byte> data) => oid switch
    {
#pragma warning disable CA5350 // SHA-1 is what RFC 6960 prescribes for CertIDs and ResponderID byKey; no collision-resistance is relied on.
        Sha1 => SHA1.HashData(data),
#pragma warning restore CA5350
        Sha256 => SHA256.HashData(data),
        Sha384 => SHA384.HashData(data),
        Sha512 => SHA512.HashData(data),
        _ => Cryptography.NcaDigests.Compute(oid, data), // GOST 34.311-95 / Streebog CertIDs
    };

    public static string FromName(string name) => name.ToUpperInvariant() switch
    {
        "SHA1" or "SHA-1" => Sha1,
        "SHA256" or "SHA-256" => Sha256,
        "SHA384" or "SHA-384" => Sha384,
        "SHA512" or "SHA-512" => Sha512,
        _ => name,
    };
}

/// <summary>Builds OCSP requests (RFC 6960) with an optional nonce (RFC 8954).</summary>
internal static class OcspRequestBuilder
{
    /// <summary>The nonce extension OID.</summary>
    public const string NonceOid = "1.3.6.1.5.5.7.48.1.2";

    /// <summary>Builds the DER request.</summary>
    /// <param name="certId">The CertID.</param>
    /// <param name="nonce">The nonce, or <see langword="null"/> for none.</param>
    /// <returns>The DER OCSPRequest.</returns>
    public static byte[] Build(OcspCertId certId, byte[]? nonce)
    {
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(certId.ToAsn1()));
        if (nonce is not null)
        {
            var extensions = new X509ExtensionsGenerator();
            extensions.AddExtension(new DerObjectIdentifier(NonceOid), false, new DerOctetString(nonce));
            generator.SetRequestExtensions(extensions.Generate());
        }

        return generator.Generate().GetEncoded();
    }
}
