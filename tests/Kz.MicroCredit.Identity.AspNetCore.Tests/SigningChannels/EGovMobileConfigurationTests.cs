using Kz.MicroCredit.Identity.SigningChannels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests.SigningChannels;

public sealed class EGovMobileConfigurationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        IConfigurationRoot configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBorrowerIdentification(configuration.GetSection("Kzid"));
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_kzid_section_binds_egov_mobile_signing()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Kzid:Policy"] = "rules-2021",
            ["Kzid:EGovMobileSigning:PublicBaseUrl"] = "https://credit.example.kz/",
            ["Kzid:EGovMobileSigning:OrganisationNameRu"] = "ТОО «МФО»",
            ["Kzid:EGovMobileSigning:OrganisationNameKz"] = "«МҚҰ» ЖШС",
            ["Kzid:EGovMobileSigning:OrganisationNameEn"] = "MFO LLP",
            ["Kzid:EGovMobileSigning:OrganisationBin"] = "123456789012",
            ["Kzid:EGovMobileSigning:SignMethod"] = "CmsWithData",
            ["Kzid:EGovMobileSigning:DeepLinkTemplates:bank"] = "https://bank.example/sign?u={url}",
        });

        EGovMobileSigningOptions options = provider.GetRequiredService<IOptions<EGovMobileSigningOptions>>().Value;

        Assert.Equal(new Uri("https://credit.example.kz/"), options.PublicBaseUrl);
        Assert.Equal(EGovMobileSignMethod.CmsWithData, options.SignMethod);
        Assert.Equal("https://bank.example/sign?u={url}", options.DeepLinkTemplates["bank"]);
        Assert.Contains("egov", options.DeepLinkTemplates.Keys);
        Assert.NotNull(provider.GetRequiredService<IEGovMobileSigningService>());
    }

    [Fact]
    public void A_missing_public_base_url_is_named_by_its_configuration_path()
    {
        using ServiceProvider provider = Build(new()
        {
            ["Kzid:Policy"] = "rules-2021",
            ["Kzid:EGovMobileSigning:OrganisationNameRu"] = "ТОО «МФО»",
        });

        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EGovMobileSigningOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.StartsWith("Kzid:EGovMobileSigning:PublicBaseUrl", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Kzid:EGovMobileSigning:OrganisationBin", StringComparison.Ordinal));
    }
}
