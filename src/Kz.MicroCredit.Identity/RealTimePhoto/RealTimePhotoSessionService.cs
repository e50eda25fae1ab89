using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

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
