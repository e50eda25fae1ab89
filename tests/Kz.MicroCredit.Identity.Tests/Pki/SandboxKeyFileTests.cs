using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Kz.MicroCredit.Identity.Tests.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Ocsp;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Pki;

public sealed class SandboxKeyFileTests
{
    private static readonly Iin SandboxIin = Iin.Parse("880912300763");

    [Theory]
    [InlineData(NcaKeyAlgorithm.Gost2015_512)]
    [InlineData(NcaKeyAlgorithm.Gost2004)]
    [InlineData(NcaKeyAlgorithm.Rsa)]
    public async Task Exported_key_file_loads_with_pkcs12_nca_signer(NcaKeyAlgorithm algorithm)
    {
        using var pki = new SandboxPki(new SandboxPkiOptions { Algorithm = algorithm });
        INcaSigner issued = pki.IssueIndividual(SandboxIin, "САНДБОКСОВ", "АЙДАР");

        byte[] file = pki.ExportPkcs12(issued, "Sandbox1");
        using Pkcs12NcaSigner loaded = Pkcs12NcaSigner.Load(file, "Sandbox1");

        Assert.Equal(issued.Certificate.RawData, loaded.Certificate.RawData);
        Assert.Equal(2, loaded.OtherCertificates.Count);
        byte[] signature = await loaded.SignAsync(new byte[] { 1, 2, 3 });
        Assert.True(NcaPublicKey.FromCertificate(issued.Certificate).Verify(issued.SignatureAlgorithmOid, new byte[] { 1, 2, 3 }, signature));
        Assert.Equal(NcaKeyFileError.WrongPassword, Assert.Throws<NcaKeyFileException>(() => Pkcs12NcaSigner.Load(file, "Sandbox2")).Error);
    }

    [Fact]
    public void Structural_errors_of_key_files_are_classified()
    {
        using var pki = new SandboxPki();
        var first = (NcaPrivateKeySigner)pki.IssueIndividual(SandboxIin, "А", "Б");
        var second = (NcaPrivateKeySigner)pki.IssueIndividual(SandboxIin, "В", "Г");

        Assert.Equal(NcaKeyFileError.NoPrivateKey, Error(NcaPkcs12Builder.Build(null, [first.Certificate.RawData], "p")));
        Assert.Equal(NcaKeyFileError.NoCertificate, Error(NcaPkcs12Builder.Build(first.Key, [], "p")));
        Assert.Equal(NcaKeyFileError.KeyCertificateMismatch, Error(NcaPkcs12Builder.Build(first.Key, [second.Certificate.RawData], "p")));

        // a real NCA key file with another file's certificate swapped in is also a mismatch
        using Pkcs12NcaSigner real = Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf("gokalkan/certs/gost1.p12"), "Qwerty12");
        Assert.Equal(NcaKeyFileError.KeyCertificateMismatch, Error(NcaPkcs12Builder.Build(real.Key, [first.Certificate.RawData], "p")));

        static NcaKeyFileError Error(byte[] file) => Assert.Throws<NcaKeyFileException>(() => Pkcs12NcaSigner.Load(file, "p")).Error;
    }

    [Theory]
    [InlineData(NcaKeyAlgorithm.Gost2015_512)]
    [InlineData(NcaKeyAlgorithm.Gost2004)]
    [InlineData(NcaKeyAlgorithm.Rsa)]
    public void Bouncy_castle_ocsp_generator_emits_responses_that_verify(NcaKeyAlgorithm algorithm)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero));
        using var pki = new SandboxPki(new SandboxPkiOptions { Algorithm = algorithm, TimeProvider = time });
        INcaSigner responder = pki.IssueServiceCertificate("SANDBOX OCSP", SandboxServiceKind.OcspResponder);
        var responderKey = ((NcaPrivateKeySigner)responder).Key;
        var bcResponder = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(responder.Certificate.RawData);

        var generator = new BasicOcspRespGenerator(new RespID(bcResponder.SubjectDN));
        generator.AddResponse(
            new CertificateID(new Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier(Org.BouncyCastle.Asn1.Oiw.OiwObjectIdentifiers.IdSha1, DerNull.Instance), new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(pki.IssuingCaCertificate.RawData), new Org.BouncyCastle.Math.BigInteger(1, [1, 2, 3])),
            CertificateStatus.Good);
        BasicOcspResp response = generator.Generate(new NcaSignatureFactory(responderKey), [bcResponder], time.GetUtcNow().UtcDateTime);

        Assert.Equal(responder.SignatureAlgorithmOid, BasicOcspResponse.GetInstance(Asn1Object.FromByteArray(response.GetEncoded())).SignatureAlgorithm.Algorithm.Id);
        Assert.True(NcaSignatureChecks.IsSignedStructureSignedBy(response.GetEncoded(), NcaPublicKey.FromCertificate(responder.Certificate)));
        Assert.False(NcaSignatureChecks.IsSignedStructureSignedBy(response.GetEncoded(), NcaPublicKey.FromCertificate(pki.IssuingCaCertificate)));
    }

    [Theory]
    [InlineData(NcaKeyAlgorithm.Rsa)]
    public void Bouncy_castle_cms_generator_with_the_factory_emits_verifiable_signer_infos(NcaKeyAlgorithm algorithm)
    {
        // RSA only: BouncyCastle's CMS generators cannot hash with the Kazakh digest OIDs (NcaCmsSigner covers GOST).
        using var pki = new SandboxPki(new SandboxPkiOptions { Algorithm = algorithm });
        var signer = (NcaPrivateKeySigner)pki.IssueIndividual(SandboxIin, "А", "Б");
        var bcCertificate = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(signer.Certificate.RawData);
        byte[] content = [1, 2, 3, 4];

        var generator = new CmsSignedDataGenerator();
        generator.AddSignerInfoGenerator(new SignerInfoGeneratorBuilder().Build(new NcaSignatureFactory(signer.Key), bcCertificate));
        generator.AddCertificate(bcCertificate);
        CmsSignedData cms = generator.Generate(new CmsProcessableByteArray(content), encapsulate: true);

        SignerInformation info = cms.GetSignerInfos().GetSigners().Single();
        Kz.MicroCredit.Identity.Tests.Signing.NcaCmsSignerTests.AssertSignerValid(info, new CmsSignedData(cms.GetEncoded()), content);
    }
}
