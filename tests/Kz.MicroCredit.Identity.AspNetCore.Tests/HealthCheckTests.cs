using Kz.MicroCredit.Identity.AspNetCore;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests;

public sealed class HealthCheckTests
{
    private static async Task<WebApplication> StartAsync(Action<IServiceCollection>? arrange = null)
    {
        WebApplicationBuilder builder = TestHosts.Builder(new Dictionary<string, string?> { ["Kzid:Policy"] = "rules-2021" });
        arrange?.Invoke(builder.Services);
        builder.Services.AddBorrowerIdentification(builder.Configuration.GetSection("Kzid"));
        builder.Services.AddKzidSandbox();
        builder.Services.AddKzidWarmup();
        builder.Services.AddHealthChecks().AddKzidHealthChecks();
        WebApplication app = builder.Build();
        await app.StartAsync();
        return app;
    }

    private static async Task<HealthReport> ReadyAfterWarmupAsync(WebApplication app)
    {
        HealthCheckService health = app.Services.GetRequiredService<HealthCheckService>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // against a hang only
        while (!app.Services.GetRequiredService<KzidWarmupState>().Completed)
        {
            await Task.Delay(50, deadline.Token);
        }

        return await health.CheckHealthAsync(r => r.Tags.Contains(KzidHealthChecksBuilderExtensions.ReadyTag));
    }

    [Fact]
    public async Task Against_the_sandbox_every_readiness_check_is_healthy_after_warm_up()
    {
        await using WebApplication app = await StartAsync();

        HealthReport report = await ReadyAfterWarmupAsync(app);

        string[] expected = ["kzid-ceid-token", "kzid-smartbridge", "kzid-lender-key", "kzid-liveness-vendor", "kzid-ocsp", "kzid-crl-freshness", "kzid-warmup"];
        Assert.Equal(expected.Order(), report.Entries.Keys.Order());
        Assert.All(report.Entries, e => Assert.True(e.Value.Status == HealthStatus.Healthy, $"{e.Key}: {e.Value.Status} {e.Value.Description}"));
        HealthReport live = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains(KzidHealthChecksBuilderExtensions.LiveTag));
        Assert.Equal(["kzid-self"], live.Entries.Keys);
        await app.StopAsync();
    }

    [Fact]
    public async Task Faults_of_CEID_the_liveness_vendor_and_the_OCSP_responder_make_their_checks_unhealthy()
    {
        using WireMockServer faults = WireMockServer.Start();
        faults.Given(Request.Create().WithPath("/oauth/token").UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        faults.Given(Request.Create().WithPath("/liveness/").UsingGet()).RespondWith(Response.Create().WithStatusCode(502));
        faults.Given(Request.Create().WithPath("/ocsp").UsingGet()).RespondWith(Response.Create().WithStatusCode(500));
        var server = new Uri(faults.Url! + "/");
        await using WebApplication app = await StartAsync(services =>
        {
            // Registered first, applied after the sandbox's own post-configuration would be too late: use PostConfigure after AddKzidSandbox.
        });
        IServiceProvider sp = app.Services;
        var ceid = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<KcmrBiometricsOptions>>().Value;
        ceid.TokenEndpoint = new Uri(server, "oauth/token");
        sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RealTimePhotoOptions>>().Value.Provider.BaseAddress = new Uri(server, "liveness/");
        sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RevocationOptions>>().Value.Issuers[0].OcspUrl = new Uri(server, "ocsp");

        HealthReport report = await ReadyAfterWarmupAsync(app);

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["kzid-ceid-token"].Status);
        Assert.Contains("HTTP 503", report.Entries["kzid-ceid-token"].Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["kzid-liveness-vendor"].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["kzid-ocsp"].Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["kzid-smartbridge"].Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        await app.StopAsync();
    }

    [Fact]
    public async Task A_CRL_past_its_nextUpdate_makes_the_freshness_check_unhealthy()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using WebApplication app = await StartAsync(services => services.AddSingleton<TimeProvider>(time));
        Assert.Equal(HealthStatus.Healthy, (await ReadyAfterWarmupAsync(app)).Entries["kzid-crl-freshness"].Status);

        time.Advance(TimeSpan.FromDays(3)); // the sandbox CRLs are valid for one day
        HealthReport report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "kzid-crl-freshness");

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["kzid-crl-freshness"].Status);
        Assert.Contains("past nextUpdate", report.Entries["kzid-crl-freshness"].Description, StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task The_lender_key_and_gateway_certificate_checks_degrade_near_expiry()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using WebApplication app = await StartAsync(services => services.AddSingleton<TimeProvider>(time));
        await ReadyAfterWarmupAsync(app);

        time.Advance(TimeSpan.FromDays(365 - 10)); // sandbox certificates live a year; the warning window is 30 days
        HealthReport report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "kzid-lender-key");

        Assert.Equal(HealthStatus.Degraded, report.Entries["kzid-lender-key"].Status);
        await app.StopAsync();
    }
}
