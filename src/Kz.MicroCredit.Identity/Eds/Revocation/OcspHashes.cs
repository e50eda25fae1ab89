using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;

namespace Kz.MicroCredit.Identity.Eds;

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
