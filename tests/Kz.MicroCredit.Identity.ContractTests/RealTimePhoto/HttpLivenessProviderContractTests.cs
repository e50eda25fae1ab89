using System.Text;
using System.Text.Json;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing;
using Kz.MicroCredit.Identity.Testing.RealTimePhoto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace Kz.MicroCredit.Identity.ContractTests.RealTimePhoto;

/// <summary>The reference HTTP adapter against WireMock: the wire contract, faults and the resilience pipeline.</summary>
public sealed class HttpLivenessProviderContractTests : IDisposable
{
    internal static readonly byte[] WebhookSecret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static readonly IdentificationPolicy Policy = IdentificationPolicy.Create("photo")
        .Require(IdentificationMethodId.RealTimePhoto)
        .Require(IdentificationMethodId.EGovPhoneOwnership)
        .Build();

    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private ServiceProvider Build(Action<RealTimePhotoProviderOptions>? tweak = null, LivenessWireBinding? binding = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IOtpSender>(new CapturingOtpSender());
        if (binding is not null)
        {
            services.TryAddSingleton(binding);
        }

        services.AddBorrowerIdentification()
            .UsePolicy(Policy)
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.EGovPhoneOwnership, MethodVerdict.Verified()))
            .AddRealTimePhotoVerification(o =>
            {
                o.Provider.BaseAddress = new Uri(_server.Url!.TrimEnd('/') + "/");
                o.Provider.ApiKey = "test-key";
                o.Provider.WebhookSecret = WebhookSecret;
                o.Provider.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(400);
                o.Provider.Resilience.TotalTimeout = TimeSpan.FromSeconds(3);
                o.Provider.Resilience.RetryBackoff = TimeSpan.FromMilliseconds(10);
                o.Provider.Resilience.MaxRetryAttempts = 2;
                tweak?.Invoke(o.Provider);
            });
        ServiceProvider provider = services.BuildServiceProvider();
        provider.ValidateBorrowerIdentificationOptions();
        return provider;
    }

    internal static LivenessSessionRequest SessionRequest() => new()
    {
        SessionId = "s-123",
        Nonce = "n-456",
        Commands = [LivenessCommand.TurnLeft, LivenessCommand.Blink, LivenessCommand.Smile],
        MaxAttempts = 3,
        ExpiresAt = new DateTimeOffset(2026, 3, 1, 10, 10, 0, TimeSpan.Zero),
        ReferenceSource = FaceReferenceSource.StatePhotoViaProvider,
        SubjectIin = Iin.Parse("880912300763"),
    };

    internal const string ApprovedResult = """
        {"sessionId":"ls_1","externalRef":"s-123","nonce":"n-456","status":"approved","attempts":1,
         "commands":["turn-left","blink","smile"],"livenessScore":0.98,"capturedAt":"2026-03-01T10:01:30.000Z",
         "frame":{"id":"fr_1","sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
         "signals":{"injection":false,"virtualCamera":false,"emulator":false,"rooted":false,"remoteControl":false},"seq":3}
        """;

    private void GivenResult(int status, string body, TimeSpan? delay = null)
    {
        IResponseBuilder response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        _server.Given(Request.Create().WithPath("/v1/liveness/sessions/ls_1").UsingGet()).RespondWith(response);
    }

    private int Hits(string path) => _server.LogEntries.Count(e => e.RequestMessage!.Path == path);

    [Fact]
    public async Task Create_session_speaks_the_reference_contract()
    {
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody("""{"sessionId":"ls_1","flowUrl":"https://liveness.example.kz/flow/ls_1","sdkToken":"tok"}"""));
        await using ServiceProvider sp = Build();

        LivenessSessionHandle handle = await sp.GetRequiredService<ILivenessProvider>().CreateSessionAsync(SessionRequest());

        Assert.Equal("ls_1", handle.ProviderSessionId);
        Assert.Equal(new Uri("https://liveness.example.kz/flow/ls_1"), handle.HostedFlowUrl);
        Assert.Equal("tok", handle.SdkToken);
        var entry = Assert.Single(_server.LogEntries).RequestMessage!;
        Assert.Equal("s-123", entry.Headers!["Idempotency-Key"].Single());
        Assert.Equal("Bearer test-key", entry.Headers!["Authorization"].Single());
        using JsonDocument body = JsonDocument.Parse(entry.Body!);
        Assert.Equal("s-123", body.RootElement.GetProperty("externalRef").GetString());
        Assert.Equal("n-456", body.RootElement.GetProperty("nonce").GetString());
        Assert.Equal(["turn-left", "blink", "smile"], body.RootElement.GetProperty("commands").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(3, body.RootElement.GetProperty("maxAttempts").GetInt32());
        Assert.Equal("state-photo", body.RootElement.GetProperty("reference").GetString());
        Assert.Equal("880912300763", body.RootElement.GetProperty("subject").GetProperty("iin").GetString());
        Assert.DoesNotContain("880912300763", entry.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_is_parsed_with_commands_frame_and_signals()
    {
        GivenResult(200, ApprovedResult);
        await using ServiceProvider sp = Build();

        LivenessResult r = await sp.GetRequiredService<ILivenessProvider>().GetResultAsync("ls_1");

        Assert.Equal(LivenessDecision.Approved, r.Decision);
        Assert.Equal("s-123", r.ExternalReference);
        Assert.Equal("n-456", r.Nonce);
        Assert.Equal([LivenessCommand.TurnLeft, LivenessCommand.Blink, LivenessCommand.Smile], r.CommandsPerformed);
        Assert.Equal(0.98, r.LivenessScore);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 1, 30, TimeSpan.Zero), r.CapturedAt);
        Assert.Equal("fr_1", r.FrameId);
        Assert.False(r.Signals.InjectionDetected);
        Assert.Equal(3, r.Sequence);
    }

    [Fact]
    public async Task A_503_then_success_is_retried_for_an_idempotent_get()
    {
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions/ls_1").UsingGet()).InScenario("flaky").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503));
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions/ls_1").UsingGet()).InScenario("flaky").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(ApprovedResult));
        await using ServiceProvider sp = Build();

        LivenessResult r = await sp.GetRequiredService<ILivenessProvider>().GetResultAsync("ls_1");

        Assert.Equal(LivenessDecision.Approved, r.Decision);
        Assert.Equal(2, Hits("/v1/liveness/sessions/ls_1"));
    }

    [Fact]
    public async Task Persistent_5xx_is_unavailable_after_the_retry_budget()
    {
        GivenResult(502, "{}");
        await using ServiceProvider sp = Build();

        LivenessProviderException ex = await Assert.ThrowsAsync<LivenessProviderException>(() => sp.GetRequiredService<ILivenessProvider>().GetResultAsync("ls_1"));

        Assert.Equal(LivenessProviderErrorKind.Unavailable, ex.Kind);
        Assert.Equal(3, Hits("/v1/liveness/sessions/ls_1"));
    }

    [Fact]
    public async Task A_post_without_idempotency_key_is_not_retried()
    {
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions").UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        await using ServiceProvider sp = Build(binding: new NoIdempotencyKeyBinding());

        await Assert.ThrowsAsync<LivenessProviderException>(() => sp.GetRequiredService<ILivenessProvider>().CreateSessionAsync(SessionRequest()));

        Assert.Equal(1, Hits("/v1/liveness/sessions"));
    }

    [Fact]
    public async Task A_post_with_idempotency_key_is_retried()
    {
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions").UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        await using ServiceProvider sp = Build();

        await Assert.ThrowsAsync<LivenessProviderException>(() => sp.GetRequiredService<ILivenessProvider>().CreateSessionAsync(SessionRequest()));

        Assert.Equal(3, Hits("/v1/liveness/sessions"));
        Assert.All(_server.LogEntries, e => Assert.Equal("s-123", e.RequestMessage!.Headers!["Idempotency-Key"].Single()));
    }

    [Fact]
    public async Task A_timeout_is_unavailable()
    {
        GivenResult(200, ApprovedResult, TimeSpan.FromSeconds(3));
        await using ServiceProvider sp = Build(o => o.Resilience.TotalTimeout = TimeSpan.FromSeconds(1));

        LivenessProviderException ex = await Assert.ThrowsAsync<LivenessProviderException>(() => sp.GetRequiredService<ILivenessProvider>().GetResultAsync("ls_1"));

        Assert.Equal(LivenessProviderErrorKind.Unavailable, ex.Kind);
    }

    [Fact]
    public async Task A_slow_answer_within_the_attempt_timeout_succeeds()
    {
        GivenResult(200, ApprovedResult, TimeSpan.FromMilliseconds(150));
        await using ServiceProvider sp = Build();

        Assert.Equal(LivenessDecision.Approved, (await sp.GetRequiredService<ILivenessProvider>().GetResultAsync("ls_1")).Decision);
    }

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task Connection_faults_are_unavailable_or_protocol_never_a_result(FaultType fault)
    {
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions/ls_1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(ApprovedResult).WithFault(fault));
        await using ServiceProvider sp = Build();

        await Assert.ThrowsAsync<LivenessProviderException>(() => sp.GetRequiredService<ILivenessProvider>().GetResultAsync("ls_1"));
    }

    [Theory]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("{\"sessionId\":\"ls_1\",\"status\":\"appro")]
    [InlineData("{\"sessionId\":\"ls_1\",\"status\":\"maybe\"}")]
    [InlineData("{\"status\":\"approved\"}")]
    [InlineData("[]")]
    [InlineData("{\"sessionId\":\"ls_1\",\"status\":\"approved\",\"commands\":[\"dance\"]}")]
    [InlineData("{\"sessionId\":\"ls_1\",\"status\":\"approved\",\"capturedAt\":\"yesterday\"}")]
    [InlineData("{\"sessionId\":\"ls_1\",\"status\":\"approved\",\"frame\":{\"sha256\":\"xyz\"}}")]
    public async Task Garbage_is_a_protocol_error(string body)
    {
        GivenResult(200, body);
        await using ServiceProvider sp = Build();

        LivenessProviderException ex = await Assert.ThrowsAsync<LivenessProviderException>(() => sp.GetRequiredService<ILivenessProvider>().GetResultAsync("ls_1"));

        Assert.Equal(LivenessProviderErrorKind.Protocol, ex.Kind);
        Assert.DoesNotContain("ls_1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_answer_is_a_protocol_error()
    {
        GivenResult(200, "{\"pad\":\"" + new string('x', 4096) + "\"}");
        await using ServiceProvider sp = Build(o => o.MaxResponseBytes = 2048);

        LivenessProviderException ex = await Assert.ThrowsAsync<LivenessProviderException>(() => sp.GetRequiredService<ILivenessProvider>().GetResultAsync("ls_1"));
        Assert.Equal(LivenessProviderErrorKind.Protocol, ex.Kind);
    }

    [Fact]
    public async Task Match_sends_the_reference_and_a_4xx_is_not_retried()
    {
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions/ls_1/match").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"matchId":"m_1","score":0.91,"frameId":"fr_1","referenceSource":"supplied"}"""));
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions/ls_2/match").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(422).WithBody("""{"error":"no face"}"""));
        await using ServiceProvider sp = Build();
        IFaceMatchProvider match = sp.GetRequiredService<IFaceMatchProvider>();
        byte[] photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];

        FaceMatchResult r = await match.MatchAsync(new FaceMatchRequest { SessionId = "s-123", ProviderSessionId = "ls_1", FrameId = "fr_1", ReferenceSource = FaceReferenceSource.CallerSupplied, ReferencePhoto = photo });

        Assert.Equal(0.91, r.Score);
        Assert.Equal(FaceReferenceSource.CallerSupplied, r.ReferenceSource);
        var entry = _server.LogEntries.Single(e => e.RequestMessage!.Path.EndsWith("/match", StringComparison.Ordinal)).RequestMessage!;
        Assert.Equal("s-123:match", entry.Headers!["Idempotency-Key"].Single());
        using (JsonDocument body = JsonDocument.Parse(entry.Body!))
        {
            Assert.Equal(Convert.ToBase64String(photo), body.RootElement.GetProperty("reference").GetProperty("image").GetString());
            Assert.Equal("fr_1", body.RootElement.GetProperty("frameId").GetString());
        }

        LivenessProviderException ex = await Assert.ThrowsAsync<LivenessProviderException>(() => match.MatchAsync(new FaceMatchRequest { SessionId = "s-9", ProviderSessionId = "ls_2", ReferenceSource = FaceReferenceSource.StatePhotoViaProvider }));
        Assert.Equal(LivenessProviderErrorKind.Protocol, ex.Kind);
        Assert.Equal(1, Hits("/v1/liveness/sessions/ls_2/match"));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_stops_calling()
    {
        GivenResult(503, "{}");
        await using ServiceProvider sp = Build(o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.Breaker.MinimumThroughput = 2;
            o.Resilience.Breaker.FailureRatio = 0.5;
        });
        ILivenessProvider provider = sp.GetRequiredService<ILivenessProvider>();
        for (int i = 0; i < 5; i++)
        {
            LivenessProviderException ex = await Assert.ThrowsAsync<LivenessProviderException>(() => provider.GetResultAsync("ls_1"));
            Assert.Equal(LivenessProviderErrorKind.Unavailable, ex.Kind);
        }

        Assert.Equal(2, Hits("/v1/liveness/sessions/ls_1"));
    }

    [Fact]
    public async Task A_provider_fault_during_identification_is_indeterminate()
    {
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{"sessionId":"ls_1","flowUrl":"https://liveness.example.kz/flow/ls_1"}"""));
        GivenResult(500, "oops");
        await using ServiceProvider sp = Build();
        var sms = (CapturingOtpSender)sp.GetRequiredService<IOtpSender>();
        RealTimePhotoStartResult started = await sp.GetRequiredService<IRealTimePhotoSessionService>()
            .StartAsync(new RealTimePhotoStartRequest(Iin.Parse("880912300763"), KzPhoneNumber.Parse("+77011234567"), IdentificationOperation.Registration, "app-1"));
        var request = new BorrowerIdentificationRequest(Iin.Parse("880912300763"), IdentificationOperation.Registration, "app-1") { PhoneNumber = KzPhoneNumber.Parse("+77011234567") };
        request.Evidence.Add(new RealTimePhotoEvidence(started.Session!.SessionId, sms.CodeFor(started.Session.SessionId)));

        IdentificationResult result = await sp.GetRequiredService<IBorrowerIdentifier>().IdentifyAsync(request);

        MethodOutcome photo = result.GetMethod(IdentificationMethodId.RealTimePhoto)!;
        Assert.Equal(IdentificationStatus.Indeterminate, photo.Status);
        Assert.Contains(ReasonCode.ProviderUnavailable, photo.Reasons);
        Assert.Equal(IdentificationStatus.Indeterminate, result.Status);
    }

    private sealed class NoIdempotencyKeyBinding : LivenessWireBinding
    {
        public override HttpRequestMessage CreateSessionRequest(LivenessSessionRequest request)
        {
            HttpRequestMessage message = base.CreateSessionRequest(request);
            message.Headers.Remove(IdempotencyHeader);
            return message;
        }
    }
}
