using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>A real-time photo session as stored: keyed hashes of the IIN and phone, never the clear values, the code or an image.</summary>
public sealed record RealTimePhotoSessionRecord
{
    /// <summary>Gets the session id (base64url, 128 random bits).</summary>
    public required string SessionId { get; init; }

    /// <summary>Gets the session nonce given to the provider (an HMAC over the session, borrower, operation and loan).</summary>
    public required string Nonce { get; init; }

    /// <summary>Gets the HMAC of the IIN.</summary>
    public required string IinKey { get; init; }

    /// <summary>Gets the HMAC of the phone number.</summary>
    public required string PhoneKey { get; init; }

    /// <summary>Gets the operation.</summary>
    public required IdentificationOperation Operation { get; init; }

    /// <summary>Gets the lender's correlation id (loan or application).</summary>
    public required string CorrelationId { get; init; }

    /// <summary>Gets the amount in tenge named in the code message, if any.</summary>
    public decimal? Amount { get; init; }

    /// <summary>Gets the random commands issued.</summary>
    public required IReadOnlyList<LivenessCommand> Commands { get; init; }

    /// <summary>Gets the provider name.</summary>
    public required string Provider { get; init; }

    /// <summary>Gets the provider's session id.</summary>
    public required string ProviderSessionId { get; init; }

    /// <summary>Gets the reference source.</summary>
    public required FaceReferenceSource ReferenceSource { get; init; }

    /// <summary>Gets when the session started.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the session window closes.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets when the code was sent.</summary>
    public DateTimeOffset? OtpSentAt { get; init; }
}

/// <summary>Keeps sessions, marks them consumed (single use) and remembers which session used which live frame.</summary>
public interface IRealTimePhotoSessionStore
{
    /// <summary>Adds a session.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task AddAsync(RealTimePhotoSessionRecord record, CancellationToken cancellationToken = default);

    /// <summary>Gets a session.</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The record and whether it is consumed, or <see langword="null"/>.</returns>
    Task<(RealTimePhotoSessionRecord Record, bool Consumed)?> GetAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Consumes a session atomically.</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether this call consumed it.</returns>
    Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Binds a live frame (by its keyed hash) to a session; a frame is used by one session only.</summary>
    /// <param name="frameKey">The frame's keyed hash.</param>
    /// <param name="sessionId">The session.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether the frame is new or already bound to this same session.</returns>
    Task<bool> TryBindFrameAsync(string frameKey, string sessionId, CancellationToken cancellationToken = default);
}

/// <summary>An in-process <see cref="IRealTimePhotoSessionStore"/>; old entries are reclaimed a few at a time (O(1) per add).</summary>
public sealed class InMemoryRealTimePhotoSessionStore : IRealTimePhotoSessionStore
{
    /// <summary>Sessions stay a day after expiry so that a late replay still says "replayed" rather than "unknown".</summary>
    internal static readonly TimeSpan SessionRetention = TimeSpan.FromDays(1);

    /// <summary>How long a live frame stays bound to its session.</summary>
    internal static readonly TimeSpan FrameRetention = TimeSpan.FromDays(7);

    private readonly ExpiringTable<Entry> _sessions;
    private readonly ExpiringTable<string> _frames;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="InMemoryRealTimePhotoSessionStore"/> class.</summary>
    /// <param name="timeProvider">The clock used to purge old entries.</param>
    public InMemoryRealTimePhotoSessionStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _sessions = new ExpiringTable<Entry>(timeProvider);
        _frames = new ExpiringTable<string>(timeProvider);
    }

    /// <inheritdoc />
    public Task AddAsync(RealTimePhotoSessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_sessions.TryAdd(record.SessionId, new Entry(record), record.ExpiresAt + SessionRetention))
        {
            throw new InvalidOperationException("A session with this id already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<(RealTimePhotoSessionRecord Record, bool Consumed)?> GetAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_sessions.TryGet(sessionId, out Entry? e) ? (e.Record, Volatile.Read(ref e.Consumed) != 0) : ((RealTimePhotoSessionRecord, bool)?)null);

    /// <inheritdoc />
    public Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_sessions.TryGet(sessionId, out Entry? e) && Interlocked.Exchange(ref e.Consumed, 1) == 0);

    /// <inheritdoc />
    public Task<bool> TryBindFrameAsync(string frameKey, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(frameKey);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        string bound = _frames.GetOrAdd(frameKey, () => sessionId, _time.GetUtcNow() + FrameRetention);
        return Task.FromResult(string.Equals(bound, sessionId, StringComparison.Ordinal));
    }

    private sealed class Entry(RealTimePhotoSessionRecord record)
    {
        public readonly RealTimePhotoSessionRecord Record = record;
        public int Consumed;
    }
}

/// <summary>What the lender's backend passes to start a real-time photo session.</summary>
public sealed class RealTimePhotoStartRequest
{
    /// <summary>Initializes a new instance of the <see cref="RealTimePhotoStartRequest"/> class.</summary>
    /// <param name="iin">The borrower's declared IIN.</param>
    /// <param name="phoneNumber">The borrower's number (proven to belong to the IIN by the phone-ownership method).</param>
    /// <param name="operation">The operation.</param>
    /// <param name="correlationId">The loan or application id; the identification request must carry the same one.</param>
    public RealTimePhotoStartRequest(Iin iin, KzPhoneNumber phoneNumber, IdentificationOperation operation, string correlationId)
    {
        if (!iin.HasValue)
        {
            throw new ArgumentException("The IIN is required.", nameof(iin));
        }

        if (!phoneNumber.HasValue)
        {
            throw new ArgumentException("The phone number is required.", nameof(phoneNumber));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(correlationId);
        Iin = iin;
        PhoneNumber = phoneNumber;
        Operation = operation;
        CorrelationId = correlationId;
    }

    /// <summary>Gets the IIN.</summary>
    public Iin Iin { get; }

    /// <summary>Gets the phone number.</summary>
    public KzPhoneNumber PhoneNumber { get; }

    /// <summary>Gets the operation.</summary>
    public IdentificationOperation Operation { get; }

    /// <summary>Gets the correlation id.</summary>
    public string CorrelationId { get; }

    /// <summary>Gets the amount in tenge the code approves; required for agreement signing and payout (it goes into the SMS text).</summary>
    public decimal? Amount { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"RealTimePhotoStartRequest {{ Operation = {Operation}, Iin = {Iin} }}";
}

/// <summary>Why a session did not start.</summary>
public enum RealTimePhotoStartStatus
{
    /// <summary>Started: the code was sent and the liveness session created.</summary>
    Started = 0,

    /// <summary>Too many codes for this phone or IIN in the window.</summary>
    RateLimited = 1,

    /// <summary>The liveness provider could not create a session.</summary>
    ProviderUnavailable = 2,

    /// <summary>The code could not be sent.</summary>
    OtpNotSent = 3,
}

/// <summary>A started session, as the backend gives it to the borrower's app.</summary>
public sealed record RealTimePhotoSession
{
    /// <summary>Gets the session id; pass it back in <see cref="RealTimePhotoEvidence"/>.</summary>
    public required string SessionId { get; init; }

    /// <summary>Gets the random commands the borrower will be asked to perform, in order.</summary>
    public required IReadOnlyList<LivenessCommand> Commands { get; init; }

    /// <summary>Gets the provider's hosted flow, or <see langword="null"/> for an SDK flow.</summary>
    public Uri? HostedFlowUrl { get; init; }

    /// <summary>Gets the provider's SDK token, or <see langword="null"/>.</summary>
    public string? SdkToken { get; init; }

    /// <summary>Gets the provider's session id.</summary>
    public required string ProviderSessionId { get; init; }

    /// <summary>Gets when the code expires.</summary>
    public required DateTimeOffset OtpExpiresAt { get; init; }

    /// <summary>Gets when the session window closes.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>The result of <see cref="IRealTimePhotoSessionService.StartAsync"/>.</summary>
/// <param name="Status">The status.</param>
/// <param name="Session">The session when started.</param>
public sealed record RealTimePhotoStartResult(RealTimePhotoStartStatus Status, RealTimePhotoSession? Session)
{
    /// <summary>Gets a value indicating whether the session started.</summary>
    public bool IsStarted => Status == RealTimePhotoStartStatus.Started && Session is not null;

    /// <summary>Gets the reason code for a session that did not start, for the lender's own logs and answers.</summary>
    public ReasonCode? Reason => Status switch
    {
        RealTimePhotoStartStatus.RateLimited => ReasonCode.OtpRateLimited,
        RealTimePhotoStartStatus.ProviderUnavailable => ReasonCode.ProviderUnavailable,
        RealTimePhotoStartStatus.OtpNotSent => ReasonCode.OtpNotSent,
        _ => null,
    };
}

/// <summary>Starts real-time two-factor photo sessions: sends the code and creates the liveness session.</summary>
public interface IRealTimePhotoSessionService
{
    /// <summary>
    /// Starts a session: checks the send limits, draws the random commands, creates the liveness session at the
    /// provider, and sends a one-time code naming the operation and amount. Then the borrower completes the liveness flow
    /// and types the code, and the backend calls <c>IdentifyAsync</c> with <see cref="RealTimePhotoEvidence"/>.
    /// </summary>
    /// <param name="request">The borrower and operation.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The session, or why it did not start.</returns>
    Task<RealTimePhotoStartResult> StartAsync(RealTimePhotoStartRequest request, CancellationToken cancellationToken = default);
}

/// <summary>The default <see cref="IRealTimePhotoSessionService"/>.</summary>
internal sealed class RealTimePhotoSessionService : IRealTimePhotoSessionService
{
    private readonly ILivenessProvider _provider;
    private readonly IOtpSender _sender;
    private readonly IRealTimePhotoSessionStore _sessions;
    private readonly OtpManager _otp;
    private readonly RealTimePhotoKeyRing _keys;
    private readonly RealTimePhotoOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RealTimePhotoSessionService(
        ILivenessProvider provider,
        IOtpSender sender,
        IRealTimePhotoSessionStore sessions,
        IOtpStore otpStore,
        RealTimePhotoKeyRing keys,
        IOptions<RealTimePhotoOptions> options,
        TimeProvider timeProvider,
        ILogger<RealTimePhotoSessionService>? logger = null)
        : this(provider, sender, sessions, otpStore, keys, FixedTimeOtpCodeComparer.Instance, options.Value, timeProvider, logger)
    {
    }

    internal RealTimePhotoSessionService(
        ILivenessProvider provider,
        IOtpSender sender,
        IRealTimePhotoSessionStore sessions,
        IOtpStore otpStore,
        RealTimePhotoKeyRing keys,
        IOtpCodeComparer comparer,
        RealTimePhotoOptions options,
        TimeProvider timeProvider,
        ILogger? logger)
    {
        _provider = provider;
        _sender = sender;
        _sessions = sessions;
        _keys = keys;
        _options = options;
        _time = timeProvider;
        _logger = logger ?? NullLogger.Instance;
        _otp = new OtpManager(otpStore, keys, comparer, timeProvider, options, _logger);
    }

    internal static string ComputeNonce(RealTimePhotoKeyRing keys, string sessionId, Iin iin, IdentificationOperation operation, string correlationId) =>
        Base64Url(keys.Mac("session-nonce", string.Join('\n', sessionId, iin.Value, EvidenceReportFactory.OperationName(operation), correlationId)));

    internal static IReadOnlyList<LivenessCommand> DrawCommands(IEnumerable<LivenessCommand> set, int count)
    {
        LivenessCommand[] pool = set.Distinct().Order().ToArray();
        RandomNumberGenerator.Shuffle(pool.AsSpan());
        return pool[..count];
    }

    public async Task<RealTimePhotoStartResult> StartAsync(RealTimePhotoStartRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Amount is null && request.Operation is IdentificationOperation.AgreementSigning or IdentificationOperation.Payout)
        {
            throw new ArgumentException("The amount is required for agreement signing and payout: the code message names it.", nameof(request));
        }

        if (request.Amount is <= 0m)
        {
            throw new ArgumentException("The amount must be positive.", nameof(request));
        }

        if (!await _otp.TryAcquireSendSlotsAsync(request.Iin, request.PhoneNumber, cancellationToken).ConfigureAwait(false))
        {
            return NotStarted(RealTimePhotoStartStatus.RateLimited);
        }

        DateTimeOffset now = _time.GetUtcNow();
        string sessionId = Base64Url(RandomNumberGenerator.GetBytes(16));
        string nonce = ComputeNonce(_keys, sessionId, request.Iin, request.Operation, request.CorrelationId);
        IReadOnlyList<LivenessCommand> commands = DrawCommands(_options.CommandSet, _options.CommandCount);
        DateTimeOffset expiresAt = now + _options.SessionLifetime;

        LivenessSessionHandle handle;
        try
        {
            handle = await _provider.CreateSessionAsync(
                new LivenessSessionRequest
                {
                    SessionId = sessionId,
                    Nonce = nonce,
                    Commands = commands,
                    MaxAttempts = _options.MaxLivenessAttempts,
                    ExpiresAt = expiresAt,
                    ReferenceSource = _options.ReferenceSource,
                    SubjectIin = _options.ReferenceSource == FaceReferenceSource.StatePhotoViaProvider ? request.Iin : null,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (LivenessProviderException ex)
        {
            RealTimePhotoLog.ProviderCallFailed(_logger, "create-session", ex.Kind.ToString(), ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            return NotStarted(RealTimePhotoStartStatus.ProviderUnavailable);
        }

        (string code, OtpRecord otp) = await _otp.IssueAsync(sessionId, cancellationToken).ConfigureAwait(false);
        var record = new RealTimePhotoSessionRecord
        {
            SessionId = sessionId,
            Nonce = nonce,
            IinKey = _keys.MacText("session-iin", request.Iin.Value),
            PhoneKey = _keys.MacText("session-phone", request.PhoneNumber.E164),
            Operation = request.Operation,
            CorrelationId = request.CorrelationId,
            Amount = request.Amount,
            Commands = commands,
            Provider = _provider.Name,
            ProviderSessionId = handle.ProviderSessionId,
            ReferenceSource = _options.ReferenceSource,
            CreatedAt = now,
            ExpiresAt = expiresAt,
            OtpSentAt = otp.SentAt,
        };
        await _sessions.AddAsync(record, cancellationToken).ConfigureAwait(false);

        try
        {
            await _sender.SendAsync(new OtpMessage(request.PhoneNumber, _otp.ComposeText(code, request.Operation, request.Amount), sessionId, otp.ExpiresAt), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _sessions.TryConsumeAsync(sessionId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
#pragma warning disable CA1031 // Fail closed: a gateway fault kills the session; the exception may quote the number, so only its type is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await _sessions.TryConsumeAsync(sessionId, CancellationToken.None).ConfigureAwait(false);
            RealTimePhotoLog.OtpSendFailed(_logger, sessionId, ex.GetType().Name);
            return NotStarted(RealTimePhotoStartStatus.OtpNotSent);
        }

        RealTimePhotoLog.OtpSent(_logger, sessionId, otp.ExpiresAt);
        RealTimePhotoLog.SessionStarted(_logger, sessionId, _provider.Name, commands.Count, expiresAt);
        return new RealTimePhotoStartResult(
            RealTimePhotoStartStatus.Started,
            new RealTimePhotoSession
            {
                SessionId = sessionId,
                Commands = commands,
                HostedFlowUrl = handle.HostedFlowUrl,
                SdkToken = handle.SdkToken,
                ProviderSessionId = handle.ProviderSessionId,
                OtpExpiresAt = otp.ExpiresAt,
                ExpiresAt = expiresAt,
            });
    }

    internal OtpManager Otp => _otp;

    private RealTimePhotoStartResult NotStarted(RealTimePhotoStartStatus status)
    {
        RealTimePhotoLog.SessionNotStarted(_logger, status.ToString());
        return new RealTimePhotoStartResult(status, null);
    }

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
