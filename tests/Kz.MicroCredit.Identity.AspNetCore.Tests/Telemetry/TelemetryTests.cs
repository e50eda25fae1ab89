using System.Diagnostics;
using System.Diagnostics.Metrics;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Diagnostics;
using Kz.MicroCredit.Identity.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests.Telemetry;

/// <summary>
/// The SDK's activity source and meter as a dashboard sees them: outcomes produced by the sandbox and scripted methods,
/// observed with a <see cref="MeterListener"/> and an <see cref="ActivityListener"/>. The instruments are process-wide,
/// so these tests run alone (no other test's measurements mixed in).
/// </summary>
[Collection(TelemetryTestGroup.Name)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task Durations_are_recorded_in_seconds_with_the_advised_buckets()
    {
        using var recorder = new TelemetryRecorder();
        await using WebApplication app = await StartAsync(new ScriptedIdentificationMethod(IdentificationMethodId.KcmrBiometrics, MethodVerdict.Verified()));

        IdentificationResult result = await ConfigurationLayoutTests.IdentifySampleBorrowerAsync(app.Services);

        Assert.Equal(IdentificationStatus.Verified, result.Status);
        foreach (string name in new[] { "kzid.identification.duration", "kzid.identification.method_duration" })
        {
            Instrument histogram = Assert.Single(recorder.Instruments, i => i.Name == name);
            Assert.Equal("s", histogram.Unit);
            Histogram<double> typed = Assert.IsType<Histogram<double>>(histogram);
            Assert.Equal(IdentificationDiagnostics.DurationBuckets, typed.Advice?.HistogramBucketBoundaries);
            Assert.Contains(0.005, typed.Advice!.HistogramBucketBoundaries!);
            Assert.Contains(60d, typed.Advice.HistogramBucketBoundaries!);
        }

        // Seconds, not milliseconds: a whole sandbox identification (local EDS check, scripted biometrics) is well under a minute.
        Recorded whole = Assert.Single(recorder.Measurements("kzid.identification.duration"));
        Assert.InRange(whole.Value, 0d, 60d);
        Assert.Equal("verified", whole.Tags["kzid.status"]);
        Assert.Equal("rules-2025", whole.Tags["kzid.policy"]);
        Assert.Contains(recorder.Measurements("kzid.identification.method_duration"), m => (string?)m.Tags["kzid.method"] == IdentificationMethodId.NcaEds.Value);
    }

    [Fact]
    public async Task The_reason_tag_is_bounded_a_custom_code_is_reported_as_other()
    {
        using var recorder = new TelemetryRecorder();
        var custom = new ReasonCode("LenderBlacklistHit-4711");
        await using WebApplication app = await StartAsync(new ScriptedIdentificationMethod(IdentificationMethodId.KcmrBiometrics, MethodVerdict.Rejected(custom)));

        IdentificationResult result = await ConfigurationLayoutTests.IdentifySampleBorrowerAsync(app.Services);

        Assert.Equal(IdentificationStatus.Rejected, result.Status);
        Assert.Contains(custom, result.Methods.Single(m => m.MethodId == IdentificationMethodId.KcmrBiometrics).Reasons);
        Recorded kcmr = Assert.Single(recorder.Measurements("kzid.identification.method_outcomes"), m => (string?)m.Tags["kzid.method"] == IdentificationMethodId.KcmrBiometrics.Value);
        Assert.Equal("other", kcmr.Tags["kzid.reason"]);
        Assert.Equal("rejected", kcmr.Tags["kzid.status"]);
        Assert.All(recorder.Measurements("kzid.identification.method_outcomes").Where(m => (string?)m.Tags["kzid.status"] == "verified"), m => Assert.Equal("none", m.Tags["kzid.reason"]));

        // The decision's first reason is the method's custom code: bounded the same way.
        Recorded decision = Assert.Single(recorder.Measurements("kzid.identification.decisions"));
        Assert.Equal("other", decision.Tags["kzid.reason"]);
        Assert.DoesNotContain(recorder.AllTagValues(), v => v.Contains("4711", StringComparison.Ordinal) || v.Contains(KzidSandbox.SampleBorrowerIin.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_indeterminate_outcome_sets_span_status_error()
    {
        using var recorder = new TelemetryRecorder();
        await using WebApplication app = await StartAsync(new ScriptedIdentificationMethod(IdentificationMethodId.KcmrBiometrics, MethodVerdict.Indeterminate(ReasonCode.Timeout)));

        IdentificationResult result = await ConfigurationLayoutTests.IdentifySampleBorrowerAsync(app.Services);

        Assert.Equal(IdentificationStatus.Indeterminate, result.Status);
        Activity identify = Assert.Single(recorder.Activities, a => a.OperationName == "kzid.identify");
        Assert.Equal(ActivityStatusCode.Error, identify.Status);
        string spans = string.Join(", ", recorder.Activities.Select(a => a.OperationName + "/" + a.Status));
        Activity method = recorder.Activities.FirstOrDefault(a => a.OperationName == "kzid.method " + IdentificationMethodId.KcmrBiometrics.Value)
            ?? throw new Xunit.Sdk.XunitException("no biometrics span among: " + spans);
        Assert.Equal(ActivityStatusCode.Error, method.Status);
        Assert.Equal(ReasonCode.Timeout.Value, method.StatusDescription);
        Assert.Equal(identify.SpanId, method.ParentSpanId);

        // Methods that answered are not errors.
        Assert.All(recorder.Activities.Where(a => a != method && a != identify), a => Assert.Equal(ActivityStatusCode.Unset, a.Status));
    }

    [Fact]
    public async Task A_veto_adds_a_veto_event_to_the_method_and_identification_spans()
    {
        using var recorder = new TelemetryRecorder();
        await using WebApplication app = await StartAsync(new ScriptedIdentificationMethod(IdentificationMethodId.KcmrBiometrics, MethodVerdict.Veto(ReasonCode.IinMismatch)));

        IdentificationResult result = await ConfigurationLayoutTests.IdentifySampleBorrowerAsync(app.Services);

        Assert.Equal(IdentificationStatus.Rejected, result.Status);
        Assert.Contains(ReasonCode.VetoFound, result.Reasons);
        Activity identify = Assert.Single(recorder.Activities, a => a.OperationName == "kzid.identify");
        ActivityEvent veto = Assert.Single(identify.Events, e => e.Name == "kzid.veto");
        Assert.Equal(IdentificationMethodId.KcmrBiometrics.Value, veto.Tags.Single(t => t.Key == "kzid.method").Value);
        Assert.Equal(ReasonCode.IinMismatch.Value, veto.Tags.Single(t => t.Key == "kzid.reason").Value);
        Activity method = Assert.Single(recorder.Activities, a => a.OperationName == "kzid.method " + IdentificationMethodId.KcmrBiometrics.Value);
        Assert.Single(method.Events, e => e.Name == "kzid.veto");
        Assert.Equal(ActivityStatusCode.Unset, identify.Status); // a rejection is an answer, not an error
    }

    [Fact]
    public async Task A_failing_CEID_moves_the_failure_and_breaker_counters_by_service()
    {
        using WireMockServer ceid = WireMockServer.Start();
        ceid.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(503));
        var server = new Uri(ceid.Url! + "/");
        using var recorder = new TelemetryRecorder();
        await using WebApplication app = await StartAsync(configure: services => services.PostConfigure<KcmrBiometricsOptions>(o =>
        {
            o.BaseAddress = server;
            o.TokenEndpoint = new Uri(server, "oauth/token");
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.Breaker.MinimumThroughput = 2;
        }));

        var results = new List<IdentificationResult>();
        for (int i = 0; i < 4; i++)
        {
            results.Add(await ConfigurationLayoutTests.IdentifySampleBorrowerAsync(app.Services));
        }

        // Fail closed first: an outage is never Verified.
        Assert.All(results, r => Assert.Equal(IdentificationStatus.Indeterminate, r.Status));
        Assert.NotEmpty(ceid.LogEntries);
        Recorded[] failures = recorder.Measurements("kzid.external_call.failures").ToArray();
        Assert.NotEmpty(failures);
        Assert.All(failures, f => Assert.Equal("ceid", f.Tags["kzid.service"]));
        Assert.True(failures.Sum(f => f.Value) >= 2, $"failures counted: {failures.Sum(f => f.Value)}");
        Recorded opened = Assert.Single(recorder.Measurements("kzid.external_call.breaker_opened"));
        Assert.Equal("ceid", opened.Tags["kzid.service"]);
        Assert.Equal(1d, opened.Value);

        // Once open, the breaker keeps later calls away from the service.
        int callsBefore = ceid.LogEntries.Count;
        await ConfigurationLayoutTests.IdentifySampleBorrowerAsync(app.Services);
        Assert.Equal(callsBefore, ceid.LogEntries.Count);
    }

    [Fact]
    public async Task The_CRL_age_gauge_reports_seconds_since_thisUpdate_of_each_CRL()
    {
        using var recorder = new TelemetryRecorder();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using WebApplication app = await StartAsync(configure: services => services.AddKzidWarmup(), policy: "rules-2021", before: services => services.AddSingleton<TimeProvider>(time));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // against a hang only
        while (!app.Services.GetRequiredService<KzidWarmupState>().Completed)
        {
            await Task.Delay(50, deadline.Token);
        }

        // Half an hour on the application's clock: before nextUpdate (a day) and the refresh interval (an hour), so the
        // CRLs loaded at start are still the ones in memory. The sandbox issued them a minute before its own now.
        time.Advance(TimeSpan.FromMinutes(30));
        recorder.CollectObservables();

        Recorded[] ages = recorder.Measurements("kzid.revocation.crl_age").ToArray();
        Assert.NotEmpty(ages);
        Assert.All(ages, a =>
        {
            Assert.InRange(a.Value, 30 * 60d, (30 * 60d) + 600d);
            string crl = Assert.IsType<string>(a.Tags["kzid.crl"]);
            Assert.DoesNotContain("?", crl, StringComparison.Ordinal);
        });
        Assert.Equal("s", Assert.Single(recorder.Instruments, i => i.Name == "kzid.revocation.crl_age").Unit);
        await app.StopAsync();
    }

    private static async Task<WebApplication> StartAsync(
        ScriptedIdentificationMethod? biometrics = null,
        Action<IServiceCollection>? configure = null,
        string policy = "rules-2025",
        Action<IServiceCollection>? before = null)
    {
        WebApplicationBuilder builder = TestHosts.Builder(new Dictionary<string, string?>
        {
            ["Kzid:Policy"] = policy,
            ["Kzid:NcaEds:Trust"] = "test",
            ["Kzid:Revocation:Preset"] = "NcaTest",
            ["Kzid:KcmrBiometrics:Enabled"] = "true",
        });
        before?.Invoke(builder.Services); // e.g. a clock, registered before the SDK so that every component takes it

        builder.Services.AddBorrowerIdentification(builder.Configuration.GetSection("Kzid"));
        builder.Services.AddKzidSandbox();
        if (biometrics is not null)
        {
            builder.Services.ReplaceIdentificationMethod(biometrics);
        }

        configure?.Invoke(builder.Services);

        WebApplication app = builder.Build();
        await app.StartAsync();
        return app;
    }
}
