using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Kz.MicroCredit.Identity.Tests.Cryptography;
using Kz.MicroCredit.Identity.Tests.Signing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.X509;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Pki;

public sealed class SandboxPkiTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly Iin SandboxIin = Iin.Parse("880912300763");

    private static SandboxPki Create(NcaKeyAlgorithm algorithm, FakeTimeProvider? time = null) => new(new SandboxPkiOptions
    {
        Algorithm = algorithm,
        TimeProvider = time ?? new FakeTimeProvider(Now),
        CrlDistributionPoint = new Uri("http://127.0.0.1:1/crl/sandbox.crl"),
        DeltaCrlDistributionPoint = new Uri("http://127.0.0.1:1/crl/sandbox_d.crl"),
        OcspResponder = new Uri("http://127.0.0.1:1/ocsp/"),
    });

    public static TheoryData<NcaKeyAlgorithm> Algorithms => new()
    {
        NcaKeyAlgorithm.Gost2015_512, NcaKeyAlgorithm.Gost2004, NcaKeyAlgorithm.Rsa, NcaKeyAlgorithm.Gost2015_256,
    };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Issued_individual_certificate_chains_to_the_root_and_carries_the_iin(NcaKeyAlgorithm algorithm)
    {
        using SandboxPki pki = Create(algorithm);
        INcaSigner borrower = pki.IssueIndividual(SandboxIin, "САНДБОКСОВ", "АЙДАР", "ЕРЛАНҰЛЫ");

        Assert.True(NcaSignatureChecks.IsCertificateSignedBy(pki.RootCertificate, pki.RootCertificate));
        Assert.True(NcaSignatureChecks.IsCertificateSignedBy(pki.IssuingCaCertificate, pki.RootCertificate));
        Assert.True(NcaSignatureChecks.IsCertificateSignedBy(borrower.Certificate, pki.IssuingCaCertificate));
        Assert.False(NcaSignatureChecks.IsCertificateSignedBy(borrower.Certificate, pki.RootCertificate));

        NcaCertificateInfo info = NcaCertificateInfo.FromCertificate(borrower.Certificate);
        Assert.Equal(SandboxIin, info.Iin);
        Assert.Equal("САНДБОКСОВ АЙДАР", info.CommonName);
        Assert.Equal("ЕРЛАНҰЛЫ", info.GivenName);
        Assert.Equal(NcaSubjectRole.Individual, info.Role);
        Assert.Equal(NcaKeyStorage.Pkcs12File, info.KeyStorage);
        Assert.Equal(algorithm, info.KeyAlgorithm);
        Assert.True(info.Purpose.HasFlag(NcaCertificatePurpose.Signing));
        Assert.Equal(Now.AddMinutes(-1), info.NotBefore);
        Assert.Equal(algorithm, borrower.Algorithm);

        byte[] data = [9, 8, 7];
        byte[] signature = await borrower.SignAsync(data);
        Assert.True(NcaPublicKey.FromCertificate(borrower.Certificate).Verify(borrower.SignatureAlgorithmOid, data, signature));
    }

    [Fact]
    public void Sandbox_certificate_has_the_profile_of_a_real_nca_gost2015_certificate()
    {
        using SandboxPki pki = Create(NcaKeyAlgorithm.Gost2015_512);
        INcaSigner borrower = pki.IssueIndividual(SandboxIin, "САНДБОКСОВ", "АЙДАР", "ЕРЛАНҰЛЫ");
        using X509Certificate2 real = NcaTestFiles.Cert("gokalkan/certs/gost1.cer");
        var ours = X509CertificateStructure.GetInstance(borrower.Certificate.RawData);
        var theirs = X509CertificateStructure.GetInstance(real.RawData);

        Assert.Equal(theirs.SignatureAlgorithm.GetEncoded(), ours.SignatureAlgorithm.GetEncoded());
        Assert.Equal(theirs.SubjectPublicKeyInfo.Algorithm.GetEncoded(), ours.SubjectPublicKeyInfo.Algorithm.GetEncoded());
        Assert.Equal(theirs.SubjectPublicKeyInfo.PublicKey.GetOctets().Length, ours.SubjectPublicKeyInfo.PublicKey.GetOctets().Length);
        Assert.Equal(theirs.Signature.GetOctets().Length, ours.Signature.GetOctets().Length);
        Assert.Equal(
            theirs.TbsCertificate.Extensions.ExtensionOids.Select(o => o.Id).Order(StringComparer.Ordinal),
            ours.TbsCertificate.Extensions.ExtensionOids.Select(o => o.Id).Order(StringComparer.Ordinal));
        Assert.Equal(
            theirs.Subject.GetOidList().Select(o => o.Id),
            ours.Subject.GetOidList().Select(o => o.Id));
        Assert.Equal(real.Extensions["1.2.398.3.3.5"]!.RawData, borrower.Certificate.Extensions["1.2.398.3.3.5"]!.RawData);
        Assert.Equal(
            ((X509EnhancedKeyUsageExtension)real.Extensions["2.5.29.37"]!).EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value),
            ((X509EnhancedKeyUsageExtension)borrower.Certificate.Extensions["2.5.29.37"]!).EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
        Assert.Equal(real.Extensions["2.5.29.15"]!.RawData, borrower.Certificate.Extensions["2.5.29.15"]!.RawData);
    }

    [Fact]
    public void Legal_entity_certificate_carries_bin_and_roles()
    {
        using SandboxPki pki = Create(NcaKeyAlgorithm.Gost2015_512);
        INcaSigner ceo = pki.IssueLegalEntity(SandboxIin, Bin.Parse("070840007503"), "ТОО \"МФО САНДБОКС\"", "САНДБОКСОВ", "АЙДАР", NcaLegalEntityRoles.FirstHead | NcaLegalEntityRoles.SigningRight);

        NcaCertificateInfo info = NcaCertificateInfo.FromCertificate(ceo.Certificate);
        Assert.Equal("070840007503", info.Bin?.Value);
        Assert.Equal(SandboxIin, info.Iin);
        Assert.Equal("ТОО \"МФО САНДБОКС\"", info.Organization);
        Assert.Equal(NcaSubjectRole.LegalEntity, info.Role);
        Assert.Equal(NcaLegalEntityRoles.FirstHead | NcaLegalEntityRoles.SigningRight, info.LegalEntityRoles);
        Assert.True(NcaSignatureChecks.IsCertificateSignedBy(ceo.Certificate, pki.IssuingCaCertificate));
    }

    [Fact]
    public void Nca_test_iin_digits_can_be_issued()
    {
        using SandboxPki pki = Create(NcaKeyAlgorithm.Gost2015_512);
        INcaSigner signer = pki.IssueIndividualWithDigits("123456789011", "ТЕСТОВ", "ТЕСТ");
        NcaCertificateInfo info = NcaCertificateInfo.FromCertificate(signer.Certificate);

        Assert.Equal("123456789011", info.IinDigits);
        Assert.Null(info.Iin);
    }

    [Fact]
    public void Revocation_list_keeps_serial_time_and_reason()
    {
        var time = new FakeTimeProvider(Now);
        using SandboxPki pki = Create(NcaKeyAlgorithm.Gost2015_512, time);
        INcaSigner revoked = pki.IssueIndividual(SandboxIin, "А", "Б");
        INcaSigner good = pki.IssueIndividual(SandboxIin, "В", "Г");
        time.Advance(TimeSpan.FromHours(2));

        SandboxRevokedCertificate entry = pki.Revoke(revoked.Certificate, SandboxRevocationReason.KeyCompromise);
        pki.Revoke(revoked.Certificate, SandboxRevocationReason.Superseded, Now.AddDays(5)); // first revocation wins

        Assert.Equal(revoked.Certificate.SerialNumber, entry.SerialNumber);
        Assert.True(pki.IsRevoked(revoked.Certificate.SerialNumber, out SandboxRevokedCertificate? found));
        Assert.Equal(Now.AddHours(2), found.RevokedAt);
        Assert.Equal(SandboxRevocationReason.KeyCompromise, found.Reason);
        Assert.False(pki.IsRevoked(good.Certificate.SerialNumber, out _));
        Assert.Single(pki.RevokedCertificates);

        using X509Certificate2 foreign = NcaTestFiles.Cert("gokalkan/certs/gost1.cer");
        Assert.Throws<ArgumentException>(() => pki.Revoke(foreign));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Bouncy_castle_crl_generator_signs_nca_compatible_crls_with_the_ca_factory(NcaKeyAlgorithm algorithm)
    {
        using SandboxPki pki = Create(algorithm);
        INcaSigner revoked = pki.IssueIndividual(SandboxIin, "А", "Б");
        pki.Revoke(revoked.Certificate, SandboxRevocationReason.KeyCompromise);

        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(pki.IssuingCaName);
        generator.SetThisUpdate(Now.UtcDateTime);
        generator.SetNextUpdate(Now.AddDays(1).UtcDateTime);
        foreach (SandboxRevokedCertificate entry in pki.RevokedCertificates)
        {
            generator.AddCrlEntry(new Org.BouncyCastle.Math.BigInteger(entry.SerialNumber, 16), entry.RevokedAt.UtcDateTime, (int)entry.Reason);
        }

        X509Crl crl = generator.Generate(pki.IssuingCaSignatureFactory);

        Assert.Equal(pki.IssuingCaSigner.SignatureAlgorithmOid, crl.SigAlgOid);
        Assert.True(NcaSignatureChecks.IsCrlSignedBy(crl, pki.IssuingCaCertificate));
        Assert.False(NcaSignatureChecks.IsCrlSignedBy(crl, pki.RootCertificate));
        Assert.NotNull(crl.GetRevokedCertificate(new Org.BouncyCastle.Math.BigInteger(revoked.Certificate.SerialNumber, 16)));
    }

    [Fact]
    public void Service_certificates_have_their_extended_key_usages()
    {
        using SandboxPki pki = Create(NcaKeyAlgorithm.Gost2015_512);
        INcaSigner ocsp = pki.IssueServiceCertificate("SANDBOX OCSP", SandboxServiceKind.OcspResponder);
        INcaSigner tsa = pki.IssueServiceCertificate("SANDBOX TSA", SandboxServiceKind.TimeStampingAuthority);

        Assert.Contains("1.3.6.1.5.5.7.3.9", NcaCertificateInfo.FromCertificate(ocsp.Certificate).ExtendedKeyUsages);
        Assert.NotNull(ocsp.Certificate.Extensions["1.3.6.1.5.5.7.48.1.5"]);
        Assert.True(tsa.Certificate.Extensions["2.5.29.37"]!.Critical);
        Assert.True(NcaSignatureChecks.IsCertificateSignedBy(tsa.Certificate, pki.IssuingCaCertificate));
    }

    [Theory]
    [InlineData(NcaKeyAlgorithm.Gost2015_512, false)]
    [InlineData(NcaKeyAlgorithm.Gost2015_512, true)]
    [InlineData(NcaKeyAlgorithm.Rsa, true)]
    [InlineData(NcaKeyAlgorithm.Gost2004, false)]
    public async Task Challenge_cms_from_the_sandbox_verifies(NcaKeyAlgorithm algorithm, bool detached)
    {
        var time = new FakeTimeProvider(Now);
        using SandboxPki pki = Create(algorithm, time);
        INcaSigner borrower = pki.IssueIndividual(SandboxIin, "САНДБОКСОВ", "АЙДАР");
        BorrowerChallenge challenge = await IssueChallengeAsync(time);

        byte[] der = await pki.SignChallengeCmsAsync(challenge, borrower, detached);

        byte[] content = challenge.ToSignedBytes();
        CmsSignedData cms = detached ? new CmsSignedData(new CmsProcessableByteArray(content), der) : new CmsSignedData(der);
        if (!detached)
        {
            byte[] attached = Asn1OctetString.GetInstance(Org.BouncyCastle.Asn1.Cms.SignedData.GetInstance(cms.ContentInfo.Content).EncapContentInfo.Content).GetOctets();
            Assert.Equal(content, attached);
            Assert.True(BorrowerChallenge.TryParseSignedText(attached, out ChallengeReference reference));
            Assert.Equal(challenge.Id, reference.Id);
        }

        SignerInformation signer = cms.GetSignerInfos().GetSigners().Single();
        NcaCmsSignerTests.AssertSignerValid(signer, cms, content);
        Assert.True(NcaSignatureChecks.IsCertificateSignedBy(
            X509CertificateLoader.LoadCertificate(cms.GetCertificates().EnumerateMatches(signer.SignerID).Single().GetEncoded()), pki.IssuingCaCertificate));
    }

    [Theory]
    [InlineData(NcaKeyAlgorithm.Gost2015_512)]
    [InlineData(NcaKeyAlgorithm.Rsa)]
    public async Task Challenge_xml_from_the_sandbox_verifies(NcaKeyAlgorithm algorithm)
    {
        var time = new FakeTimeProvider(Now);
        using SandboxPki pki = Create(algorithm, time);
        INcaSigner borrower = pki.IssueIndividual(SandboxIin, "САНДБОКСОВ", "АЙДАР");
        BorrowerChallenge challenge = await IssueChallengeAsync(time);

        string xml = await SandboxPki.SignChallengeXmlAsync(challenge, borrower);

        Assert.True(NcaXmlSignerTests.VerifyLastSignature(xml, out X509Certificate2 certificate));
        Assert.Equal(borrower.Certificate.RawData, certificate.RawData);
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        Assert.True(BorrowerChallenge.TryParseSignedXml(document.DocumentElement!, out ChallengeReference reference));
        Assert.Equal(challenge.Nonce, reference.Nonce);
        Assert.False(NcaXmlSignerTests.VerifyLastSignature(xml.Replace(challenge.Nonce, challenge.Nonce[..^1] + (challenge.Nonce[^1] == 'A' ? "B" : "A"), StringComparison.Ordinal), out _));
    }

    private static Task<BorrowerChallenge> IssueChallengeAsync(FakeTimeProvider time)
    {
        var service = new BorrowerChallengeService(new InMemoryChallengeStore(time), time, Options.Create(new ChallengeOptions()), NullLogger<BorrowerChallengeService>.Instance);
        return service.IssueAsync(SandboxIin, IdentificationOperation.AgreementSigning);
    }
}
