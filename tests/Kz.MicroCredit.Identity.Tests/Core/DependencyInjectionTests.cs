using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.Diagnostics;
using Kz.MicroCredit.Identity.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Core;

public class DependencyInjectionTests
{
    private static ServiceProvider Build(Action<BorrowerIdentificationBuilder> configure, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        configure(services.AddBorrowerIdentification());
        more?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task Resolves_the_identifier_with_per_operation_policies()
    {
        await using ServiceProvider sp = Build(b => b
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, MethodVerdict.Verified()))
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.KcmrBiometrics, MethodVerdict.Rejected(new ReasonCode("BiometricNoMatch"))))
            .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.NcaEds))
            .UsePolicy(IdentificationOperation.PhoneNumberChange, IdentificationPolicy.Create("strict").Require(IdentificationMethodId.NcaEds).Require(IdentificationMethodId.KcmrBiometrics).Build()));
        sp.ValidateBorrowerIdentificationOptions();
        IBorrowerIdentifier identifier = sp.GetRequiredService<IBorrowerIdentifier>();

        IdentificationResult signing = await identifier.IdentifyAsync(PolicyTests.Request());
        Assert.True(signing.IsVerified);
        Assert.Equal("nca-eds", signing.Report.Policy);

        var change = new BorrowerIdentificationRequest(Iin.Parse("880912300763"), IdentificationOperation.PhoneNumberChange, "c-2");
        IdentificationResult strict = await identifier.IdentifyAsync(change);
        Assert.Equal(IdentificationStatus.Rejected, strict.Status);
        Assert.Equal("strict", strict.Report.Policy);
    }

    [Fact]
    public void Start_up_validation_fails_without_a_policy()
    {
        using ServiceProvider sp = Build(b => b.AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, MethodVerdict.Verified())));
        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(sp.ValidateBorrowerIdentificationOptions);
        Assert.Contains("UsePolicy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_validation_fails_for_an_unregistered_method()
    {
        using ServiceProvider sp = Build(b => b
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, MethodVerdict.Verified()))
            .UsePolicy(IdentificationPolicies.Rules2021));
        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(sp.ValidateBorrowerIdentificationOptions);
        Assert.Contains("egov-phone-ownership", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_validation_checks_evidence_options()
    {
        using ServiceProvider sp = Build(
            b => b.AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, MethodVerdict.Verified()))
                  .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.NcaEds))
                  .ConfigureEvidenceReports(o => o.SubjectTokenKey = new byte[8]));
        Assert.Throws<OptionsValidationException>(sp.ValidateBorrowerIdentificationOptions);
    }

    [Fact]
    public async Task TimeProvider_comes_from_DI()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using ServiceProvider sp = Build(
            b => b.AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, MethodVerdict.Verified()))
                  .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.NcaEds)),
            s => s.AddSingleton<TimeProvider>(time));
        IdentificationResult r = await sp.GetRequiredService<IBorrowerIdentifier>().IdentifyAsync(PolicyTests.Request());
        Assert.Equal(time.GetUtcNow(), r.Report.CreatedAt);
        BorrowerChallenge c = await sp.GetRequiredService<IBorrowerChallengeService>().IssueAsync(Iin.Parse("880912300763"), IdentificationOperation.Payout);
        Assert.Equal(time.GetUtcNow().AddMinutes(5), c.ExpiresAt);
    }
}

public class PersonalDataInTelemetryTests
{
    private static readonly string[] Secrets = ["880912300763", "+77011234567", "7011234567", "ИВАНОВ", "IVANOV"];

    [Fact]
    public async Task A_full_identification_logs_no_iin_phone_or_name_at_trace_level()
    {
        var services = new ServiceCollection();
        services.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = true).AddLogging(b => b.SetMinimumLevel(LogLevel.Trace));
        services.AddBorrowerIdentification()
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, (_, _) => throw new FormatException("IIN 880912300763 ИВАНОВ")))
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.KcmrBiometrics, MethodVerdict.Verified()))
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.RealTimePhoto, MethodVerdict.NotApplicable()))
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.EGovPhoneOwnership, MethodVerdict.Veto(new ReasonCode("PhoneRegisteredToAnotherIin"))))
            .UsePolicy(IdentificationPolicies.Rules2021);
        await using ServiceProvider sp = services.BuildServiceProvider();

        // The listeners are process-wide: tests running in parallel add to these while this one reads them, hence
        // concurrent queues read through snapshots.
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == IdentificationDiagnostics.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var measurementTags = new ConcurrentQueue<string>();
        using var meterListener = new MeterListener { InstrumentPublished = (i, l) => { if (i.Meter.Name == IdentificationDiagnostics.Name) { l.EnableMeasurementEvents(i); } } };
        meterListener.SetMeasurementEventCallback<long>((_, _, tags, _) => { foreach (var t in tags) { measurementTags.Enqueue($"{t.Key}={t.Value}"); } });
        meterListener.SetMeasurementEventCallback<double>((_, _, tags, _) => { foreach (var t in tags) { measurementTags.Enqueue($"{t.Key}={t.Value}"); } });
        meterListener.Start();

        var request = PolicyTests.Request();
        BorrowerChallenge challenge = await sp.GetRequiredService<IBorrowerChallengeService>().IssueAsync(request.Iin, request.Operation);
        await sp.GetRequiredService<IBorrowerChallengeService>().RedeemAsync(new(challenge.Id, challenge.Nonce), request.Iin, request.Operation);
        IdentificationResult result = await sp.GetRequiredService<IBorrowerIdentifier>().IdentifyAsync(request);
        Assert.Equal(IdentificationStatus.Rejected, result.Status);

        FakeLogCollector logs = sp.GetFakeLogCollector();
        Assert.NotEmpty(logs.GetSnapshot());
        var texts = new List<string>();
        foreach (FakeLogRecord record in logs.GetSnapshot())
        {
            texts.Add(record.Message);
            texts.AddRange(record.StructuredState?.Select(kv => kv.Value ?? string.Empty) ?? []);
            texts.Add(record.Exception?.ToString() ?? string.Empty);
        }

        Activity[] stopped = activities.ToArray();
        texts.AddRange(stopped.SelectMany(a => a.TagObjects.Select(t => $"{t.Key}={t.Value}")).Append(string.Join(" ", stopped.Select(a => a.DisplayName))));
        texts.AddRange(measurementTags.ToArray());
        texts.Add(result.ToString());
        texts.AddRange(result.Methods.Select(m => m.ToString()));
        Assert.Contains(texts, t => t.Contains("InternalError", StringComparison.Ordinal)); // the failing method was logged…
        foreach (string secret in Secrets)
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.OrdinalIgnoreCase)); // …without what it was fed
        }
    }
}
