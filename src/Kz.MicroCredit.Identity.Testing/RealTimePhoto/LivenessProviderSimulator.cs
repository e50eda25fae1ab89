using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kz.MicroCredit.Identity.Testing.RealTimePhoto;

/// <summary>
/// A loopback liveness/face-match provider speaking the reference wire contract of <see cref="HttpLivenessProvider"/>
/// (a Kestrel minimal API on <c>http://127.0.0.1:0</c>), scripted per IIN. The borrower's flow is simulated by opening
/// the hosted flow URL (or <see cref="CompleteFlowAsync"/>); results are polled or pushed as signed webhooks.
/// </summary>
public sealed class LivenessProviderSimulator : IAsyncDisposable
{
    private LoopbackHost _host = null!;
    private readonly ConcurrentDictionary<string, SimSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatedPersonBehavior> _people = new(StringComparer.Ordinal);
    private readonly HttpClient _webhookClient = new();
    private int _requests;
    private long _sequence;

    private LivenessProviderSimulator(TimeProvider time)
    {
        TimeProvider = time;
    }

    /// <summary>Gets the base address, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the clock used for capture times and webhook timestamps.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets or sets the behaviour of people without a script (and of sessions created without an IIN).</summary>
    public SimulatedPersonBehavior DefaultBehavior { get; set; } = SimulatedPersonBehavior.Pass;

    /// <summary>Gets or sets the delay of <see cref="SimulatedPersonBehavior.Slow"/>.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets or sets where completed sessions are pushed as signed webhooks; <see langword="null"/> for polling only.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Gets or sets the webhook HMAC secret (the lender's <c>Provider.WebhookSecret</c>).</summary>
    public byte[] WebhookSecret { get; set; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>Gets how many API requests were received.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Starts the simulator on a free loopback port.</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<LivenessProviderSimulator> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var sim = new LivenessProviderSimulator(timeProvider ?? TimeProvider.System);
        sim._host = await LoopbackHost.StartAsync(sim.Map, cancellationToken).ConfigureAwait(false);
        sim.BaseAddress = sim._host.BaseAddress;
        return sim;
    }

    /// <summary>Scripts a person.</summary>
    /// <param name="iin">The IIN.</param>
    /// <param name="behavior">The behaviour.</param>
    /// <returns>This simulator.</returns>
    public LivenessProviderSimulator Script(Iin iin, SimulatedPersonBehavior behavior)
    {
        _people[iin.Value] = behavior;
        return this;
    }

    /// <summary>Simulates the borrower completing the hosted flow: performs the session's commands per the person's script.</summary>
    /// <param name="providerSessionId">The provider session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task that ends after any webhook was delivered.</returns>
    public async Task CompleteFlowAsync(string providerSessionId, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGetValue(providerSessionId, out SimSession? session))
        {
            throw new InvalidOperationException("Unknown simulated session.");
        }

        Complete(session);
        if (WebhookUrl is not null)
        {
            (byte[] body, string signature) = CreateSignedWebhook(providerSessionId);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var message = new HttpRequestMessage(HttpMethod.Post, WebhookUrl) { Content = content };
            message.Headers.TryAddWithoutValidation(LivenessWireBinding.SignatureHeader, signature);
            using HttpResponseMessage response = await _webhookClient.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Builds a signed webhook for the session's current result (for tests of repeats, reordering and bad signatures).</summary>
    /// <param name="providerSessionId">The provider session id.</param>
    /// <param name="eventId">The event id; a new one when null.</param>
    /// <param name="sequence">The sequence number; the next one when null.</param>
    /// <param name="timestamp">The signing time; now when null.</param>
    /// <returns>The raw body and the signature header value.</returns>
    public (byte[] Body, string Signature) CreateSignedWebhook(string providerSessionId, string? eventId = null, long? sequence = null, DateTimeOffset? timestamp = null)
    {
        if (!_sessions.TryGetValue(providerSessionId, out SimSession? session))
        {
            throw new InvalidOperationException("Unknown simulated session.");
        }

        LivenessResult result = ResultOf(session) with { Sequence = sequence ?? Interlocked.Increment(ref _sequence) };
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("eventId", eventId ?? "evt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
            w.WriteString("type", "liveness.session.updated");
            w.WritePropertyName("result");
            LivenessWireBinding.WriteResult(w, result);
            w.WriteEndObject();
        }

        byte[] body = buffer.ToArray();
        return (body, LivenessWireBinding.SignWebhook(body, WebhookSecret, timestamp ?? TimeProvider.GetUtcNow()));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _webhookClient.Dispose();
        await _host.DisposeAsync().ConfigureAwait(false);
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/v1/liveness/sessions", async (HttpContext http) =>
        {
            Interlocked.Increment(ref _requests);
            using JsonDocument doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            JsonElement root = doc.RootElement;
            string? iin = root.TryGetProperty("subject", out JsonElement subject) && subject.TryGetProperty("iin", out JsonElement i) ? i.GetString() : null;
            SimulatedPersonBehavior behavior = iin is not null && _people.TryGetValue(iin, out SimulatedPersonBehavior b) ? b : DefaultBehavior;
            if (await Misbehave(behavior, http).ConfigureAwait(false))
            {
                return;
            }

            string key = http.Request.Headers[LivenessWireBinding.IdempotencyHeader].ToString();
            string id = "ls_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            if (key.Length > 0)
            {
                id = _byIdempotencyKey.GetOrAdd(key, id);
            }

            _sessions.GetOrAdd(id, _ => new SimSession
            {
                Id = id,
                ExternalRef = root.GetProperty("externalRef").GetString()!,
                Nonce = root.GetProperty("nonce").GetString()!,
                Commands = root.GetProperty("commands").EnumerateArray().Select(c => c.GetString()!).ToArray(),
                MaxAttempts = root.GetProperty("maxAttempts").GetInt32(),
                Behavior = behavior,
            });
            await WriteJson(http, 201, w =>
            {
                w.WriteString("sessionId", id);
                w.WriteString("flowUrl", new Uri(BaseAddress, "flow/" + id).ToString());
                w.WriteString("sdkToken", "sdk_" + id);
            }).ConfigureAwait(false);
        });

        app.MapGet("/v1/liveness/sessions/{id}", async (HttpContext http, string id) =>
        {
            Interlocked.Increment(ref _requests);
            if (!_sessions.TryGetValue(id, out SimSession? session))
            {
                http.Response.StatusCode = 404;
                return;
            }

            if (await Misbehave(session.Behavior, http).ConfigureAwait(false))
            {
                return;
            }

            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/json";
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                LivenessWireBinding.WriteResult(w, ResultOf(session) with { Sequence = Interlocked.Increment(ref _sequence) });
            }

            await http.Response.Body.WriteAsync(buffer.ToArray(), http.RequestAborted).ConfigureAwait(false);
        });

        app.MapPost("/v1/liveness/sessions/{id}/match", async (HttpContext http, string id) =>
        {
            Interlocked.Increment(ref _requests);
            if (!_sessions.TryGetValue(id, out SimSession? session))
            {
                http.Response.StatusCode = 404;
                return;
            }

            if (await Misbehave(session.Behavior, http).ConfigureAwait(false))
            {
                return;
            }

            using JsonDocument doc = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted).ConfigureAwait(false);
            string source = doc.RootElement.GetProperty("reference").GetProperty("source").GetString()!;
            if (session.FrameId is null)
            {
                http.Response.StatusCode = 409;
                return;
            }

            await WriteJson(http, 200, w =>
            {
                w.WriteString("matchId", "m_" + session.Id);
                w.WriteNumber("score", session.Behavior == SimulatedPersonBehavior.LowScore ? 0.41 : 0.93);
                w.WriteString("frameId", session.FrameId);
                w.WriteString("referenceSource", source);
            }).ConfigureAwait(false);
        });

        app.MapGet("/flow/{id}", async (HttpContext http, string id) =>
        {
            if (!_sessions.ContainsKey(id))
            {
                http.Response.StatusCode = 404;
                return;
            }

            await CompleteFlowAsync(id, http.RequestAborted).ConfigureAwait(false);
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync("<!doctype html><title>Liveness</title><p>Done. You can return to the app.</p>", http.RequestAborted).ConfigureAwait(false);
        });
    }

    private async Task<bool> Misbehave(SimulatedPersonBehavior behavior, HttpContext http)
    {
        if (behavior == SimulatedPersonBehavior.Slow)
        {
            await Task.Delay(SlowDelay, TimeProvider, http.RequestAborted).ConfigureAwait(false);
        }

        if (behavior == SimulatedPersonBehavior.Failing)
        {
            http.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
            return true;
        }

        return false;
    }

    private void Complete(SimSession s)
    {
        lock (s)
        {
            if (s.Status != "pending")
            {
                return;
            }

            s.CapturedAt = TimeProvider.GetUtcNow();
            s.FrameId = "fr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            s.FrameSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s.FrameId + s.Nonce)));
            if (s.Behavior == SimulatedPersonBehavior.LivenessFail)
            {
                s.Status = "rejected";
                s.Attempts = s.MaxAttempts;
                s.Score = 0.12;
                s.Performed = [];
            }
            else
            {
                s.Status = "approved";
                s.Attempts = 1;
                s.Score = 0.97;
                s.Performed = s.Commands;
            }
        }
    }

    private static LivenessResult ResultOf(SimSession s)
    {
        lock (s)
        {
            var performed = new List<LivenessCommand>();
            foreach (string c in s.Performed)
            {
                if (RealTimePhotoMethod.TryParseCommand(c, out LivenessCommand command))
                {
                    performed.Add(command);
                }
            }

            bool injected = s.Behavior == SimulatedPersonBehavior.InjectionDetected;
            return new LivenessResult
            {
                ProviderSessionId = s.Id,
                ExternalReference = s.ExternalRef,
                Nonce = s.Nonce,
                Decision = s.Status switch
                {
                    "approved" => LivenessDecision.Approved,
                    "rejected" => LivenessDecision.RejectedFinal,
                    _ => LivenessDecision.Pending,
                },
                ProviderReason = s.Status == "rejected" ? "liveness-failed" : null,
                Attempts = s.Attempts,
                CommandsPerformed = performed,
                LivenessScore = s.Status == "pending" ? null : s.Score,
                CapturedAt = s.CapturedAt,
                FrameId = s.FrameId,
                FrameSha256 = s.FrameSha256,
                Signals = s.Status == "pending" ? new LivenessSignals() : new LivenessSignals
                {
                    InjectionDetected = injected,
                    VirtualCameraDetected = injected,
                    EmulatorDetected = false,
                    RootedDevice = false,
                    RemoteControlDetected = false,
                },
            };
        }
    }

    private static async Task WriteJson(HttpContext http, int status, Action<Utf8JsonWriter> write)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        await http.Response.Body.WriteAsync(buffer.ToArray(), http.RequestAborted).ConfigureAwait(false);
    }

    private sealed class SimSession
    {
        public required string Id { get; init; }

        public required string ExternalRef { get; init; }

        public required string Nonce { get; init; }

        public required string[] Commands { get; init; }

        public required int MaxAttempts { get; init; }

        public required SimulatedPersonBehavior Behavior { get; init; }

        public string Status { get; set; } = "pending";

        public int Attempts { get; set; }

        public double Score { get; set; }

        public string[] Performed { get; set; } = [];

        public DateTimeOffset? CapturedAt { get; set; }

        public string? FrameId { get; set; }

        public string? FrameSha256 { get; set; }
    }
}
