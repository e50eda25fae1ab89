using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Kz.MicroCredit.Identity.Testing.RealTimePhoto;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests;

public sealed class ConfigurationLayoutTests
{
    [Fact]
    public async Task One_section_and_the_sandbox_identify_the_sample_borrower_with_rules_2025()
    {
        WebApplicationBuilder builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["Kzid:Policy"] = "rules-2025",
            ["Kzid:NcaEds:Trust"] = "test",
            ["Kzid:Revocation:Preset"] = "NcaTest",
            ["Kzid:KcmrBiometrics:Enabled"] = "true",
        });
        builder.Services.AddBorrowerIdentification(builder.Configuration.GetSection("Kzid"));
        builder.Services.AddKzidSandbox();
        await using WebApplication app = builder.Build();
        await app.StartAsync();

        IdentificationResult result = await IdentifySampleBorrowerAsync(app.Services);

        Assert.Equal(IdentificationStatus.Verified, result.Status);
        Assert.Contains(result.Methods, m => m.MethodId == IdentificationMethodId.NcaEds && m.Status == IdentificationStatus.Verified);
        Assert.Contains(result.Methods, m => m.MethodId == IdentificationMethodId.KcmrBiometrics && m.Status == IdentificationStatus.Verified);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_scripted_method_replaces_the_registered_one_without_removing_registrations()
    {
        WebApplicationBuilder builder = TestHosts.Builder(new Dictionary<string, string?> { ["Kzid:Policy"] = "rules-2025" });
        builder.Services.AddBorrowerIdentification(builder.Configuration.GetSection("Kzid"));
        builder.Services.AddKzidSandbox();
        var scripted = new ScriptedIdentificationMethod(IdentificationMethodId.KcmrBiometrics, MethodVerdict.Rejected(ReasonCode.RequirementNotMet));
        builder.Services.ReplaceIdentificationMethod(scripted);
        await using WebApplication app = builder.Build();
        await app.StartAsync();

        IdentificationResult result = await IdentifySampleBorrowerAsync(app.Services);

        Assert.Equal(IdentificationStatus.Rejected, result.Status);
        Assert.Equal(1, scripted.Calls);
    }

    [Fact]
    public async Task Validation_messages_name_the_configuration_path_bound()
    {
        WebApplicationBuilder builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["Kzid:Policy"] = "rules-2021",
            ["Kzid:EGovPhoneOwnership:Mode"] = "Direct",
            ["Kzid:RealTimePhoto:Provider:Name"] = "vendor",
            ["Kzid:NcaEds:Trust"] = "tset",
            ["Kzid:Revocation:Preset"] = "Off",
        });
        builder.Services.AddBorrowerIdentification(builder.Configuration.GetSection("Kzid"));
        builder.Services.AddSingleton<IOtpSender>(new CapturingOtpSender());
        await using WebApplication app = builder.Build();

        string all = string.Join("\n", await StartFailuresAsync(app));
        Assert.Contains("Kzid:EGovPhoneOwnership:", all, StringComparison.Ordinal);
        Assert.Contains("Kzid:RealTimePhoto:Provider:BaseAddress", all, StringComparison.Ordinal);
        Assert.Contains("Kzid:NcaEds:Trust", all, StringComparison.Ordinal);
        Assert.DoesNotContain("RealTimePhotoOptions.", all, StringComparison.Ordinal);
        Assert.DoesNotContain("NcaEdsOptions.", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_policy_and_preset_names_fail_at_start_naming_their_keys()
    {
        WebApplicationBuilder builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["Kzid:Policy"] = "rules-2030",
            ["Kzid:NcaEds:Trust"] = "test",
            ["Kzid:Revocation:Preset"] = "NcaStaging",
        });
        builder.Services.AddBorrowerIdentification(builder.Configuration.GetSection("Kzid"));
        await using WebApplication app = builder.Build();

        string all = string.Join("\n", await StartFailuresAsync(app));
        Assert.Contains("Kzid:Policy 'rules-2030' is not a known policy", all, StringComparison.Ordinal);
        Assert.Contains("Kzid:Revocation:Preset 'NcaStaging' is not known", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revocation_preset_from_configuration_pins_the_NCA_production_endpoints()
    {
        WebApplicationBuilder builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["Kzid:Policy"] = "rules-2025",
            ["Kzid:NcaEds:Trust"] = "production",
            ["Kzid:Revocation:Preset"] = "NcaProduction",
            ["Kzid:KcmrBiometrics:BaseAddress"] = "https://ceid.example.invalid/",
            ["Kzid:KcmrBiometrics:TokenEndpoint"] = "https://ceid.example.invalid/oauth/token",
            ["Kzid:KcmrBiometrics:ClientId"] = "mfo",
            ["Kzid:KcmrBiometrics:ClientSecret"] = "secret",
            ["Kzid:KcmrBiometrics:ProviderId"] = "mfo-provider",
        });
        builder.Services.AddBorrowerIdentification(builder.Configuration.GetSection("Kzid"));
        await using WebApplication app = builder.Build();
        await app.StartAsync();

        RevocationOptions revocation = app.Services.GetRequiredService<IOptions<RevocationOptions>>().Value;
        Assert.Equal(new Uri(NcaRevocationEndpoints.ProductionOcsp), revocation.OcspResponderUrl);
        Assert.Contains(revocation.Issuers, i => i.Name == "NCA GOST 2022");
        await app.StopAsync();
    }

    [Theory]
    [InlineData(null, "Kzid:Revocation is missing")]
    [InlineData("Custom", "Kzid:Revocation has no issuer configured")]
    public async Task Revocation_without_an_issuer_is_an_error_unless_explicitly_off(string? preset, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Kzid:Policy"] = "rules-2025", ["Kzid:NcaEds:Trust"] = "test", ["Kzid:KcmrBiometrics:Enabled"] = "false" };
        if (preset is not null)
        {
            settings["Kzid:Revocation:Preset"] = preset;
        }

        WebApplicationBuilder builder = TestHosts.Builder(settings);
        builder.Services.AddBorrowerIdentification(builder.Configuration.GetSection("Kzid"));
        builder.Services.AddBorrowerIdentification().AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.KcmrBiometrics, MethodVerdict.Verified()));
        await using WebApplication app = builder.Build();

        Assert.Contains(await StartFailuresAsync(app), f => f.Contains(expected, StringComparison.Ordinal) && f.Contains("Kzid:Revocation:Preset = Off", StringComparison.Ordinal));

        settings["Kzid:Revocation:Preset"] = "Off";
        WebApplicationBuilder off = TestHosts.Builder(settings);
        off.Services.AddBorrowerIdentification(off.Configuration.GetSection("Kzid"));
        off.Services.AddBorrowerIdentification().AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.KcmrBiometrics, MethodVerdict.Verified()));
        await using WebApplication started = off.Build();
        await started.StartAsync();
        Assert.Equal(NcaEdsRevocationMode.Off, started.Services.GetRequiredService<IOptions<NcaEdsOptions>>().Value.Revocation);
        await started.StopAsync();
    }

    internal static async Task<IdentificationResult> IdentifySampleBorrowerAsync(IServiceProvider services)
    {
        KzidSandbox sandbox = services.GetRequiredService<KzidSandbox>();
        BorrowerChallenge challenge = await services.GetRequiredService<IBorrowerChallengeService>()
            .IssueAsync(KzidSandbox.SampleBorrowerIin, IdentificationOperation.AgreementSigning);
        var request = new BorrowerIdentificationRequest(KzidSandbox.SampleBorrowerIin, IdentificationOperation.AgreementSigning, "loan-1")
        {
            PhoneNumber = KzidSandbox.SampleBorrowerPhone,
        };
        request.Evidence.Add(new NcaEdsEvidence(await sandbox.SignChallengeAsync(challenge)));
        request.Evidence.Add(new KcmrFaceImageEvidence(SampleFaceImage.CreateJpeg(480, 640), "consent-1"));
        return await services.GetRequiredService<IBorrowerIdentifier>().IdentifyAsync(request);
    }

    /// <summary>Starts the app, expecting start-up validation to fail, and returns every failure message.</summary>
    internal static async Task<IReadOnlyList<string>> StartFailuresAsync(WebApplication app)
    {
        Exception error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        IEnumerable<Exception> all = error is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [error];
        string[] failures = all.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToArray();
        Assert.NotEmpty(failures);
        return failures;
    }
}
