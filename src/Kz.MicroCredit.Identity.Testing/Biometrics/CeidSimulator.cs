using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kz.MicroCredit.Identity.Testing.Biometrics;

/// <summary>
/// A loopback CEID simulator (Kestrel on <c>http://127.0.0.1:0</c>) speaking the SDK's documented wire contract
/// (<see cref="DefaultCeidWireBinding"/>): an OAuth2 client-credentials token endpoint, direct matches, hosted sessions
/// with a "borrower page", status polling and HMAC-signed callbacks. People are scripted by IIN; unscripted IINs have no
/// reference photo. Requests without a valid bearer token get 401; without FAPI headers, 400.
/// </summary>
public sealed class CeidSimulator : IAsyncDisposable
{
    /// <summary>The sandbox borrower (scripted as a match).</summary>
    public const string SandboxIin = "880912300763";

    /// <summary>A person scripted as no match.</summary>
    public const string NoMatchIin = "900115300013";

    /// <summary>A person scripted as a low score.</summary>
    public const string LowScoreIin = "910220400012";

    /// <summary>A person scripted as liveness failed.</summary>
    public const string LivenessFailedIin = "850301400019";

    /// <summary>A person with no reference photo.</summary>
    public const string UnknownIin = "950721300017";

    /// <summary>A person for whom the answer carries another IIN.</summary>
    public const string OtherIinPerson = "771225400011";

    /// <summary>A person whose answers are slow.</summary>
    public const string SlowIin = "020304500019";

    /// <summary>A person whose calls fail with 503.</summary>
    public const string FailingIin = "930909300015";

    private readonly ConcurrentDictionary<string, CeidSimulatedBehaviour> _people = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _answersByRequestId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly HttpClient _callbackClient = new() { Timeout = TimeSpan.FromSeconds(10) };
    private LoopbackHost? _host;
    private int _matchCalls;
    private int _tokensIssued;

    private CeidSimulator(TimeProvider timeProvider)
    {
        _time = timeProvider;
        _people[SandboxIin] = CeidSimulatedBehaviour.Match;
        _people[NoMatchIin] = CeidSimulatedBehaviour.NoMatch;
        _people[LowScoreIin] = CeidSimulatedBehaviour.LowScore;
        _people[LivenessFailedIin] = CeidSimulatedBehaviour.LivenessFailed;
        _people[UnknownIin] = CeidSimulatedBehaviour.Unknown;
        _people[OtherIinPerson] = CeidSimulatedBehaviour.OtherIin;
        _people[SlowIin] = CeidSimulatedBehaviour.Slow;
        _people[FailingIin] = CeidSimulatedBehaviour.Failing;
    }

    /// <summary>Gets the API base address (ends with <c>/</c>).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Gets the token endpoint.</summary>
    public Uri TokenEndpoint => new(BaseAddress, "oauth/token");

    /// <summary>Gets the client id the simulator accepts.</summary>
    public string ClientId { get; } = "sandbox-mfo";

    /// <summary>Gets the client secret the simulator accepts.</summary>
    public string ClientSecret { get; } = "sandbox-secret-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Gets the <c>x-provider-id</c> the simulator expects.</summary>
    public string ProviderId { get; } = "sandbox-mfo-provider";

    /// <summary>Gets the secret the simulator signs callbacks with.</summary>
    public string CallbackSecret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>Gets or sets the lifetime of the tokens it issues.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the lifetime of hosted sessions.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how long <see cref="CeidSimulatedBehaviour.Slow"/> answers take.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the number of direct match calls answered.</summary>
    public int MatchCalls => Volatile.Read(ref _matchCalls);

    /// <summary>Gets the number of tokens issued.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Starts a simulator on a free loopback port.</summary>
    /// <param name="timeProvider">The clock for token and session expiry and callback timestamps.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The running simulator.</returns>
    public static async Task<CeidSimulator> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var simulator = new CeidSimulator(timeProvider ?? TimeProvider.System);
        simulator._host = await LoopbackHost.StartAsync(simulator.Map, cancellationToken).ConfigureAwait(false);
        simulator.BaseAddress = simulator._host.BaseAddress;
        return simulator;
    }

    /// <summary>Scripts how a person is treated.</summary>
    /// <param name="iin">The IIN (twelve digits).</param>
    /// <param name="behaviour">The behaviour.</param>
    public void Script(string iin, CeidSimulatedBehaviour behaviour)
    {
        ArgumentException.ThrowIfNullOrEmpty(iin);
        _people[iin] = behaviour;
    }

    /// <summary>Scripts how a person is treated.</summary>
    /// <param name="iin">The IIN.</param>
    /// <param name="behaviour">The behaviour.</param>
    public void Script(Iin iin, CeidSimulatedBehaviour behaviour) => Script(iin.Value, behaviour);

    /// <summary>Invalidates every issued token (the next call gets 401 and must refresh).</summary>
    public void RevokeAllTokens() => _tokens.Clear();

    /// <summary>Fills the connection settings of the options: base address, token endpoint, client, provider id, callback secret.</summary>
    /// <param name="options">The options.</param>
    public void Configure(KcmrBiometricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.BaseAddress = BaseAddress;
        options.TokenEndpoint = TokenEndpoint;
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        options.ProviderId = ProviderId;
        options.CallbackSecret = CallbackSecret;
    }

    /// <summary>Plays the borrower finishing the hosted flow: the session completes per the script and, when the session
    /// has a callback URL, a signed callback is posted to it.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns><see langword="true"/> when the session existed and was still open.</returns>
    public async Task<bool> CompleteSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (!_sessions.TryGetValue(sessionId, out SimSession? session))
        {
            return false;
        }

        lock (session)
        {
            if (session.Status != "created" && session.Status != "in_progress")
            {
                return false;
            }

            if (_time.GetUtcNow() >= session.ExpiresAt)
            {
                session.Status = "expired";
                return false;
            }

            session.Status = "completed";
            session.Result = Answer(session.RequestId, session.Iin);
        }

        await SendCallbackAsync(session, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Builds a callback body and its signature header value, as the simulator would send them.</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="sessionId">The session id.</param>
    /// <param name="status">The status word.</param>
    /// <param name="sentAt">The timestamp.</param>
    /// <returns>The raw body and the <c>x-ceid-signature</c> value.</returns>
    public (byte[] Body, string Signature) BuildCallback(string eventId, string sessionId, string status, DateTimeOffset sentAt)
    {
        CeidMatchResultDto? result = _sessions.TryGetValue(sessionId, out SimSession? s) && status == "completed" ? s.Result ?? Answer(s.RequestId, s.Iin) : null;
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(
            new CeidCallbackDto { EventId = eventId, SessionId = sessionId, SentAt = sentAt, Status = status, Result = result },
            CeidJsonContext.Default.CeidCallbackDto);
        return (body, Sign(body));
    }

    /// <summary>Signs a body as <c>sha256=&lt;hex HMAC-SHA256&gt;</c> with <see cref="CallbackSecret"/>.</summary>
    /// <param name="body">The body.</param>
    /// <returns>The header value.</returns>
    public string Sign(ReadOnlySpan<byte> body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(CallbackSecret), body));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _callbackClient.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Map(WebApplication app)
    {
        app.MapPost("/oauth/token", TokenAsync);
        app.MapPost("/v1/biometrics/matches", MatchAsync);
        app.MapPost("/v1/biometrics/sessions", CreateSessionAsync);
        app.MapGet("/v1/biometrics/sessions/{sessionId}", SessionStatusAsync);
        app.MapGet("/hosted/{sessionId}", HostedPageAsync);
    }

    private async Task TokenAsync(HttpContext context)
    {
        string? auth = context.Request.Headers.Authorization;
        string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(ClientSecret)));
        IFormCollection form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : FormCollection.Empty;
        if (!string.Equals(form["grant_type"], "client_credentials", StringComparison.Ordinal))
        {
            await WriteJsonAsync(context, 400, """{"error":"unsupported_grant_type"}"""u8.ToArray()).ConfigureAwait(false);
            return;
        }

        if (!string.Equals(auth, expected, StringComparison.Ordinal))
        {
            await WriteJsonAsync(context, 401, """{"error":"invalid_client"}"""u8.ToArray()).ConfigureAwait(false);
            return;
        }

        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        _tokens[token] = _time.GetUtcNow() + TokenLifetime;
        Interlocked.Increment(ref _tokensIssued);
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(
            new OAuthTokenDto { AccessToken = token, TokenType = "Bearer", ExpiresIn = (int)TokenLifetime.TotalSeconds },
            OAuthJsonContext.Default.OAuthTokenDto);
        await WriteJsonAsync(context, 200, body).ConfigureAwait(false);
    }

    private async Task MatchAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context).ConfigureAwait(false))
        {
            return;
        }

        CeidMatchRequestDto? request = await ReadAsync(context, CeidJsonContext.Default.CeidMatchRequestDto).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        if (!Iin.TryParse(request.Iin, out _) || !DefaultCeidWireBinding.IsValidId(request.RequestId) ||
            request.Image.Format is not ("jpeg" or "png") || !FaceImageInspector.TryInspect(request.Image.Data.Span, out _))
        {
            await WriteJsonAsync(context, 400, """{"error":"invalid_request"}"""u8.ToArray()).ConfigureAwait(false);
            return;
        }

        if (_answersByRequestId.TryGetValue(request.RequestId, out byte[]? previous))
        {
            await WriteJsonAsync(context, 200, previous).ConfigureAwait(false); // honours the idempotency key
            return;
        }

        CeidSimulatedBehaviour behaviour = Behaviour(request.Iin);
        if (behaviour == CeidSimulatedBehaviour.Failing)
        {
            await WriteJsonAsync(context, 503, """{"error":"temporarily_unavailable"}"""u8.ToArray()).ConfigureAwait(false);
            return;
        }

        if (behaviour == CeidSimulatedBehaviour.Slow)
        {
            await Task.Delay(SlowDelay, context.RequestAborted).ConfigureAwait(false);
        }

        Interlocked.Increment(ref _matchCalls);
        byte[] answer = JsonSerializer.SerializeToUtf8Bytes(Answer(request.RequestId, request.Iin), CeidJsonContext.Default.CeidMatchResultDto);
        _answersByRequestId[request.RequestId] = answer;
        await WriteJsonAsync(context, 200, answer).ConfigureAwait(false);
    }

    private async Task CreateSessionAsync(HttpContext context)
    {
        if (!await AuthorizeAsync(context).ConfigureAwait(false))
        {
            return;
        }

        CeidSessionRequestDto? request = await ReadAsync(context, CeidJsonContext.Default.CeidSessionRequestDto).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        if (!Iin.TryParse(request.Iin, out _) || !DefaultCeidWireBinding.IsValidId(request.RequestId))
        {
            await WriteJsonAsync(context, 400, """{"error":"invalid_request"}"""u8.ToArray()).ConfigureAwait(false);
            return;
        }

        Uri? callback = request.CallbackUrl is null ? null : new Uri(request.CallbackUrl);
        var session = new SimSession("ses_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), request.RequestId, request.Iin, callback, _time.GetUtcNow() + SessionLifetime);
        _sessions[session.Id] = session;
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(
            new CeidSessionCreatedDto { SessionId = session.Id, RedirectUrl = new Uri(BaseAddress, "hosted/" + session.Id).AbsoluteUri, ExpiresAt = session.ExpiresAt, Status = "created" },
            CeidJsonContext.Default.CeidSessionCreatedDto);
        await WriteJsonAsync(context, 201, body).ConfigureAwait(false);
    }

    private async Task SessionStatusAsync(HttpContext context, string sessionId)
    {
        if (!await AuthorizeAsync(context).ConfigureAwait(false))
        {
            return;
        }

        if (!_sessions.TryGetValue(sessionId, out SimSession? session))
        {
            await WriteJsonAsync(context, 404, """{"error":"not_found"}"""u8.ToArray()).ConfigureAwait(false);
            return;
        }

        CeidSessionStatusDto dto;
        lock (session)
        {
            if (session.Status is "created" or "in_progress" && _time.GetUtcNow() >= session.ExpiresAt)
            {
                session.Status = "expired";
            }

            dto = new CeidSessionStatusDto { SessionId = session.Id, Status = session.Status, Result = session.Result };
        }

        await WriteJsonAsync(context, 200, JsonSerializer.SerializeToUtf8Bytes(dto, CeidJsonContext.Default.CeidSessionStatusDto)).ConfigureAwait(false);
    }

    private async Task HostedPageAsync(HttpContext context, string sessionId)
    {
        bool completed = await CompleteSessionAsync(sessionId, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = completed ? 200 : 410;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(completed ? "<html><body>Liveness done (simulated).</body></html>" : "<html><body>Session closed.</body></html>", context.RequestAborted).ConfigureAwait(false);
    }

    private async Task SendCallbackAsync(SimSession session, CancellationToken cancellationToken)
    {
        if (session.CallbackUrl is null)
        {
            return;
        }

        (byte[] body, string signature) = BuildCallback("evt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), session.Id, "completed", _time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, session.CallbackUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("x-ceid-signature", signature);
        try
        {
            using HttpResponseMessage response = await _callbackClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // The lender can still poll.
        }
    }

    private CeidSimulatedBehaviour Behaviour(string iin) => _people.TryGetValue(iin, out CeidSimulatedBehaviour b) ? b : CeidSimulatedBehaviour.Unknown;

    private CeidMatchResultDto Answer(string requestId, string iin)
    {
        CeidSimulatedBehaviour behaviour = Behaviour(iin);
        (string decision, double similarity, bool liveness, string answeredIin) = behaviour switch
        {
            CeidSimulatedBehaviour.NoMatch => ("no_match", 0.21, true, iin),
            CeidSimulatedBehaviour.LowScore => ("match", 0.62, true, iin),
            CeidSimulatedBehaviour.LivenessFailed => ("match", 0.95, false, iin),
            CeidSimulatedBehaviour.Unknown => ("reference_not_found", 0.0, true, iin),
            CeidSimulatedBehaviour.OtherIin => ("match", 0.97, true, SandboxIin == iin ? NoMatchIin : SandboxIin),
            _ => ("match", 0.97, true, iin),
        };
        return new CeidMatchResultDto
        {
            RequestId = requestId,
            MatchId = "m_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)),
            ProviderId = "sandbox-biometric-provider",
            Decision = decision,
            Similarity = similarity,
            Liveness = new CeidLivenessDto { Passed = liveness },
            ReferenceSource = "gbdfl",
            Iin = answeredIin,
            CompletedAt = _time.GetUtcNow(),
        };
    }

    private async Task<bool> AuthorizeAsync(HttpContext context)
    {
        string? auth = context.Request.Headers.Authorization;
        if (auth is null || !auth.StartsWith("Bearer ", StringComparison.Ordinal) ||
            !_tokens.TryGetValue(auth[7..], out DateTimeOffset expires) || _time.GetUtcNow() >= expires)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await WriteJsonAsync(context, 401, """{"error":"invalid_token"}"""u8.ToArray()).ConfigureAwait(false);
            return false;
        }

        if (!Guid.TryParse(context.Request.Headers["x-fapi-interaction-id"], out _) ||
            !string.Equals(context.Request.Headers["x-provider-id"], ProviderId, StringComparison.Ordinal))
        {
            await WriteJsonAsync(context, 400, """{"error":"invalid_fapi_headers"}"""u8.ToArray()).ConfigureAwait(false);
            return false;
        }

        context.Response.Headers["x-fapi-interaction-id"] = context.Request.Headers["x-fapi-interaction-id"];
        return true;
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await WriteJsonAsync(context, 400, """{"error":"invalid_json"}"""u8.ToArray()).ConfigureAwait(false);
            return null;
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private sealed class SimSession(string id, string requestId, string iin, Uri? callbackUrl, DateTimeOffset expiresAt)
    {
        public string Id { get; } = id;

        public string RequestId { get; } = requestId;

        public string Iin { get; } = iin;

        public Uri? CallbackUrl { get; } = callbackUrl;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public string Status { get; set; } = "created";

        public CeidMatchResultDto? Result { get; set; }
    }
}
