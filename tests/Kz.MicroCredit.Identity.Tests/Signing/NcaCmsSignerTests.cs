using System.Text;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Tests.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Cms;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Signing;

public sealed class NcaCmsSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 20, 30, TimeSpan.Zero);
    private readonly NcaCmsSigner _cms = new(new FakeTimeProvider(Now));

    private static Pkcs12NcaSigner Gost2015() => Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf("ncanode/keys/key_individual_valid_2015.p12"), "Aa123456");

    private static Pkcs12NcaSigner Rsa() => Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf("ncanode/keys/key_individual_valid_sign_2004.p12"), "Qwerty12");

    private static Pkcs12NcaSigner Gost2004() => Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf("ncanode/keys/key_ceo_sign_revoked_2004.p12"), "Qwerty12");

    /// <summary>Independent check: BouncyCastle parses the CMS; digest and signature are verified with the signer's certificate key.</summary>
    internal static void AssertSignerValid(SignerInformation signer, CmsSignedData cms, byte[] content)
    {
        Org.BouncyCastle.X509.X509Certificate certificate = cms.GetCertificates().EnumerateMatches(signer.SignerID).Single();
        NcaPublicKey key = NcaPublicKey.FromSubjectPublicKeyInfo(certificate.CertificateStructure.SubjectPublicKeyInfo);
        byte[] messageDigest = Asn1OctetString.GetInstance(signer.SignedAttributes[CmsAttributes.MessageDigest].AttrValues[0]).GetOctets();

        Assert.Equal(NcaDigests.Compute(signer.DigestAlgorithmID.Algorithm.Id, content), messageDigest);
        Assert.True(key.Verify(signer.SignatureAlgorithm.Algorithm.Id, signer.DigestAlgorithmID.Algorithm.Id, signer.GetEncodedSignedAttributes(), signer.GetSignature()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Gost2015_cms_verifies_and_has_the_kalkan_layout(bool detached)
    {
        using Pkcs12NcaSigner signer = Gost2015();
        byte[] content = Encoding.UTF8.GetBytes("test123");

        byte[] der = await _cms.SignAsync(signer, content, detached);

        CmsSignedData cms = detached ? new CmsSignedData(new CmsProcessableByteArray(content), der) : new CmsSignedData(der);
        SignerInformation info = cms.GetSignerInfos().GetSigners().Single();
        AssertSignerValid(info, cms, content);
        Assert.Equal(detached, new CmsSignedData(der).SignedContent is null);

        // Same layout as the Kalkan-produced GOST-2015 signer of ncanode/cms/CmsServiceTest.signed_cms.p7s
        var kalkan = new CmsSignedData(NcaTestFiles.Bytes("ncanode/cms/CmsServiceTest.signed_cms.p7s"));
        SignerInformation kalkanGost = kalkan.GetSignerInfos().GetSigners().Single(s => s.DigestAlgorithmID.Algorithm.Id == NcaOids.Streebog512Digest);
        Assert.Equal(kalkanGost.SignatureAlgorithm.Algorithm, info.SignatureAlgorithm.Algorithm);
        Assert.Equal(kalkanGost.DigestAlgorithmID.GetEncoded(), info.DigestAlgorithmID.GetEncoded());
        Assert.Equal(kalkanGost.SignatureAlgorithm.GetEncoded(), info.SignatureAlgorithm.GetEncoded());
        Assert.Equal(AttributeOids(kalkanGost), AttributeOids(info));
        Assert.Equal(kalkanGost.Version, info.Version);
        Assert.Equal(kalkan.Version, cms.Version);
        Assert.Equal(128, info.GetSignature().Length);

        Org.BouncyCastle.Asn1.Cms.Time signingTime = Org.BouncyCastle.Asn1.Cms.Time.GetInstance(info.SignedAttributes[CmsAttributes.SigningTime].AttrValues[0]);
        Assert.Equal(Now.UtcDateTime, signingTime.ToDateTime());
        Assert.IsAssignableFrom<Asn1UtcTime>(signingTime.ToAsn1Object()); // UTCTime, as Kalkan writes
    }

    [Theory]
    [InlineData("rsa")]
    [InlineData("gost2004")]
    public async Task Rsa_and_gost2004_cms_verify(string which)
    {
        using Pkcs12NcaSigner signer = which == "rsa" ? Rsa() : Gost2004();
        byte[] content = Encoding.UTF8.GetBytes("lol_kek");

        var cms = new CmsSignedData(await _cms.SignAsync(signer, content, detached: false));
        SignerInformation info = cms.GetSignerInfos().GetSigners().Single();

        AssertSignerValid(info, cms, content);
        Assert.Equal(signer.SignatureAlgorithmOid, info.SignatureAlgorithm.Algorithm.Id);
    }

    [Fact]
    public async Task Tampered_content_breaks_the_message_digest()
    {
        using Pkcs12NcaSigner signer = Gost2015();
        byte[] der = await _cms.SignAsync(signer, Encoding.UTF8.GetBytes("test123"), detached: true);
        var cms = new CmsSignedData(new CmsProcessableByteArray(Encoding.UTF8.GetBytes("test124")), der);
        SignerInformation info = cms.GetSignerInfos().GetSigners().Single();

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertSignerValid(info, cms, Encoding.UTF8.GetBytes("test124")));
    }

    [Fact]
    public async Task Second_signer_is_added_and_both_verify()
    {
        using Pkcs12NcaSigner gost = Gost2015();
        using Pkcs12NcaSigner rsa = Rsa();
        byte[] content = Encoding.UTF8.GetBytes("test123");

        byte[] first = await _cms.SignAsync(gost, content, detached: true);
        byte[] both = await _cms.AddSignerAsync(first, rsa, content);

        var cms = new CmsSignedData(new CmsProcessableByteArray(content), both);
        List<SignerInformation> signers = cms.GetSignerInfos().GetSigners().ToList();
        Assert.Equal(2, signers.Count);
        Assert.Equal(2, cms.GetCertificates().EnumerateMatches(null).Count());
        foreach (SignerInformation signer in signers)
        {
            AssertSignerValid(signer, cms, content);
        }

        await Assert.ThrowsAsync<System.Security.Cryptography.CryptographicException>(() => _cms.AddSignerAsync(first, rsa));
    }

    [Fact]
    public async Task Signer_is_added_to_a_real_kalkan_cms_without_touching_its_signers()
    {
        using Pkcs12NcaSigner signer = Gost2004();
        byte[] kalkan = NcaTestFiles.Bytes("ncanode/cms/CmsServiceTest.signed_cms.p7s");

        var cms = new CmsSignedData(await _cms.AddSignerAsync(kalkan, signer));
        List<SignerInformation> signers = cms.GetSignerInfos().GetSigners().ToList();
        var original = new CmsSignedData(kalkan).GetSignerInfos().GetSigners().ToList();

        Assert.Equal(3, signers.Count);
        foreach (SignerInformation before in original)
        {
            Assert.Contains(signers, s => s.GetSignature().AsSpan().SequenceEqual(before.GetSignature()));
        }

        foreach (SignerInformation s in signers)
        {
            AssertSignerValid(s, cms, Encoding.UTF8.GetBytes("test123"));
        }
    }

    private static string[] AttributeOids(SignerInformation signer) =>
        signer.SignedAttributes.ToAttributes().GetAttributes().Select(a => a.AttrType.Id).ToArray();
}
