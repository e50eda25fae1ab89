using System.Text;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing;
using Kz.MicroCredit.Identity.Testing.RealTimePhoto;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.RealTimePhoto;

public sealed class SimulatorFixture : IAsyncLifetime
{
    public LivenessProviderSimulator Simulator { get; private set; } = null!;

    public async Task InitializeAsync() => Simulator = await LivenessProviderSimulator.StartAsync();

    public async Task DisposeAsync() => await Simulator.DisposeAsync();
}

/// <summary>The whole flow through DI, the reference HTTP adapter and the loopback simulator.</summary>
public sealed class RealTimePhotoSandboxTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    // Rules2021 with only the photo branch registered: realtime-photo AND egov-phone-ownership.
    private static readonly IdentificationPolicy PhotoPolicy = IdentificationPolicy.Create("photo-2021")
        .Require(IdentificationMethodId.RealTimePhoto)
        .Require(IdentificationMethodId.EGovPhoneOwnership)
        .Build();

    private static Iin MakeIin(string firstEleven) => Iin.Parse(firstEleven + Iin.ComputeCheckDigit(firstEleven));

    private sealed class Flow : IAsyncDisposable
    {
        public required ServiceProvider Provider { get; init; }

        public required CapturingOtpSender Sms { get; init; }

        public ValueTask DisposeAsync() => Provider.DisposeAsync();
    }

    private Flow Build(Action<RealTimePhotoOptions>? configure = null, IdentificationPolicy? policy = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        var sms = new CapturingOtpSender();
        services.AddSingleton<IOtpSender>(sms);
        services.AddBorrowerIdentification()
            .UsePolicy(policy ?? PhotoPolicy)
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.EGovPhoneOwnership, MethodVerdict.Verified()))
            .AddRealTimePhotoVerification(o =>
            {
                o.Provider.BaseAddress = fixture.Simulator.BaseAddress;
                o.Provider.WebhookSecret = fixture.Simulator.WebhookSecret;
                o.Provider.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
                o.Provider.Resilience.RetryBackoff = TimeSpan.FromMilliseconds(10);
                configure?.Invoke(o);
            });
        ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.ValidateBorrowerIdentificationOptions();
        return new Flow { Provider = provider, Sms = sms };
    }

    private static async Task<(IdentificationResult Result, string Code)> RunAsync(Flow flow, Iin iin, KzPhoneNumber phone, ReadOnlyMemory<byte> photo = default, bool webhook = false, LivenessProviderSimulator? sim = null)
    {
        RealTimePhotoStartResult started = await flow.Provider.GetRequiredService<IRealTimePhotoSessionService>()
            .StartAsync(new RealTimePhotoStartRequest(iin, phone, IdentificationOperation.AgreementSigning, "loan-42") { Amount = 75_000m });
        Assert.True(started.IsStarted, started.Status.ToString());
        using (var http = new HttpClient())
        {
            using HttpResponseMessage page = await http.GetAsync(started.Session!.HostedFlowUrl);
            Assert.True(page.IsSuccessStatusCode);
        }

        if (webhook && sim is not null)
        {
            (byte[] body, string signature) = sim.CreateSignedWebhook(started.Session.ProviderSessionId);
            Assert.Equal(LivenessWebhookOutcome.Accepted, flow.Provider.GetRequiredService<RealTimePhotoWebhookHandler>().Handle(body, signature));
        }

        string code = flow.Sms.CodeFor(started.Session.SessionId);
        var request = new BorrowerIdentificationRequest(iin, IdentificationOperation.AgreementSigning, "loan-42") { PhoneNumber = phone };
        request.Evidence.Add(new RealTimePhotoEvidence(started.Session.SessionId, code) { Amount = 75_000m, ReferencePhoto = photo });
        return (await flow.Provider.GetRequiredService<IBorrowerIdentifier>().IdentifyAsync(request), code);
    }

    [Fact]
    public async Task The_sandbox_borrower_is_verified_end_to_end()
    {
        await using Flow flow = Build();
        (IdentificationResult result, _) = await RunAsync(flow, Iin.Parse("880912300763"), KzPhoneNumber.Parse("+77011234567"));
        Assert.True(result.IsVerified, result.ToString());
        MethodOutcome photo = result.GetMethod(IdentificationMethodId.RealTimePhoto)!;
        Assert.Equal("reference-http", photo.Evidence.Facts["provider"]);
        Assert.Equal("poll", photo.Evidence.Facts["liveness.source"]);
        Assert.Equal("0.93", photo.Evidence.Facts["facematch.score"]);
    }

    [Theory]
    [InlineData("8501013001", SimulatedPersonBehavior.LivenessFail, "AttemptsExhausted")]
    [InlineData("8501013002", SimulatedPersonBehavior.LowScore, "FaceNoMatch")]
    [InlineData("8501013003", SimulatedPersonBehavior.InjectionDetected, "LivenessInjectionDetected")]
    public async Task Scripted_people_are_rejected_for_the_right_reason(string tenDigits, SimulatedPersonBehavior behavior, string reason)
    {
        Iin iin = MakeIin(tenDigits + "0");
        fixture.Simulator.Script(iin, behavior);
        await using Flow flow = Build();
        (IdentificationResult result, _) = await RunAsync(flow, iin, KzPhoneNumber.Parse("+77051112233"));
        MethodOutcome photo = result.GetMethod(IdentificationMethodId.RealTimePhoto)!;
        Assert.Equal(IdentificationStatus.Rejected, photo.Status);
        Assert.Contains(new ReasonCode(reason), photo.Reasons);
        Assert.False(result.IsVerified);
    }

    [Fact]
    public async Task A_failing_or_slow_provider_stops_the_start()
    {
        Iin failing = MakeIin("85010130040");
        Iin slow = MakeIin("85010130050");
        fixture.Simulator.Script(failing, SimulatedPersonBehavior.Failing).Script(slow, SimulatedPersonBehavior.Slow);
        fixture.Simulator.SlowDelay = TimeSpan.FromSeconds(2);
        await using Flow flow = Build(o =>
        {
            o.Provider.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.Provider.Resilience.TotalTimeout = TimeSpan.FromMilliseconds(900);
        });
        IRealTimePhotoSessionService service = flow.Provider.GetRequiredService<IRealTimePhotoSessionService>();
        foreach (Iin iin in new[] { failing, slow })
        {
            RealTimePhotoStartResult r = await service.StartAsync(new RealTimePhotoStartRequest(iin, KzPhoneNumber.Parse("+77751234567"), IdentificationOperation.Registration, "x"));
            Assert.Equal(RealTimePhotoStartStatus.ProviderUnavailable, r.Status);
        }

        Assert.Empty(flow.Sms.Messages);
    }

    [Fact]
    public async Task No_code_phone_iin_or_image_bytes_reach_the_logs_even_at_trace()
    {
        Iin iin = MakeIin("92020240010");
        var phone = KzPhoneNumber.Parse("+77071234599");
        byte[] photo = Encoding.ASCII.GetBytes("JFIF-secret-face-bytes-0123456789-abcdefghijklmnopqrstuvwxyz");
        await using Flow flow = Build(o => o.ReferenceSource = FaceReferenceSource.CallerSupplied);

        // A wrong code first, then the right one, with a webhook delivery in between: every log path runs.
        RealTimePhotoStartResult started = await flow.Provider.GetRequiredService<IRealTimePhotoSessionService>()
            .StartAsync(new RealTimePhotoStartRequest(iin, phone, IdentificationOperation.AgreementSigning, "loan-7") { Amount = 10_000m });
        await fixture.Simulator.CompleteFlowAsync(started.Session!.ProviderSessionId);
        (byte[] body, string signature) = fixture.Simulator.CreateSignedWebhook(started.Session.ProviderSessionId);
        RealTimePhotoWebhookHandler handler = flow.Provider.GetRequiredService<RealTimePhotoWebhookHandler>();
        Assert.Equal(LivenessWebhookOutcome.Accepted, handler.Handle(body, signature));
        Assert.Equal(LivenessWebhookOutcome.InvalidSignature, handler.Handle(body, "t=1,v1=" + new string('0', 64)));
        string code = flow.Sms.CodeFor(started.Session.SessionId);
        IBorrowerIdentifier identifier = flow.Provider.GetRequiredService<IBorrowerIdentifier>();
        IdentificationResult wrong = await identifier.IdentifyAsync(Request(iin, phone, started.Session.SessionId, PhotoHarness.WrongCode(code), photo));
        IdentificationResult right = await identifier.IdentifyAsync(Request(iin, phone, started.Session.SessionId, code, photo));
        Assert.False(wrong.IsVerified);
        Assert.True(right.IsVerified, right.ToString());
        Assert.Equal("webhook", right.GetMethod(IdentificationMethodId.RealTimePhoto)!.Evidence.Facts["liveness.source"]);

        IReadOnlyList<FakeLogRecord> records = flow.Provider.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Trace);
        Assert.Contains(records, r => r.Id.Id is >= 4000 and < 4100);
        string[] secrets =
        [
            code, PhotoHarness.WrongCode(code), iin.Value, phone.E164, phone.NationalNumber, phone.E164[1..],
            Convert.ToBase64String(photo), Convert.ToHexString(photo), Encoding.ASCII.GetString(photo),
        ];
        foreach (FakeLogRecord r in records)
        {
            var texts = new List<string> { r.Message, r.Exception?.ToString() ?? string.Empty };
            if (r.StructuredState is { } state)
            {
                texts.AddRange(state.Select(kv => kv.Value ?? string.Empty));
            }

            foreach (string text in texts)
            {
                foreach (string secret in secrets)
                {
                    Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                }
            }
        }

        // And the evidence report carries the photo's digest only, never the code.
        string json = right.Report.ToJson();
        Assert.DoesNotContain(code, json, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(photo), json, StringComparison.Ordinal);
        Assert.Contains("reference-photo", json, StringComparison.Ordinal);
    }

    private static BorrowerIdentificationRequest Request(Iin iin, KzPhoneNumber phone, string sessionId, string code, byte[] photo)
    {
        var request = new BorrowerIdentificationRequest(iin, IdentificationOperation.AgreementSigning, "loan-7") { PhoneNumber = phone };
        request.Evidence.Add(new RealTimePhotoEvidence(sessionId, code) { ReferencePhoto = photo });
        return request;
    }

    [Fact]
    public void A_policy_with_realtime_photo_but_without_phone_ownership_fails_at_start_up()
    {
        IdentificationPolicy lax = IdentificationPolicy.Create("lax").Require(IdentificationMethodId.RealTimePhoto).Optional(IdentificationMethodId.EGovPhoneOwnership).Build();
        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(() => Build(policy: lax));
        Assert.Contains("egov-phone-ownership", ex.Message, StringComparison.Ordinal);

        // Explicitly opting out (phone ownership proven elsewhere) is allowed.
        using ServiceProvider ok = Build(o => o.RequirePhoneOwnershipInPolicy = false, lax).Provider;
    }

    [Fact]
    public void Invalid_options_fail_at_start_up()
    {
        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(() => Build(o =>
        {
            o.CommandCount = 2;
            o.SecretKey = new byte[8];
            o.MaxLivenessAttempts = 4;
            o.MessageTemplate = "Код {code}";
        }));
        Assert.Contains("CommandCount", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SecretKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxLivenessAttempts", ex.Message, StringComparison.Ordinal);
        Assert.Contains("{amount}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        IConfigurationSection section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Photo:OtpLength"] = "8",
            ["Photo:FaceMatchThreshold"] = "0.85",
            ["Photo:SecretKey"] = Convert.ToBase64String(new byte[32]),
            ["Photo:Provider:BaseAddress"] = "https://liveness.example.kz/",
            ["Photo:Provider:Name"] = "verigram",
        }).Build().GetSection("Photo");
        var services = new ServiceCollection();
        services.AddSingleton<IOtpSender>(new CapturingOtpSender());
        services.AddBorrowerIdentification().UsePolicy(PhotoPolicy)
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.EGovPhoneOwnership, MethodVerdict.Verified()))
            .AddRealTimePhotoVerification(section);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.ValidateBorrowerIdentificationOptions();
        RealTimePhotoOptions o = provider.GetRequiredService<IOptions<RealTimePhotoOptions>>().Value;
        Assert.Equal(8, o.OtpLength);
        Assert.Equal(0.85, o.FaceMatchThreshold);
        Assert.Equal(32, o.SecretKey!.Length);
        Assert.Equal("verigram", provider.GetRequiredService<ILivenessProvider>().Name);
    }
}
