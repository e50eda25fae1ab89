using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>The one place where the EDS verifiers reach the cryptographic primitives (platform RSA, NCA GOST).</summary>
internal static partial class EdsCrypto
{
    internal const string Sha1Uri = "http://www.w3.org/2000/09/xmldsig#sha1";
    internal const string RsaSha1Uri = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";

    public static HashAlgorithmName? PlatformHash(string oidOrUri) => oidOrUri switch
    {
        "2.16.840.1.101.3.4.2.1" or "http://www.w3.org/2001/04/xmlenc#sha256" => HashAlgorithmName.SHA256,
        "2.16.840.1.101.3.4.2.2" or "http://www.w3.org/2001/04/xmldsig-more#sha384" => HashAlgorithmName.SHA384,
        "2.16.840.1.101.3.4.2.3" or "http://www.w3.org/2001/04/xmlenc#sha512" => HashAlgorithmName.SHA512,
        "1.3.14.3.2.26" or Sha1Uri => HashAlgorithmName.SHA1,
        _ => null,
    };

    public static HashAlgorithmName? RsaXmlHash(string signatureMethod) => signatureMethod switch
    {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" => HashAlgorithmName.SHA256,
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384" => HashAlgorithmName.SHA384,
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => HashAlgorithmName.SHA512,
        RsaSha1Uri => HashAlgorithmName.SHA1,
        _ => null,
    };

    public static byte[] Hash(HashAlgorithmName name, ReadOnlySpan<byte> data) => name.Name switch
    {
        "SHA256" => SHA256.HashData(data),
        "SHA384" => SHA384.HashData(data),
        "SHA512" => SHA512.HashData(data),
#pragma warning disable CA5350 // SHA-1 only behind the explicit test-only legacy option and for timestamp imprints.
        "SHA1" => SHA1.HashData(data),
#pragma warning restore CA5350
        _ => throw new CryptographicException("Unsupported hash."),
    };

    public static bool VerifyRsa(X509Certificate2 certificate, HashAlgorithmName hash, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        using RSA? rsa = certificate.GetRSAPublicKey();
        return rsa is not null && rsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
    }
}
