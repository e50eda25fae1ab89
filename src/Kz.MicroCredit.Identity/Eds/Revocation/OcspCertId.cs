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
