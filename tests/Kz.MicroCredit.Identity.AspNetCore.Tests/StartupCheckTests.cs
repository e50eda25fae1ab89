using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests;

public sealed class StartupCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kzid-startup-").FullName;
    private readonly string _passwordVariable = "KZID_TEST_KEY_PASSWORD_" + Guid.NewGuid().ToString("N");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_passwordVariable, null);
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A method whose construction fails, as one registered without its settings would.</summary>
    private sealed class UnbuildableMethod : IIdentificationMethod
    {
        public UnbuildableMethod() => throw new IdentificationConfigurationException("UnbuildableMethod has no settings.");

        public IdentificationMethodId Id => IdentificationMethodId.RealTimePhoto;

        public Task<MethodOutcome> EvaluateAsync(BorrowerIdentificationRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    [Fact]
    public async Task A_registered_method_no_policy_uses_does_not_break_start_or_identification()
    {
        var eds = new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, MethodVerdict.Verified());
        var logs = new FakeLogCollector();
        WebApplicationBuilder builder = TestHosts.Builder(new Dictionary<string, string?>());
        builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        builder.Services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.NcaEds))
            .AddMethod(eds)
            .AddMethod<UnbuildableMethod>(IdentificationMethodId.RealTimePhoto);
        await using WebApplication app = builder.Build();
        await app.StartAsync();

        IdentificationResult result = await app.Services.GetRequiredService<IBorrowerIdentifier>()
            .IdentifyAsync(new BorrowerIdentificationRequest(KzidSandbox.SampleBorrowerIin, IdentificationOperation.AgreementSigning, "loan-1"));

        Assert.Equal(IdentificationStatus.Verified, result.Status);
        Assert.Contains(logs.GetSnapshot(), r => r.Id.Id == 7000 && r.Level == LogLevel.Warning && r.Message.Contains("realtime-photo", StringComparison.Ordinal));
        await app.StopAsync();
    }

    [Fact]
    public async Task A_method_a_policy_uses_that_cannot_be_constructed_fails_the_start_not_the_first_request()
    {
        WebApplicationBuilder builder = TestHosts.Builder(new Dictionary<string, string?>());
        builder.Services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.RealTimePhoto))
            .AddMethod<UnbuildableMethod>(IdentificationMethodId.RealTimePhoto);
        await using WebApplication app = builder.Build();

        IReadOnlyList<string> failures = await ConfigurationLayoutTests.StartFailuresAsync(app);

        Assert.Contains(failures, f => f.Contains("Method 'realtime-photo' cannot be constructed: UnbuildableMethod has no settings.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_IOtpSender_fails_the_start_in_every_environment()
    {
        WebApplicationBuilder builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["Kzid:Policy"] = "rules-2021",
            ["Kzid:RealTimePhoto:Provider:BaseAddress"] = "https://liveness.example.invalid/",
        });
        builder.Services.AddBorrowerIdentification(builder.Configuration.GetSection("Kzid"));
        await using WebApplication app = builder.Build(); // Production: no ValidateOnBuild

        IReadOnlyList<string> failures = await ConfigurationLayoutTests.StartFailuresAsync(app);

        Assert.Contains(failures, f => f.StartsWith("Kzid:RealTimePhoto: no IOtpSender is registered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_lender_key_file_is_opened_at_start_and_a_wrong_password_fails_naming_the_key()
    {
        string keyPath = WriteLenderKey(TimeSpan.FromDays(365), "right-password");
        Environment.SetEnvironmentVariable(_passwordVariable, "wrong-password");
        WebApplicationBuilder builder = TestHosts.Builder(SmartBridgeSettings(keyPath));
        builder.Services.AddBorrowerIdentification(builder.Configuration.GetSection("Kzid")).UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.EGovPhoneOwnership));
        await using WebApplication app = builder.Build();

        IReadOnlyList<string> failures = await ConfigurationLayoutTests.StartFailuresAsync(app);

        Assert.Contains(failures, f => f.StartsWith("Kzid:EGovPhoneOwnership:SigningKeyPath could not be opened with the password", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("wrong-password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lender_certificate_expiring_within_the_configured_days_is_a_warning_at_start()
    {
        string keyPath = WriteLenderKey(TimeSpan.FromDays(10), "right-password");
        Environment.SetEnvironmentVariable(_passwordVariable, "right-password");
        Dictionary<string, string?> settings = SmartBridgeSettings(keyPath);
        settings["Kzid:StartupChecks:CertificateExpiryWarningDays"] = "14";
        var logs = new FakeLogCollector();
        WebApplicationBuilder builder = TestHosts.Builder(settings);
        builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        builder.Services.AddBorrowerIdentification(builder.Configuration.GetSection("Kzid")).UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.EGovPhoneOwnership));
        await using WebApplication app = builder.Build();

        await app.StartAsync();

        FakeLogRecord warning = Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 7001); // once, although the options are validated per options cache
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("EGovPhoneOwnership:SigningKeyPath", warning.Message, StringComparison.Ordinal);
        await app.StopAsync();
    }

    private Dictionary<string, string?> SmartBridgeSettings(string keyPath) => new()
    {
        ["Kzid:EGovPhoneOwnership:Endpoint"] = "https://sb.example.invalid/bip-sync-wss-gost/",
        ["Kzid:EGovPhoneOwnership:SenderId"] = "mfo",
        ["Kzid:EGovPhoneOwnership:SenderPassword"] = "sender-password",
        ["Kzid:EGovPhoneOwnership:SigningKeyPath"] = keyPath,
        ["Kzid:EGovPhoneOwnership:SigningKeyPasswordEnvironmentVariable"] = _passwordVariable,
        ["Kzid:EGovPhoneOwnership:AllowUnsignedResponses"] = "true",
        ["Kzid:EGovPhoneOwnership:DirectCheckServiceId"] = "PHONE_CHECK",
    };

    private string WriteLenderKey(TimeSpan lifetime, string password)
    {
        using var pki = new SandboxPki(new SandboxPkiOptions { CertificateLifetime = lifetime, Algorithm = NcaKeyAlgorithm.Rsa });
        INcaSigner key = pki.IssueLegalEntity(Iin.Parse("790303402568"), Bin.Parse("070840007503"), "ТОО \"TEST\"", "ТЕСТОВА", "АЙГУЛЬ", NcaLegalEntityRoles.FirstHead);
        string path = Path.Combine(_dir, "lender.p12");
        File.WriteAllBytes(path, pki.ExportPkcs12(key, password));
        return path;
    }
}
