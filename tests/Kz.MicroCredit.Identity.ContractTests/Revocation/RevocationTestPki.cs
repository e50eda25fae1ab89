using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Security;

namespace Kz.MicroCredit.Identity.ContractTests.Revocation;

/// <summary>A CA (or responder) certificate with its key and a BouncyCastle signature factory over that key.</summary>
internal sealed record TestKeyPair(X509Certificate2 Certificate, RSA Key)
{
    public ISignatureFactory Signer => new Asn1SignatureFactory("SHA256WITHRSA", DotNetUtilities.GetRsaKeyPair(Key).Private);
}

/// <summary>A small RSA test PKI for the revocation contract tests (RSA keeps these tests independent of GOST).</summary>
internal static class RevocationTestPki
{
    public static TestKeyPair CreateCa(string name)
    {
        RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, C=KZ", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        X509Certificate2 cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(5));
        return new TestKeyPair(cert, key);
    }

    public static TestKeyPair Issue(TestKeyPair ca, string name, bool ocspSigning = false, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        RSA key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, C=KZ", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        if (ocspSigning)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.9")], false));
        }

        byte[] serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x10;
        X509Certificate2 cert = request.Create(ca.Certificate, notBefore ?? DateTimeOffset.UtcNow.AddDays(-30), notAfter ?? DateTimeOffset.UtcNow.AddYears(1), serial);
        return new TestKeyPair(cert, key);
    }
}
