using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Ocsp;

namespace Kz.MicroCredit.Identity.Eds;

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
