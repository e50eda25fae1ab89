using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kz.MicroCredit.Identity.Cli;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

/// <summary>
/// Identity and key hygiene of signer certificates (issue 15 §2): two IIN or two BIN entries are ambiguous, RSA keys
/// need the configured minimum size, a GOST key must be declared on its own algorithm's curve, and a claimed CMS
/// signing time outside the certificate's validity is an error. Certificates are made here (RSA with .NET, GOST with
/// the sandbox PKI) so each rule is the only thing that differs from a certificate that verifies.
/// </summary>
public sealed class SignerHygieneTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly RSA _caKey = RSA.Create(2048);
    private readonly X509Certificate2 _caWithKey;
    private readonly X509Certificate2 _ca;
    private readonly string _folder = Directory.CreateTempSubdirectory("kzid-hygiene-").FullName;

    public SignerHygieneTests()
    {
        var ca = new CertificateRequest("CN=Sandbox Hygiene CA, C=KZ", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        ca.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        ca.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _caWithKey = ca.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(5));
        _ca = X509CertificateLoader.LoadCertificate(_caWithKey.RawData);
        File.WriteAllBytes(Path.Combine(_folder, "ca.cer"), _ca.RawData);
    }

    public void Dispose()
    {
        _caKey.Dispose();
        _caWithKey.Dispose();
        _ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void One_iin_and_one_bin_are_read()
    {
        using X509Certificate2 leaf = Issue(Subject(["IIN880912300763"], ["BIN180340021791"]), 2048);
        NcaCertificateInfo info = NcaCertificateInfo.FromCertificate(leaf);
        Assert.False(info.IdentityAmbiguous);
        Assert.Equal("880912300763", info.IinDigits);
        Assert.Equal("180340021791", info.BinDigits);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Two_iin_or_two_bin_entries_are_ambiguous_and_neither_is_reported(bool twoIins)
    {
        X500DistinguishedName subject = twoIins
            ? Subject(["IIN880912300763", "IIN900101300019"], ["BIN180340021791"])
            : Subject(["IIN880912300763"], ["BIN180340021791", "BIN990740000683"]);
        using X509Certificate2 leaf = Issue(subject, 2048);
        NcaCertificateInfo info = NcaCertificateInfo.FromCertificate(leaf);
        Assert.True(info.IdentityAmbiguous);
        Assert.Null(info.IinDigits);
        Assert.Null(info.BinDigits);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Kzid_refuses_a_signer_with_two_iin_or_two_bin_entries(bool twoIins)
    {
        X500DistinguishedName subject = twoIins
            ? Subject(["IIN880912300763", "IIN900101300019"], [])
            : Subject(["IIN880912300763"], ["BIN180340021791", "BIN990740000683"]);
        using X509Certificate2 leaf = Issue(subject, 2048);
        string file = Path.Combine(_folder, "ambiguous.p7s");
        await File.WriteAllBytesAsync(file, SignCms(leaf, Now));
        (int exit, JsonElement json) = await RunJsonAsync("eds", "verify", file, "--trust", _folder, "--at", "2026-03-01T10:05:00Z");
        Assert.Equal(1, exit);
        JsonElement signer = json.GetProperty("signers")[0];
        Assert.Contains(signer.GetProperty("errors").EnumerateArray(), e => e.GetString() == "CertificateIdentityAmbiguous");
        Assert.Equal(JsonValueKind.Null, signer.GetProperty("iin").ValueKind);

        // The same document from a certificate with one IIN (control): valid.
        using X509Certificate2 single = Issue(Subject(["IIN880912300763"], []), 2048);
        await File.WriteAllBytesAsync(file, SignCms(single, Now));
        (int ok, _) = await RunJsonAsync("eds", "verify", file, "--trust", _folder, "--at", "2026-03-01T10:05:00Z");
        Assert.Equal(0, ok);
    }

    [Fact]
    public void Rsa_1024_signer_is_refused_by_default_and_accepted_when_the_minimum_is_lowered()
    {
        using X509Certificate2 leaf = Issue(Subject(["IIN880912300763"], []), 1024);
        byte[] cms = SignCms(leaf, Now);
        NcaTrustStore store = NcaTrustStore.Custom([_ca]);

        CmsVerificationResult strict = NcaCmsVerifier.Verify(cms, new CmsVerificationOptions { TrustStore = store, ValidationTime = Now.AddMinutes(5) });
        Assert.False(strict.IsValid);
        Assert.False(strict.Signers[0].CertificateTrusted);

        var lowered = new NcaCertificatePathValidator(store) { MinimumRsaKeySize = 1024 };
        CmsVerificationResult accepted = NcaCmsVerifier.Verify(cms, new CmsVerificationOptions { TrustStore = store, PathValidator = lowered, ValidationTime = Now.AddMinutes(5) });
        Assert.True(accepted.IsValid, accepted.Failure?.Value);

        // 2048 bits pass with the default (control).
        using X509Certificate2 strong = Issue(Subject(["IIN880912300763"], []), 2048);
        Assert.True(NcaCmsVerifier.Verify(SignCms(strong, Now), new CmsVerificationOptions { TrustStore = store, ValidationTime = Now.AddMinutes(5) }).IsValid);
    }

    [Theory]
    [InlineData(-20)]
    [InlineData(301)]
    public void Cms_signing_time_outside_the_certificate_validity_is_an_error(int days)
    {
        using X509Certificate2 leaf = Issue(Subject(["IIN880912300763"], []), 2048);
        CmsVerificationResult result = NcaCmsVerifier.Verify(SignCms(leaf, Now.AddDays(days)), new CmsVerificationOptions { TrustStore = NcaTrustStore.Custom([_ca]), ValidationTime = Now.AddMinutes(5) });
        Assert.False(result.IsValid);
        Assert.Equal(ReasonCode.SigningTimeOutsideCertificateValidity, result.Failure);
    }

    [Theory]
    [InlineData(NcaKeyAlgorithm.Gost2004, NcaOids.Gost2004Curve, NcaOids.Gost2015Curve256)]
    [InlineData(NcaKeyAlgorithm.Gost2015_256, NcaOids.Gost2015Curve256, NcaOids.Gost2004Curve)]
    [InlineData(NcaKeyAlgorithm.Gost2015_512, NcaOids.Gost2015Curve512, NcaOids.Gost2015Curve256)]
    public void Gost_key_declared_on_another_curve_is_refused(NcaKeyAlgorithm algorithm, string ownCurve, string otherCurve)
    {
        using var pki = new SandboxPki(new SandboxPkiOptions { Algorithm = algorithm });
        INcaSigner signer = pki.IssueIndividualWithDigits("880912300763", "ТЕСТОВ", "ТЕСТ");
        var validator = new NcaCertificatePathValidator(NcaTrustStore.Custom([pki.RootCertificate], [pki.IssuingCaCertificate]));
        DateTimeOffset at = pki.TimeProvider.GetUtcNow();

        // Re-signed by the same CA with only the curve OID changed, so the CA signature stays valid.
        using X509Certificate2 own = Resign(pki, signer.Certificate.RawData);
        using X509Certificate2 other = Resign(pki, ReplaceOid(signer.Certificate.RawData, ownCurve, otherCurve));
        Assert.True(SignerKeyHygiene.IsAcceptable(own, 2048));
        Assert.False(SignerKeyHygiene.IsAcceptable(other, 2048));
        Assert.True(validator.Validate(own, [pki.IssuingCaCertificate], at).IsValid);
        Assert.False(validator.Validate(other, [pki.IssuingCaCertificate], at).IsValid);
    }

    private static byte[] ReplaceOid(byte[] certificate, string from, string to)
    {
        byte[] fromDer = Oid(from);
        byte[] toDer = Oid(to);
        Assert.Equal(fromDer.Length, toDer.Length);
        int index = certificate.AsSpan().IndexOf(fromDer);
        Assert.True(index > 0, "the certificate names its curve");
        Assert.Equal(-1, certificate.AsSpan(index + 1).IndexOf(fromDer));
        byte[] patched = (byte[])certificate.Clone();
        toDer.CopyTo(patched, index);
        return patched;
    }

    private static byte[] Oid(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return writer.Encode();
    }

    private static X509Certificate2 Resign(SandboxPki pki, byte[] certificate)
    {
        TbsCertificateStructure tbs = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(certificate)).TbsCertificate;
        ISignatureFactory factory = pki.IssuingCaSignatureFactory;
        IStreamCalculator<IBlockResult> calculator = factory.CreateCalculator();
        using (Stream stream = calculator.Stream)
        {
            byte[] encoded = tbs.GetDerEncoded();
            stream.Write(encoded, 0, encoded.Length);
        }

        byte[] signature = calculator.GetResult().Collect();
        var resigned = new X509CertificateStructure(tbs, (Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier)factory.AlgorithmDetails, new DerBitString(signature));
        return X509CertificateLoader.LoadCertificate(resigned.GetDerEncoded());
    }

    private static X500DistinguishedName Subject(string[] serialNumbers, string[] organizationalUnits)
    {
        var b = new X500DistinguishedNameBuilder();
        b.AddCommonName("ТЕСТОВ ТЕСТ");
        foreach (string serial in serialNumbers)
        {
            b.Add("2.5.4.5", serial, UniversalTagNumber.PrintableString);
        }

        b.AddCountryOrRegion("KZ");
        if (organizationalUnits.Length > 0)
        {
            b.AddOrganizationName("ТОО ТЕСТ");
        }

        foreach (string unit in organizationalUnits)
        {
            b.AddOrganizationalUnitName(unit);
        }

        return b.Build();
    }

    private X509Certificate2 Issue(X500DistinguishedName subject, int keySize)
    {
        using RSA key = RSA.Create(keySize);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.4")], true));
        byte[] serial = RandomNumberGenerator.GetBytes(8);
        serial[0] &= 0x7F;
        using X509Certificate2 cert = request.Create(_caWithKey, Now.AddDays(-10), Now.AddDays(300), serial);
        return cert.CopyWithPrivateKey(key);
    }

    private static byte[] SignCms(X509Certificate2 leaf, DateTimeOffset signingTime)
    {
        var cms = new SignedCms(new ContentInfo("kzid-challenge"u8.ToArray()), false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, leaf) { DigestAlgorithm = new System.Security.Cryptography.Oid("2.16.840.1.101.3.4.2.1"), IncludeOption = X509IncludeOption.EndCertOnly };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(signingTime.UtcDateTime));
        cms.ComputeSignature(signer);
        return cms.Encode();
    }

    private static async Task<(int Exit, JsonElement Json)> RunJsonAsync(params string[] args)
    {
        var stdout = new StringWriter();
        int exit = await KzidApp.RunAsync([.. args, "--json"], stdout, new StringWriter(), CancellationToken.None);
        using JsonDocument doc = JsonDocument.Parse(stdout.ToString());
        return (exit, doc.RootElement.Clone());
    }
}
