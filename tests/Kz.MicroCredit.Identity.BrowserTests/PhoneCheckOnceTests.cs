using Kz.MicroCredit.Identity.Testing.Biometrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWeb;
using OnboardingWeb.Flow;
using OnboardingWeb.Sandbox;
using Xunit;

namespace Kz.MicroCredit.Identity.BrowserTests;

/// <summary>
/// The sample's flow asks SmartBridge once per onboarding: the phone check of step 2 is reused by the final decision.
/// Driven in-process (no browser) on an app of its own, so the simulator's request counter sees only this flow.
/// </summary>
public sealed class PhoneCheckOnceTests : IAsyncLifetime
{
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await OnboardingApp.BuildAsync(
            ["--urls", "http://127.0.0.1:0", "--environment", "Development"],
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" }));
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task The_happy_path_asks_SmartBridge_once_and_the_decision_carries_that_check()
    {
        OnboardingSandbox sandbox = _app.Services.GetRequiredService<OnboardingSandbox>();
        int before = sandbox.SmartBridge.RequestCount;

        (OnboardingSession session, StepOutcome decided) = await RunHappyPathAsync("880912300763", dropStoredCheck: false);

        Assert.Equal(StepOutcome.Decided, decided);
        Assert.Equal(IdentificationStatus.Verified, session.Decision!.Status);
        Assert.Equal(1, sandbox.SmartBridge.RequestCount - before);
        Assert.Contains("egov-phone-ownership", session.Decision.EvidenceJson, StringComparison.Ordinal);
        Assert.Contains("smartbridge", session.Decision.EvidenceJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_stored_check_the_final_decision_asks_SmartBridge_again()
    {
        // The control: the counter is real, and a decision never goes without a phone check it has not got.
        OnboardingSandbox sandbox = _app.Services.GetRequiredService<OnboardingSandbox>();
        int before = sandbox.SmartBridge.RequestCount;

        (OnboardingSession session, StepOutcome decided) = await RunHappyPathAsync("771225400011", dropStoredCheck: true);

        Assert.Equal(StepOutcome.Decided, decided);
        Assert.Equal(IdentificationStatus.Verified, session.Decision!.Status);
        Assert.Equal(2, sandbox.SmartBridge.RequestCount - before);
    }

    private async Task<(OnboardingSession Session, StepOutcome Decided)> RunHappyPathAsync(string iin, bool dropStoredCheck)
    {
        using IServiceScope scope = _app.Services.CreateScope();
        OnboardingFlow flow = scope.ServiceProvider.GetRequiredService<OnboardingFlow>();
        OnboardingSandbox sandbox = _app.Services.GetRequiredService<OnboardingSandbox>();
        OnboardingSession session = flow.Start(Iin.Parse(iin), KzPhoneNumber.Parse("+7 701 555 00 11"), SandboxScenario.Happy);

        Assert.Equal(StepOutcome.Next, await flow.CheckPhoneAsync(session, CancellationToken.None));
        Assert.NotNull(session.PhoneCheck);
        if (dropStoredCheck)
        {
            session.PhoneCheck = null;
        }

        Assert.Equal(StepOutcome.Next, await flow.SignWithSandboxKeyAsync(session, CancellationToken.None));
        Assert.Equal(StepOutcome.Next, await flow.AcceptPhotoAsync(session, SampleFaceImage.CreateJpeg(480, 640), CancellationToken.None));
        string code = sandbox.Sms.CodeFor(session.PhotoSession!.SessionId);
        return (session, await flow.DecideAsync(session, code, CancellationToken.None));
    }
}
