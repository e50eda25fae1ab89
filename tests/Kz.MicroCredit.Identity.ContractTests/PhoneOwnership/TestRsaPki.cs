using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;

namespace Kz.MicroCredit.Identity.ContractTests.PhoneOwnership;

/// <summary>A throw-away RSA test PKI (root + gateway + lender) for the WireMock contract tests.</summary>
internal sealed class TestRsaPki
{
    private static readonly Lazy<TestRsaPki> Shared = new(() => new TestRsaPki());

    private TestRsaPki()
    {
        using RSA rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest("CN=Contract Test Root, C=KZ", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        DateTimeOffset from = DateTimeOffset.UtcNow.AddDays(-1), to = DateTimeOffset.UtcNow.AddYears(1);
        Root = rootRequest.CreateSelfSigned(from, to);
        Gateway = Issue("CN=SmartBridge Gateway Test, O=Test, C=KZ", 10, from, to);
        Lender = Issue("CN=MFO Test, O=MFO, OU=BIN070840007503, C=KZ", 11, from, to);
        TrustStore = NcaTrustStore.Custom([X509CertificateLoader.LoadCertificate(Root.RawData)]);
    }

    public static TestRsaPki Instance => Shared.Value;

    public X509Certificate2 Root { get; }

    public RsaTestSigner Gateway { get; }

    public RsaTestSigner Lender { get; }

    public NcaTrustStore TrustStore { get; }

    private RsaTestSigner Issue(string subject, byte serial, DateTimeOffset from, DateTimeOffset to)
    {
        RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        X509Certificate2 cert = request.Create(Root, from, to, [1, 2, serial]);
        return new RsaTestSigner(X509CertificateLoader.LoadCertificate(cert.RawData), key);
    }
}

/// <summary>An RSA-SHA256 <see cref="INcaSigner"/> over an in-memory key.</summary>
internal sealed class RsaTestSigner(X509Certificate2 certificate, RSA key) : INcaSigner
{
    public NcaKeyAlgorithm Algorithm => NcaKeyAlgorithm.Rsa;

    public X509Certificate2 Certificate { get; } = certificate;

    public string SignatureAlgorithmOid => "1.2.840.113549.1.1.11";

    public string XmlSignatureMethodUri => "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    public string XmlDigestMethodUri => "http://www.w3.org/2001/04/xmlenc#sha256";

    public string DigestOid => "2.16.840.1.101.3.4.2.1";

    public byte[] ComputeDigest(ReadOnlySpan<byte> data) => SHA256.HashData(data);

    public Task<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        Task.FromResult(key.SignData(data.Span, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
}
