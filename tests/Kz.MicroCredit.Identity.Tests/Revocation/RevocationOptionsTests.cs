using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Eds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Revocation;

/// <summary>DI registration, configuration binding, option validation and the NCA presets.</summary>
public sealed class RevocationOptionsTests
{
    [Fact]
    public void AddNcaRevocation_replaces_the_opt_out_checker_and_binds_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Revocation:OcspResponderUrl"] = "http://127.0.0.1:9/ocsp",
            ["Revocation:Order:0"] = "Crl",
            ["Revocation:SoftFail"] = "false",
            ["Revocation:Issuers:0:Name"] = "NCA GOST 2022",
            ["Revocation:Issuers:0:Subject"] = "C=KZ, CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) 2022",
            ["Revocation:Issuers:0:CrlUrls:0"] = "http://crl.pki.gov.kz/nca_gost_2022.crl",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ICertificateRevocationChecker>(NoRevocationChecker.Instance);
        services.AddBorrowerIdentification().AddNcaRevocation(configuration.GetSection("Revocation"));
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.IsNotType<NoRevocationChecker>(provider.GetRequiredService<ICertificateRevocationChecker>());
        RevocationOptions options = provider.GetRequiredService<IOptions<RevocationOptions>>().Value;
        Assert.Equal([RevocationSource.Crl], options.Order);
        Assert.Equal("http://crl.pki.gov.kz/nca_gost_2022.crl", Assert.Single(Assert.Single(options.Issuers).CrlUrls).ToString());
    }

    [Fact]
    public void Invalid_options_fail_validation()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBorrowerIdentification().AddNcaRevocation(o =>
        {
            o.OcspResponderUrl = new Uri("file:///etc/passwd");
            o.ClockSkew = TimeSpan.FromDays(1);
            o.Issuers.Add(new RevocationIssuerOptions { Name = "no identity" });
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RevocationOptions>>().Value);
        Assert.Equal(3, ex.Failures.Count());
    }

    [Fact]
    public void Nca_presets_pin_the_documented_endpoints()
    {
        RevocationOptions production = new RevocationOptions().UseNcaProduction();
        Assert.Equal("http://ocsp.pki.gov.kz/", production.OcspResponderUrl!.ToString());
        Assert.Contains(production.Issuers, i => i.CrlUrls.Any(u => u.ToString() == "http://crl.pki.gov.kz/nca_gost_2022.crl") && i.DeltaCrlUrls.Any(u => u.ToString() == "http://crl.pki.gov.kz/nca_d_gost_2022.crl"));
        RevocationOptions test = new RevocationOptions().UseNcaTest();
        Assert.Equal("http://test.pki.gov.kz/ocsp/", test.OcspResponderUrl!.ToString());
        X509Certificate2 testCa = RevocationTestData.Cert("kalkan-sdk-testdata", "certs", "nca_gost2022_test.cer");
        Assert.Equal("NCA GOST TEST 2022", test.FindIssuer(testCa)!.Name);
        Assert.Null(production.FindIssuer(testCa));
    }
}
