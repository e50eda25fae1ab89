using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Tests.Cryptography;
using Org.BouncyCastle.Math;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Signing;

public sealed class Pkcs12NcaSignerTests
{
    private const string NcaGost2022Test = "kalkan-sdk-testdata/certs/nca_gost2022_test.cer";
    private const string NcaGostTest = "ncanode/resources/ca/nca_gost_test.crt";
    private const string NcaRsaTest = "ncanode/resources/ca/nca_rsa_test.crt";

    public static TheoryData<string, string, NcaKeyAlgorithm, string> KeyFiles()
    {
        var data = new TheoryData<string, string, NcaKeyAlgorithm, string>
        {
            { "gokalkan/certs/gost1.p12", "Qwerty12", NcaKeyAlgorithm.Gost2015_512, NcaGost2022Test },
            { "gokalkan/certs/gost2.p12", "Qwerty12", NcaKeyAlgorithm.Gost2015_512, NcaGost2022Test },
            { "gokalkan/examples_test_cert/GOSTKNCA.p12", "Qwerty12", NcaKeyAlgorithm.Gost2004, NcaGostTest },
            { "ncanode/keys/key_individual_valid_sign_2004.p12", "Qwerty12", NcaKeyAlgorithm.Rsa, NcaRsaTest },
            { "ncanode/keys/key_individual_auth_revoked_2004.p12", "Qwerty12", NcaKeyAlgorithm.Rsa, NcaRsaTest },
            { "ncanode/keys/key_individual_sign_revoked_2004.p12", "Qwerty12", NcaKeyAlgorithm.Rsa, NcaRsaTest },
            { "ncanode/keys/key_ceo_sign_revoked_2004.p12", "Qwerty12", NcaKeyAlgorithm.Gost2004, NcaGostTest },
            { "ncanode/keys/key_individual_valid_2015.p12", "Aa123456", NcaKeyAlgorithm.Gost2015_512, NcaGost2022Test },
            { "ncanode/keys/key_ceo_revoked_2015.p12", "Aa123456", NcaKeyAlgorithm.Gost2015_512, NcaGost2022Test },
            { "ncanode/legacy_2018/individual_valid/RSA256_8426360556902ce4ac33977836f873e1dc190976.p12", "Qwerty12", NcaKeyAlgorithm.Rsa, "production-ca/prod/nca_rsa.pem" },
            { "ncanode/legacy_2018/individual_valid/AUTH_RSA256_6b361b864c679601b652fe387f61fcd9303c0327.p12", "Qwerty12", NcaKeyAlgorithm.Rsa, "production-ca/prod/nca_rsa.pem" },
            { "ncanode/legacy_2018/individual_valid/GOSTKNCA_f8a422238209b6e753116431b69b09178f14e9d7.p12", "Qwerty12", NcaKeyAlgorithm.Gost2004, "production-ca/prod/nca_gost.pem" },
        };
        foreach (string file in Directory.EnumerateFiles(NcaTestFiles.PathOf("kalkan-sdk-testdata/p12"), "*.p12").Order(StringComparer.Ordinal))
        {
            data.Add("kalkan-sdk-testdata/p12/" + Path.GetFileName(file), "Qwerty12", NcaKeyAlgorithm.Gost2015_512, NcaGost2022Test);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KeyFiles))]
    public async Task Real_key_file_loads_and_signs_verifiably(string file, string password, NcaKeyAlgorithm algorithm, string caFile)
    {
        using Pkcs12NcaSigner signer = Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf(file), password);
        using X509Certificate2 ca = NcaTestFiles.Cert(caFile);

        Assert.Equal(algorithm, signer.Algorithm);
        Assert.True(NcaSignatureChecks.IsCertificateSignedBy(signer.Certificate, ca));

        byte[] data = Encoding.UTF8.GetBytes("Kz.MicroCredit.Identity " + file);
        byte[] signature = await signer.SignAsync(data);
        NcaPublicKey key = NcaPublicKey.FromCertificate(signer.Certificate);

        Assert.True(key.Verify(signer.SignatureAlgorithmOid, data, signature));
        Assert.True(key.VerifyHash(signer.ComputeDigest(data), signature));
        Assert.False(key.Verify(signer.SignatureAlgorithmOid, Encoding.UTF8.GetBytes("other"), signature));
    }

    [Theory]
    [InlineData("gokalkan/certs/gost1.p12")]
    [InlineData("ncanode/keys/key_individual_valid_sign_2004.p12")]
    [InlineData("gokalkan/examples_test_cert/GOSTKNCA.p12")]
    public void Wrong_password_is_reported_without_the_password(string file)
    {
        NcaKeyFileException ex = Assert.Throws<NcaKeyFileException>(() => Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf(file), "Qwerty13-secret"));

        Assert.Equal(NcaKeyFileError.WrongPassword, ex.Error);
        Assert.DoesNotContain("Qwerty13-secret", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gokalkan/certs/gost1.cer")]
    [InlineData("kalkan-sdk-testdata/certs/nca_gost2022_test.cer")]
    [InlineData("ncanode/cms/CmsServiceTest.signed_cms.p7s")]
    [InlineData("ncalayer-rs/test_message.txt")]
    public void Non_pkcs12_file_is_reported_as_such(string file)
    {
        NcaKeyFileException ex = Assert.Throws<NcaKeyFileException>(() => Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf(file), "Qwerty12"));

        Assert.Equal(NcaKeyFileError.NotPkcs12, ex.Error);
    }

    [Fact]
    public void Gost2015_key_file_certificate_profile_is_readable()
    {
        using Pkcs12NcaSigner signer = Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf("gokalkan/examples_test_cert/GOSTKNCA.p12"), "Qwerty12");
        NcaCertificateInfo info = NcaCertificateInfo.FromCertificate(signer.Certificate);

        Assert.Equal("940229400158", info.IinDigits);
        Assert.Equal("070840007503", info.BinDigits);
        Assert.Equal("070840007503", info.Bin?.Value); // a BIN with a valid check digit
        Assert.Equal(NcaSubjectRole.LegalEntity, info.Role);
        Assert.True(info.LegalEntityRoles.HasFlag(NcaLegalEntityRoles.FirstHead));
    }

    [Fact]
    public void Kalkan_oracle_private_key_reproduces_the_public_key_and_signs_verifiably()
    {
        Dictionary<string, string> vectors = File.ReadAllLines(NcaTestFiles.PathOf("ncalayer-rs/test_gost512.vectors"))
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim());
        using NcaPrivateKey key = NcaPrivateKey.FromGost(NcaKeyAlgorithm.Gost2015_512, new BigInteger(vectors["d"], 16));
        NcaPublicKey published = NcaPublicKey.FromSubjectPublicKeyInfo(Convert.FromHexString(vectors["spki"]));

        Assert.True(key.Matches(published));
        Assert.Equal(Convert.FromHexString(vectors["spki"]), key.PublicKey.SubjectPublicKeyInfo.ToArray());

        byte[] message = Encoding.UTF8.GetBytes(vectors["msg"]);
        byte[] signature = key.Sign(message);
        Assert.True(published.Verify(vectors["sigalg_oid"], message, signature));

        // GOST signatures are randomised: ours differs from Kalkan's, both verify.
        Assert.NotEqual(Convert.FromHexString(vectors["sig"]), signature);
        Assert.True(published.Verify(vectors["sigalg_oid"], message, Convert.FromHexString(vectors["sig"])));
    }

    [Theory]
    [InlineData(NcaKeyAlgorithm.Rsa)]
    [InlineData(NcaKeyAlgorithm.Gost2004)]
    [InlineData(NcaKeyAlgorithm.Gost2015_512)]
    [InlineData(NcaKeyAlgorithm.Gost2015_256)]
    public void Generated_key_round_trips_and_exports_in_the_nca_encoding(NcaKeyAlgorithm algorithm)
    {
        using NcaPrivateKey key = NcaPrivateKey.Generate(algorithm);
        byte[] data = [1, 2, 3, 4, 5];
        byte[] signature = key.Sign(data);

        Assert.True(key.PublicKey.Verify(key.SignatureAlgorithmOid, data, signature));
        Assert.False(key.PublicKey.Verify(key.SignatureAlgorithmOid, [1, 2, 3, 4], signature));

        using NcaPrivateKey reread = NcaPrivateKey.FromPrivateKeyInfo(
            Org.BouncyCastle.Asn1.Pkcs.PrivateKeyInfo.GetInstance(key.ExportPrivateKeyInfo()));
        Assert.True(reread.Matches(key.PublicKey));
    }
}
