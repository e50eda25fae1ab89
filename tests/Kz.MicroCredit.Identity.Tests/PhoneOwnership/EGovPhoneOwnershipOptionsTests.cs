using Kz.MicroCredit.Identity.PhoneOwnership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.PhoneOwnership;

public sealed class EGovPhoneOwnershipOptionsTests : IDisposable
{
    private readonly string _variable = "KZID_PHONE_OPT_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public void Dispose() => Environment.SetEnvironmentVariable(_variable, null);

    private static string KeyPath => Path.Combine(AppContext.BaseDirectory, "TestData", "nca", "ncanode", "keys", "key_individual_valid_sign_2004.p12");

    private static string CertPath => Path.Combine(AppContext.BaseDirectory, "TestData", "nca", "ncanode", "resources", "certs", "individual_valid_sign_2004_rsa.cer");

    private static ServiceProvider FromConfiguration(Dictionary<string, string?> values)
    {
        IConfigurationRoot configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.EGovPhoneOwnership))
            .AddEGovPhoneOwnership(configuration.GetSection("Identification:EGovPhoneOwnership"));
        return services.BuildServiceProvider();
    }

    private Dictionary<string, string?> Valid() => new()
    {
        ["Identification:EGovPhoneOwnership:Endpoint"] = "https://sb.example.invalid/bip-sync-wss-gost/",
        ["Identification:EGovPhoneOwnership:SenderId"] = "mfo",
        ["Identification:EGovPhoneOwnership:SenderPasswordEnvironmentVariable"] = _variable,
        ["Identification:EGovPhoneOwnership:SigningKeyPath"] = KeyPath,
        ["Identification:EGovPhoneOwnership:SigningKeyPasswordEnvironmentVariable"] = _variable,
        ["Identification:EGovPhoneOwnership:GatewayCertificatePath"] = CertPath,
        ["Identification:EGovPhoneOwnership:DirectCheckServiceId"] = "PHONE_CHECK",
        ["Identification:EGovPhoneOwnership:Resilience:AttemptTimeout"] = "00:00:05",
    };

    [Fact]
    public void Configuration_section_binds_and_resolves_the_key_file_and_gateway_certificate()
    {
        Environment.SetEnvironmentVariable(_variable, "Qwerty12");
        using ServiceProvider provider = FromConfiguration(Valid());
        provider.ValidateBorrowerIdentificationOptions();
        SmartBridgeSettings settings = provider.GetRequiredService<SmartBridgeSettings>();
        Assert.Equal(TimeSpan.FromSeconds(5), settings.Options.Resilience.AttemptTimeout);
        Assert.Equal("Qwerty12", settings.SenderPassword);
        Assert.Equal(Kz.MicroCredit.Identity.Cryptography.NcaKeyAlgorithm.Rsa, settings.Signer.Algorithm);
        Assert.NotNull(settings.GatewayCertificate);
        Assert.NotNull(provider.GetRequiredService<EGovPhoneOwnershipMethod>());
    }

    [Theory]
    [InlineData("Endpoint", "http://sb.example.invalid/", "https")]
    [InlineData("Endpoint", null, "Endpoint")]
    [InlineData("SenderId", null, "SenderId")]
    [InlineData("SigningKeyPath", "/nonexistent.p12", "SigningKeyPath")]
    [InlineData("GatewayCertificatePath", null, "GatewayCertificate")]
    [InlineData("DirectCheckServiceId", null, "DirectCheckServiceId")]
    [InlineData("Mode", "Consent", "CompanyName")]
    [InlineData("Resilience:AttemptTimeout", "00:05:00", "AttemptTimeout")]
    [InlineData("Resilience:MaxRetryAttempts", "50", "MaxRetryAttempts")]
    public void Invalid_options_fail_at_start_naming_the_option_not_the_value(string key, string? value, string expected)
    {
        Environment.SetEnvironmentVariable(_variable, "Qwerty12");
        Dictionary<string, string?> values = Valid();
        values["Identification:EGovPhoneOwnership:" + key] = value;
        using ServiceProvider provider = FromConfiguration(values);
        var ex = Assert.Throws<OptionsValidationException>(provider.ValidateBorrowerIdentificationOptions);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Qwerty12", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_password_variable_fails_at_start()
    {
        using ServiceProvider provider = FromConfiguration(Valid());
        var ex = Assert.Throws<OptionsValidationException>(provider.ValidateBorrowerIdentificationOptions);
        Assert.Contains("SenderPassword", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_has_no_secrets()
    {
        var o = new EGovPhoneOwnershipOptions { SenderPassword = "very-secret", SenderId = "mfo" };
        Assert.DoesNotContain("very-secret", o.ToString(), StringComparison.Ordinal);
    }
}
