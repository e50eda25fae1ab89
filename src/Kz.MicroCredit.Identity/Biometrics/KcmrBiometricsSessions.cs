using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// Hosted CEID sessions: start one (a redirect URL for the borrower's browser/WebView), then learn the result from
/// the signed callback (<see cref="ProcessCallbackAsync"/>, called from the lender's webhook endpoint) and/or by
/// polling. Sessions are bound to the borrower (a keyed token, not the IIN) and the operation, expire, and are
/// single-use: the <c>kcmr-biometrics</c> method consumes a session's result once. A new session never sees an old
/// result: results are stored under the session id that produced them, and the answer must echo that session's request id.
/// </summary>
public sealed class KcmrBiometricsSessions
{
    private readonly KcmrCeidClient _client;
    private readonly IKcmrSessionStore _store;
    private readonly IBiometricAttemptStore _attempts;
    private readonly KcmrBiometricsOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal KcmrBiometricsSessions(
        KcmrCeidClient client,
        IKcmrSessionStore store,
        IBiometricAttemptStore attempts,
        BiometricSubjectKeys keys,
        IOptions<KcmrBiometricsOptions> options,
        TimeProvider timeProvider,
        ILogger? logger)
    {
        _client = client;
        _store = store;
        _attempts = attempts;
        SubjectKeys = keys;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
    }

    internal BiometricSubjectKeys SubjectKeys { get; }

    internal IKcmrSessionStore Store => _store;

    /// <summary>Starts a hosted session for a borrower and operation.</summary>
    /// <param name="iin">The declared IIN.</param>
    /// <param name="operation">The operation the session is for.</param>
    /// <param name="consentReference">The consent reference.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The session (redirect URL) or a failure with reason codes.</returns>
    public async Task<KcmrSessionStart> StartAsync(Iin iin, IdentificationOperation operation, string consentReference, CancellationToken cancellationToken = default)
    {
        if (!iin.HasValue)
        {
            throw new ArgumentException("The declared IIN is required.", nameof(iin));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(consentReference);
        string attemptKey = SubjectKeys.For(iin, operation);
        if (await _attempts.GetFailedAttemptsAsync(attemptKey, cancellationToken).ConfigureAwait(false) >= _options.MaxFailedAttempts)
        {
            return new KcmrSessionStart(null, null, default, [ReasonCode.AttemptsExhausted]);
        }

        string requestId = Guid.NewGuid().ToString("D");
        var request = new CeidSessionRequest(requestId, iin, consentReference, _options.SessionReturnUrl, _options.CallbackUrl);
        CeidResult<CeidSessionCreated> created = await _client.CreateSessionAsync(request, cancellationToken).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return new KcmrSessionStart(null, null, default, created.Failure);
        }

        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset cap = now + _options.MaxSessionLifetime;
        DateTimeOffset expiresAt = created.Value.ExpiresAt < cap ? created.Value.ExpiresAt : cap;
        if (expiresAt <= now)
        {
            return new KcmrSessionStart(null, null, default, [ReasonCode.ProviderProtocolError]);
        }

        var record = new KcmrSessionRecord(created.Value.SessionId, requestId, SubjectKeys.For(iin), operation, now, expiresAt, CeidSessionState.Created, null, Consumed: false);
        try
        {
            await _store.AddAsync(record, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // The provider re-used a session id: never let a new session inherit an old one's state.
            return new KcmrSessionStart(null, null, default, [ReasonCode.ProviderProtocolError]);
        }

        BiometricsLog.SessionCreated(_logger, record.SessionId, expiresAt);
        return new KcmrSessionStart(record.SessionId, created.Value.RedirectUrl, expiresAt, []);
    }

    /// <summary>
    /// Processes a callback the provider posted to the lender's webhook: verifies the HMAC-SHA256 over the raw body in
    /// constant time, checks the signed timestamp against the window, ignores duplicates, and records the session's state.
    /// </summary>
    /// <param name="rawBody">The request body exactly as received (do not re-serialize it).</param>
    /// <param name="signatureHeader">The value of the binding's signature header (<c>x-ceid-signature</c> by default).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>How it was handled; answer with <see cref="KcmrCallbackResult.HttpStatusCode"/>.</returns>
    public async Task<KcmrCallbackResult> ProcessCallbackAsync(ReadOnlyMemory<byte> rawBody, string? signatureHeader, CancellationToken cancellationToken = default)
    {
        if (_options.CallbackSecret is null || rawBody.Length > _options.MaxResponseBytes)
        {
            return Reject(ReasonCode.CeidCallbackSignatureInvalid);
        }

        byte[]? mac = _client.Binding.DecodeCallbackSignature(signatureHeader);
        if (mac is null)
        {
            return Reject(ReasonCode.CeidCallbackSignatureInvalid);
        }

        byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.CallbackSecret), rawBody.Span);
        if (!CryptographicOperations.FixedTimeEquals(expected, mac))
        {
            return Reject(ReasonCode.CeidCallbackSignatureInvalid);
        }

        CeidCallback callback;
        try
        {
            callback = _client.Binding.ParseCallback(rawBody.Span);
        }
        catch (CeidProtocolException)
        {
            return Reject(ReasonCode.ProviderProtocolError);
        }

        DateTimeOffset now = _time.GetUtcNow();
        if ((now - callback.SentAt).Duration() > _options.CallbackTolerance)
        {
            return Reject(ReasonCode.CeidCallbackStale);
        }

        if (!await _store.TryRecordEventAsync(callback.EventId, now + _options.CallbackTolerance + _options.CallbackTolerance, cancellationToken).ConfigureAwait(false))
        {
            BiometricsLog.CallbackDuplicate(_logger, callback.EventId);
            return new KcmrCallbackResult(KcmrCallbackStatus.Duplicate, null);
        }

        KcmrSessionRecord? record = await _store.GetAsync(callback.SessionId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return Reject(ReasonCode.BiometricSessionUnknown);
        }

        if (callback.Result is not null && !string.Equals(callback.Result.RequestId, record.RequestId, StringComparison.Ordinal))
        {
            return Reject(ReasonCode.ProviderProtocolError);
        }

        return await ApplyAsync(record.SessionId, callback.State, callback.Result, cancellationToken).ConfigureAwait(false) == KcmrSessionUpdateStatus.Applied
            ? new KcmrCallbackResult(KcmrCallbackStatus.Accepted, null)
            : new KcmrCallbackResult(KcmrCallbackStatus.Duplicate, null);
    }

    /// <summary>Polls CEID once for a session's state and records it.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The state after the poll.</returns>
    public async Task<KcmrSessionPoll> PollAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        KcmrSessionRecord? record = await _store.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return new KcmrSessionPoll(CeidSessionState.Unknown, [ReasonCode.BiometricSessionUnknown]);
        }

        if (IsFinal(record.State))
        {
            return new KcmrSessionPoll(record.State, []);
        }

        CeidResult<CeidSessionStatus> status = await _client.GetSessionStatusAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (!status.Succeeded)
        {
            return new KcmrSessionPoll(CeidSessionState.Unknown, status.Failure);
        }

        if (!string.Equals(status.Value.SessionId, sessionId, StringComparison.Ordinal) ||
            (status.Value.Result is not null && !string.Equals(status.Value.Result.RequestId, record.RequestId, StringComparison.Ordinal)))
        {
            return new KcmrSessionPoll(CeidSessionState.Unknown, [ReasonCode.ProviderProtocolError]);
        }

        await ApplyAsync(sessionId, status.Value.State, status.Value.Result, cancellationToken).ConfigureAwait(false);
        KcmrSessionRecord? after = await _store.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return new KcmrSessionPoll(after?.State ?? CeidSessionState.Unknown, []);
    }

    /// <summary>
    /// Polls every <see cref="KcmrBiometricsOptions.PollInterval"/> until the session reaches a final state (a callback
    /// may deliver it meanwhile) or expires; then it is <see cref="CeidSessionState.Expired"/>.
    /// </summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The final state.</returns>
    public async Task<KcmrSessionPoll> WaitForResultAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            KcmrSessionPoll poll = await PollAsync(sessionId, cancellationToken).ConfigureAwait(false);
            if (poll.IsFinal || poll.Failure.Contains(ReasonCode.BiometricSessionUnknown))
            {
                return poll;
            }

            KcmrSessionRecord? record = await _store.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
            if (record is null || _time.GetUtcNow() >= record.ExpiresAt)
            {
                await _store.UpdateAsync(sessionId, CeidSessionState.Expired, null, cancellationToken).ConfigureAwait(false);
                KcmrSessionRecord? after = await _store.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
                return new KcmrSessionPoll(after?.State ?? CeidSessionState.Expired, []);
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static bool IsFinal(CeidSessionState state) => state is CeidSessionState.Completed or CeidSessionState.Expired or CeidSessionState.Failed;

    private async Task<KcmrSessionUpdateStatus> ApplyAsync(string sessionId, CeidSessionState state, CeidMatchResult? result, CancellationToken cancellationToken)
    {
        if (state is CeidSessionState.Unknown or CeidSessionState.Created)
        {
            return KcmrSessionUpdateStatus.AlreadyFinal;
        }

        KcmrSessionUpdateStatus update = await _store.UpdateAsync(sessionId, state, result, cancellationToken).ConfigureAwait(false);
        BiometricsLog.SessionUpdated(_logger, sessionId, state.ToString(), update.ToString());
        return update;
    }

    private KcmrCallbackResult Reject(ReasonCode reason)
    {
        BiometricsLog.CallbackRejected(_logger, reason.Value);
        return new KcmrCallbackResult(KcmrCallbackStatus.Rejected, reason);
    }
}
