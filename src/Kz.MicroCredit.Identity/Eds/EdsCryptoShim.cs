// TEMPORARY: stands in for the `crypto` branch's primitives until it is merged; deleted at merge.
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Cryptography
{
    /// <summary>Key algorithms of NCA certificates.</summary>
#pragma warning disable CA1707
    public enum NcaKeyAlgorithm
    {
        /// <summary>RSA.</summary>
        Rsa,

        /// <summary>GOST 34.310-2004.</summary>
        Gost2004,

        /// <summary>GOST 34.10-2015 512.</summary>
        Gost2015_512,

        /// <summary>GOST 34.10-2015 256.</summary>
        Gost2015_256,
    }
}

#pragma warning restore CA1707
namespace Kz.MicroCredit.Identity.Eds
{
    using Kz.MicroCredit.Identity.Cryptography;

    internal static partial class EdsCrypto
    {
        public static NcaKeyAlgorithm? KeyAlgorithmOf(X509Certificate2 certificate) => certificate.PublicKey.Oid.Value switch
        {
            "1.2.840.113549.1.1.1" => NcaKeyAlgorithm.Rsa,
            "1.2.398.3.10.1.1.1.1" => NcaKeyAlgorithm.Gost2004,
            "1.2.398.3.10.1.1.2.2" => NcaKeyAlgorithm.Gost2015_512,
            "1.2.398.3.10.1.1.2.1" => NcaKeyAlgorithm.Gost2015_256,
            _ => null,
        };

        public static byte[]? Digest(string oidOrUri, ReadOnlySpan<byte> data) => PlatformHash(oidOrUri) is { } h ? Hash(h, data) : null;

        public static bool VerifySignedData(X509Certificate2 certificate, NcaKeyAlgorithm algorithm, string digestOid, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
            algorithm == NcaKeyAlgorithm.Rsa && PlatformHash(digestOid) is { } h && VerifyRsa(certificate, h, data, signature);

        public static bool VerifyXml(X509Certificate2 certificate, NcaKeyAlgorithm algorithm, string signatureMethod, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
            algorithm == NcaKeyAlgorithm.Rsa && RsaXmlHash(signatureMethod) is { } h && VerifyRsa(certificate, h, data, signature);

        public static bool IsCertificateSignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
        {
            try
            {
                var bc = new Org.BouncyCastle.X509.X509Certificate(certificate.RawData);
                var bi = new Org.BouncyCastle.X509.X509Certificate(issuer.RawData);
                bc.Verify(bi.GetPublicKey());
                return true;
            }
            catch (Exception ex) when (ex is Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Security.InvalidKeyException or CryptographicException or ArgumentException or InvalidOperationException)
            {
                return false;
            }
        }
    }
}
