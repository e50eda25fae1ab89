using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Cryptography;

public sealed class NcaCertificateInfoTests
{
    [Fact]
    public void Gost2015_individual_test_certificate()
    {
        using X509Certificate2 cert = NcaTestFiles.Cert("gokalkan/certs/gost1.cer");
        NcaCertificateInfo info = NcaCertificateInfo.FromCertificate(cert);

        Assert.Equal("123456789011", info.IinDigits);
        Assert.Null(info.Iin); // the NCA test IIN fails the check digit
        Assert.Null(info.BinDigits);
        Assert.Equal("ТЕСТОВ ТЕСТ", info.CommonName);
        Assert.Equal("ТЕСТОВ", info.Surname);
        Assert.Equal("ТЕСТОВИЧ", info.GivenName);
        Assert.Equal(NcaSubjectRole.Individual, info.Role);
        Assert.Equal(NcaLegalEntityRoles.None, info.LegalEntityRoles);
        Assert.Equal(NcaCertificatePurpose.Both, info.Purpose);
        Assert.Equal(NcaKeyStorage.Pkcs12File, info.KeyStorage);
        Assert.Equal(NcaKeyAlgorithm.Gost2015_512, info.KeyAlgorithm);
        Assert.Equal("1147287582DF9BB4710E461804ACD49B88BF45C4", info.SerialNumber);
        Assert.Equal("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022", info.IssuerCommonName);
        Assert.Equal(new DateTimeOffset(2024, 11, 8, 10, 18, 40, TimeSpan.Zero), info.NotAfter);
        Assert.Contains("1.2.398.3.3.2", info.PolicyOids);
    }

    [Fact]
    public void Gost2004_ceo_certificate_of_a_legal_entity()
    {
        using X509Certificate2 cert = NcaTestFiles.Cert("ncanode/resources/certs/ceo_valid_sign_2004_gost.cer");
        NcaCertificateInfo info = NcaCertificateInfo.FromCertificate(cert);

        Assert.Equal("123456789021", info.BinDigits);
        Assert.Equal(NcaSubjectRole.LegalEntity, info.Role);
        Assert.True(info.LegalEntityRoles.HasFlag(NcaLegalEntityRoles.FirstHead));
        Assert.Equal(NcaKeyAlgorithm.Gost2004, info.KeyAlgorithm);
        Assert.Equal("АО \"ТЕСТ\"", info.Organization);
    }

    [Fact]
    public void Gost2004_hr_certificate_issued_by_the_production_ca()
    {
        using X509Certificate2 cert = NcaTestFiles.Cert("kalkan-sdk-testdata/examples/test_CERT_GOST.txt");
        NcaCertificateInfo info = NcaCertificateInfo.FromCertificate(cert);

        Assert.Equal("123456789012", info.IinDigits);
        Assert.Equal("123456789021", info.BinDigits);
        Assert.Null(info.Bin);
        Assert.Equal(NcaSubjectRole.LegalEntity, info.Role);
        Assert.Equal(NcaLegalEntityRoles.HumanResources, info.LegalEntityRoles);
        Assert.Equal(NcaKeyAlgorithm.Gost2004, info.KeyAlgorithm);
    }

    [Theory]
    [InlineData("ncanode/resources/certs/individual_valid_sign_2004_rsa.cer", NcaCertificatePurpose.Signing)]
    [InlineData("ncanode/resources/certs/individual_valid_sign_2004_rsa_auth.cer", NcaCertificatePurpose.Authentication)]
    public void Rsa_individual_sign_and_auth_certificates(string file, NcaCertificatePurpose purpose)
    {
        using X509Certificate2 cert = NcaTestFiles.Cert(file);
        NcaCertificateInfo info = NcaCertificateInfo.FromCertificate(cert);

        Assert.Equal("123456789011", info.IinDigits);
        Assert.Equal(NcaSubjectRole.Individual, info.Role);
        Assert.Equal(purpose, info.Purpose);
        Assert.Equal(NcaKeyAlgorithm.Rsa, info.KeyAlgorithm);
    }

    [Fact]
    public void Ca_certificate_has_no_holder_data()
    {
        using X509Certificate2 cert = NcaTestFiles.Cert("kalkan-sdk-testdata/certs/nca_gost2022_test.cer");
        NcaCertificateInfo info = NcaCertificateInfo.FromCertificate(cert);

        Assert.Null(info.IinDigits);
        Assert.Null(info.BinDigits);
        Assert.Equal(NcaSubjectRole.Unknown, info.Role);
        Assert.Equal(NcaKeyStorage.Unknown, info.KeyStorage);
    }

    [Theory]
    [InlineData("gokalkan/certs/gost1.cer")]
    [InlineData("kalkan-sdk-testdata/examples/test_CERT_GOST.txt")]
    [InlineData("ncanode/resources/certs/individual_valid_sign_2004_rsa.cer")]
    public void ToString_prints_no_personal_data(string file)
    {
        using X509Certificate2 cert = NcaTestFiles.Cert(file);
        NcaCertificateInfo info = NcaCertificateInfo.FromCertificate(cert);
        string text = info.ToString();

        Assert.DoesNotContain(info.IinDigits!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(info.Surname!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(info.CommonName!, text, StringComparison.Ordinal);
        Assert.Contains(info.Role.ToString(), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cli_names_round_trip()
    {
        Assert.Equal("GOST3410-2015-512", NcaKeyAlgorithm.Gost2015_512.ToCliName());
        Assert.Equal("GOST34310-2004", NcaKeyAlgorithm.Gost2004.ToCliName());
        foreach (NcaKeyAlgorithm algorithm in Enum.GetValues<NcaKeyAlgorithm>())
        {
            Assert.True(NcaKeyAlgorithmNames.TryParseCliName(algorithm.ToCliName().ToLowerInvariant(), out NcaKeyAlgorithm parsed));
            Assert.Equal(algorithm, parsed);
        }

        Assert.False(NcaKeyAlgorithmNames.TryParseCliName("ECDSA", out _));
    }
}
