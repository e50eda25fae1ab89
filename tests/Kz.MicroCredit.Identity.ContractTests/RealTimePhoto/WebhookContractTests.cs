using System.Text;
using System.Text.Json;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing;
using Kz.MicroCredit.Identity.Testing.RealTimePhoto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace Kz.MicroCredit.Identity.ContractTests.RealTimePhoto;

/// <summary>Signed webhooks: signature, timestamp window, repeats, reordering, conflicts; and webhook-first identification.</summary>
public sealed class WebhookContractTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 2, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    private (RealTimePhotoWebhookHandler Handler, LivenessResultCache Cache) Create()
    {
        var options = new RealTimePhotoOptions();
        options.Provider.WebhookSecret = HttpLivenessProviderContractTests.WebhookSecret;
        var cache = new LivenessResultCache(_time);
        return (new RealTimePhotoWebhookHandler(new LivenessWireBinding(), cache, Options.Create(options), _time), cache);
    }

    private static byte[] Event(string eventId, string status, long seq, string sessionId = "ls_1")
    {
        string result = HttpLivenessProviderContractTests.ApprovedResult
            .Replace("\"status\":\"approved\"", "\"status\":\"" + status + "\"", StringComparison.Ordinal)
            .Replace("\"seq\":3", "\"seq\":" + seq, StringComparison.Ordinal)
            .Replace("\"sessionId\":\"ls_1\"", "\"sessionId\":\"" + sessionId + "\"", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes("{\"eventId\":\"" + eventId + "\",\"type\":\"liveness.session.updated\",\"result\":" + result + "}");
    }

    private static string Sign(byte[] body, DateTimeOffset at, byte[]? secret = null) =>
        LivenessWireBinding.SignWebhook(body, secret ?? HttpLivenessProviderContractTests.WebhookSecret, at);

    [Fact]
    public void A_signed_event_is_applied()
    {
        (RealTimePhotoWebhookHandler handler, LivenessResultCache cache) = Create();
        byte[] body = Event("evt_1", "approved", 3);

        Assert.Equal(LivenessWebhookOutcome.Accepted, handler.Handle(body, Sign(body, Now)));

        LivenessResult? r = cache.Get("ls_1", out bool conflicted);
        Assert.False(conflicted);
        Assert.Equal(LivenessDecision.Approved, r!.Decision);
        Assert.Equal(200, RealTimePhotoWebhookHandler.StatusCodeFor(LivenessWebhookOutcome.Accepted));
    }

    [Fact]
    public void Bad_signatures_are_refused_and_change_nothing()
    {
        (RealTimePhotoWebhookHandler handler, LivenessResultCache cache) = Create();
        byte[] body = Event("evt_1", "approved", 3);
        string good = Sign(body, Now);
        byte[] tampered = (byte[])body.Clone();
        tampered[Array.IndexOf(tampered, (byte)'9')] = (byte)'1'; // flip a digit inside the signed body

        Assert.Equal(LivenessWebhookOutcome.InvalidSignature, handler.Handle(body, null));
        Assert.Equal(LivenessWebhookOutcome.InvalidSignature, handler.Handle(body, string.Empty));
        Assert.Equal(LivenessWebhookOutcome.InvalidSignature, handler.Handle(body, "garbage"));
        Assert.Equal(LivenessWebhookOutcome.InvalidSignature, handler.Handle(body, Sign(body, Now, new byte[32])));
        Assert.Equal(LivenessWebhookOutcome.InvalidSignature, handler.Handle(tampered, good));
        Assert.Equal(LivenessWebhookOutcome.InvalidSignature, handler.Handle(body, good.Replace("v1=", "v1=0", StringComparison.Ordinal)));
        Assert.Equal(LivenessWebhookOutcome.InvalidSignature, handler.Handle(body, "t=" + Now.ToUnixTimeSeconds() + ",v1=" + new string('a', 64)));
        Assert.Null(cache.Get("ls_1", out _));
        Assert.Equal(401, RealTimePhotoWebhookHandler.StatusCodeFor(LivenessWebhookOutcome.InvalidSignature));
    }

    [Fact]
    public void Without_a_configured_secret_every_webhook_is_refused()
    {
        var cache = new LivenessResultCache(_time);
        var handler = new RealTimePhotoWebhookHandler(new LivenessWireBinding(), cache, Options.Create(new RealTimePhotoOptions()), _time);
        byte[] body = Event("evt_1", "approved", 3);
        Assert.Equal(LivenessWebhookOutcome.InvalidSignature, handler.Handle(body, Sign(body, Now)));
    }

    [Fact]
    public void A_rotated_key_signature_list_is_accepted_when_one_matches()
    {
        (RealTimePhotoWebhookHandler handler, _) = Create();
        byte[] body = Event("evt_1", "approved", 3);
        string good = Sign(body, Now);
        string old = Sign(body, Now, Enumerable.Repeat((byte)7, 32).ToArray());
        string header = good + "," + old[(old.IndexOf(',', StringComparison.Ordinal) + 1)..];
        Assert.Equal(LivenessWebhookOutcome.Accepted, handler.Handle(body, header));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void A_late_or_future_delivery_is_refused(int offsetSeconds)
    {
        (RealTimePhotoWebhookHandler handler, LivenessResultCache cache) = Create();
        byte[] body = Event("evt_1", "approved", 3);

        Assert.Equal(LivenessWebhookOutcome.TimestampOutOfWindow, handler.Handle(body, Sign(body, Now.AddSeconds(offsetSeconds))));
        Assert.Null(cache.Get("ls_1", out _));
    }

    [Fact]
    public void A_delivery_signed_within_the_window_is_accepted_even_if_it_arrives_later_on_our_clock()
    {
        (RealTimePhotoWebhookHandler handler, _) = Create();
        byte[] body = Event("evt_1", "approved", 3);
        string header = Sign(body, Now);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(LivenessWebhookOutcome.Accepted, handler.Handle(body, header));
    }

    [Fact]
    public void A_repeated_event_is_a_duplicate()
    {
        (RealTimePhotoWebhookHandler handler, _) = Create();
        byte[] body = Event("evt_1", "pending", 1);
        Assert.Equal(LivenessWebhookOutcome.Accepted, handler.Handle(body, Sign(body, Now)));
        Assert.Equal(LivenessWebhookOutcome.Duplicate, handler.Handle(body, Sign(body, Now.AddSeconds(10))));
        Assert.Equal(200, RealTimePhotoWebhookHandler.StatusCodeFor(LivenessWebhookOutcome.Duplicate));
    }

    [Fact]
    public void An_older_event_arriving_late_does_not_overwrite_a_newer_one()
    {
        (RealTimePhotoWebhookHandler handler, LivenessResultCache cache) = Create();
        byte[] newer = Event("evt_2", "retry", 2);
        byte[] older = Event("evt_1", "pending", 1);

        Assert.Equal(LivenessWebhookOutcome.Accepted, handler.Handle(newer, Sign(newer, Now)));
        Assert.Equal(LivenessWebhookOutcome.Stale, handler.Handle(older, Sign(older, Now)));
        Assert.Equal(LivenessDecision.Retry, cache.Get("ls_1", out _)!.Decision);

        byte[] approved = Event("evt_3", "approved", 3);
        byte[] laterRetry = Event("evt_4", "retry", 4);
        Assert.Equal(LivenessWebhookOutcome.Accepted, handler.Handle(approved, Sign(approved, Now)));
        Assert.Equal(LivenessWebhookOutcome.Stale, handler.Handle(laterRetry, Sign(laterRetry, Now)));
        Assert.Equal(LivenessDecision.Approved, cache.Get("ls_1", out _)!.Decision);
    }

    [Fact]
    public void Two_contradicting_final_results_make_the_session_conflicted()
    {
        (RealTimePhotoWebhookHandler handler, LivenessResultCache cache) = Create();
        byte[] approved = Event("evt_1", "approved", 3);
        byte[] rejected = Event("evt_2", "rejected", 4);
        Assert.Equal(LivenessWebhookOutcome.Accepted, handler.Handle(approved, Sign(approved, Now)));
        Assert.Equal(LivenessWebhookOutcome.Conflict, handler.Handle(rejected, Sign(rejected, Now)));
        cache.Get("ls_1", out bool conflicted);
        Assert.True(conflicted);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"eventId\":\"e\",\"type\":\"other\",\"result\":{}}")]
    [InlineData("{\"eventId\":\"e\",\"type\":\"liveness.session.updated\"}")]
    [InlineData("{\"type\":\"liveness.session.updated\",\"result\":{\"sessionId\":\"ls_1\",\"status\":\"approved\"}}")]
    public void Garbage_with_a_valid_signature_is_malformed(string text)
    {
        (RealTimePhotoWebhookHandler handler, _) = Create();
        byte[] body = Encoding.UTF8.GetBytes(text);
        Assert.Equal(LivenessWebhookOutcome.Malformed, handler.Handle(body, Sign(body, Now)));
        Assert.Equal(400, RealTimePhotoWebhookHandler.StatusCodeFor(LivenessWebhookOutcome.Malformed));
    }

    /// <summary>
    /// The provider's poll still says pending, but a signed webhook delivered the approval: identification uses the
    /// webhook; a repeat of it for a second session of the same borrower cannot verify that session.
    /// </summary>
    [Fact]
    public async Task Identification_uses_the_webhook_result_and_a_replayed_webhook_cannot_serve_another_session()
    {
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions").UsingPost()).InScenario("ids").WillSetStateTo("second")
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{"sessionId":"ls_1","flowUrl":"https://liveness.example.kz/flow/ls_1"}"""));
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions").UsingPost()).InScenario("ids").WhenStateIs("second")
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{"sessionId":"ls_2","flowUrl":"https://liveness.example.kz/flow/ls_2"}"""));
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions/ls_1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"sessionId":"ls_1","status":"pending","seq":1}"""));
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions/ls_2").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"sessionId":"ls_2","status":"pending","seq":1}"""));
        _server.Given(Request.Create().WithPath("/v1/liveness/sessions/ls_1/match").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"matchId":"m_1","score":0.9,"frameId":"fr_1","referenceSource":"state-photo"}"""));

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        var sms = new CapturingOtpSender();
        services.AddSingleton<IOtpSender>(sms);
        services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicy.Create("photo").Require(IdentificationMethodId.RealTimePhoto).Require(IdentificationMethodId.EGovPhoneOwnership).Build())
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.EGovPhoneOwnership, MethodVerdict.Verified()))
            .AddRealTimePhotoVerification(o =>
            {
                o.Provider.BaseAddress = new Uri(_server.Url!.TrimEnd('/') + "/");
                o.Provider.WebhookSecret = HttpLivenessProviderContractTests.WebhookSecret;
            });
        await using ServiceProvider sp = services.BuildServiceProvider();
        sp.ValidateBorrowerIdentificationOptions();
        IRealTimePhotoSessionService sessions = sp.GetRequiredService<IRealTimePhotoSessionService>();
        RealTimePhotoWebhookHandler handler = sp.GetRequiredService<RealTimePhotoWebhookHandler>();
        IBorrowerIdentifier identifier = sp.GetRequiredService<IBorrowerIdentifier>();
        Iin iin = Iin.Parse("880912300763");
        KzPhoneNumber phone = KzPhoneNumber.Parse("+77011234567");

        RealTimePhotoSession first = (await sessions.StartAsync(new RealTimePhotoStartRequest(iin, phone, IdentificationOperation.Registration, "app-1"))).Session!;
        byte[] webhook = WebhookFor(first, "ls_1", "evt_a");
        Assert.Equal(LivenessWebhookOutcome.Accepted, handler.Handle(webhook, Sign(webhook, _time.GetUtcNow())));
        IdentificationResult ok = await identifier.IdentifyAsync(RequestFor(iin, phone, first, sms, "app-1"));
        Assert.True(ok.IsVerified, ok.ToString());
        Assert.Equal("webhook", ok.GetMethod(IdentificationMethodId.RealTimePhoto)!.Evidence.Facts["liveness.source"]);

        // The same approval, replayed as the result of a second session (new event id, re-signed by someone holding the secret):
        // its nonce and external reference belong to the first session, so the second one is rejected.
        RealTimePhotoSession second = (await sessions.StartAsync(new RealTimePhotoStartRequest(iin, phone, IdentificationOperation.Registration, "app-1"))).Session!;
        byte[] replay = WebhookFor(first, "ls_2", "evt_b");
        Assert.Equal(LivenessWebhookOutcome.Accepted, handler.Handle(replay, Sign(replay, _time.GetUtcNow())));
        IdentificationResult replayed = await identifier.IdentifyAsync(RequestFor(iin, phone, second, sms, "app-1"));
        MethodOutcome photo = replayed.GetMethod(IdentificationMethodId.RealTimePhoto)!;
        Assert.Equal(IdentificationStatus.Rejected, photo.Status);
        Assert.Contains(ReasonCode.RealTimePhotoSessionMismatch, photo.Reasons);
    }

    [Fact]
    public async Task The_simulator_pushes_webhooks_that_the_handler_verifies()
    {
        _server.Given(Request.Create().WithPath("/hooks/liveness").UsingPost()).RespondWith(Response.Create().WithStatusCode(200));
        await using LivenessProviderSimulator sim = await LivenessProviderSimulator.StartAsync();
        sim.WebhookSecret = HttpLivenessProviderContractTests.WebhookSecret;
        sim.WebhookUrl = new Uri(_server.Url!.TrimEnd('/') + "/hooks/liveness");
        using var http = new HttpClient { BaseAddress = sim.BaseAddress };
        using var create = new StringContent("""{"externalRef":"s-1","nonce":"n-1","commands":["nod","smile","blink"],"maxAttempts":3}""", Encoding.UTF8, "application/json");
        using HttpResponseMessage created = await http.PostAsync(new Uri("v1/liveness/sessions", UriKind.Relative), create);
        string id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("sessionId").GetString()!;

        await sim.CompleteFlowAsync(id);

        var pushed = _server.LogEntries.Single(e => e.RequestMessage!.Path == "/hooks/liveness").RequestMessage!;
        byte[] body = pushed.BodyAsBytes!;
        var options = new RealTimePhotoOptions();
        options.Provider.WebhookSecret = HttpLivenessProviderContractTests.WebhookSecret;
        var cache = new LivenessResultCache(TimeProvider.System);
        var handler = new RealTimePhotoWebhookHandler(new LivenessWireBinding(), cache, Options.Create(options), TimeProvider.System);
        Assert.Equal(LivenessWebhookOutcome.Accepted, handler.Handle(body, pushed.Headers![LivenessWireBinding.SignatureHeader].Single()));
        Assert.Equal(LivenessWebhookOutcome.Duplicate, handler.Handle(body, pushed.Headers![LivenessWireBinding.SignatureHeader].Single()));
        LivenessResult result = cache.Get(id, out _)!;
        Assert.Equal(LivenessDecision.Approved, result.Decision);
        Assert.Equal("s-1", result.ExternalReference);
        Assert.Equal([LivenessCommand.Nod, LivenessCommand.Smile, LivenessCommand.Blink], result.CommandsPerformed);
    }

    private byte[] WebhookFor(RealTimePhotoSession session, string providerSessionId, string eventId)
    {
        var created = _server.LogEntries.First(e => e.RequestMessage!.Path == "/v1/liveness/sessions"
            && e.RequestMessage.Body!.Contains(session.SessionId, StringComparison.Ordinal)).RequestMessage!;
        using JsonDocument request = JsonDocument.Parse(created.Body!);
        var result = new LivenessResult
        {
            ProviderSessionId = providerSessionId,
            ExternalReference = request.RootElement.GetProperty("externalRef").GetString(),
            Nonce = request.RootElement.GetProperty("nonce").GetString(),
            Decision = LivenessDecision.Approved,
            Attempts = 1,
            CommandsPerformed = session.Commands,
            LivenessScore = 0.99,
            CapturedAt = _time.GetUtcNow(),
            FrameId = "fr_1",
            FrameSha256 = new string('a', 64),
            Signals = new LivenessSignals { InjectionDetected = false },
            Sequence = 5,
        };
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("eventId", eventId);
            w.WriteString("type", "liveness.session.updated");
            w.WritePropertyName("result");
            LivenessWireBinding.WriteResult(w, result);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static BorrowerIdentificationRequest RequestFor(Iin iin, KzPhoneNumber phone, RealTimePhotoSession session, CapturingOtpSender sms, string correlationId)
    {
        var request = new BorrowerIdentificationRequest(iin, IdentificationOperation.Registration, correlationId) { PhoneNumber = phone };
        request.Evidence.Add(new RealTimePhotoEvidence(session.SessionId, sms.CodeFor(session.SessionId)));
        return request;
    }
}
