using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>
/// The real-time two-factor photo method (<c>realtime-photo</c>): a one-time code sent to the borrower's phone
/// (possession) and a live face with random commands matched to a reference photo (inherence), both in one session
/// within its time window.
/// </summary>
/// <remarks>
/// Order of checks: session known, bound to this borrower, phone, operation and loan, not consumed, window open →
/// liveness result (webhook cache, else poll) bound to the session nonce, commands, attempts, freshness, device signals,
/// frame used once → one-time code (attempt-limited, constant-time) → the session is consumed → face match against the
/// reference. A pending or retry liveness leaves the session and code untouched; a fault is Indeterminate.
/// </remarks>
public sealed class RealTimePhotoMethod : IdentificationMethod
{
    private readonly ILivenessProvider _liveness;
    private readonly IFaceMatchProvider _faceMatch;
    private readonly IRealTimePhotoSessionStore _sessions;
    private readonly RealTimePhotoKeyRing _keys;
    private readonly RealTimePhotoOptions _options;
    private readonly ILivenessResultStore _cache;
    private readonly OtpManager _otp;

    internal RealTimePhotoMethod(
        ILivenessProvider liveness,
        IFaceMatchProvider faceMatch,
        IRealTimePhotoSessionStore sessions,
        IOtpStore otpStore,
        RealTimePhotoKeyRing keys,
        ILivenessResultStore cache,
        IOptions<RealTimePhotoOptions> options,
        TimeProvider timeProvider,
        ILogger<RealTimePhotoMethod>? logger = null)
        : this(liveness, faceMatch, sessions, otpStore, keys, cache, FixedTimeOtpCodeComparer.Instance, options.Value, timeProvider, logger)
    {
    }

    internal RealTimePhotoMethod(
        ILivenessProvider liveness,
        IFaceMatchProvider faceMatch,
        IRealTimePhotoSessionStore sessions,
        IOtpStore otpStore,
        RealTimePhotoKeyRing keys,
        ILivenessResultStore cache,
        IOtpCodeComparer comparer,
        RealTimePhotoOptions options,
        TimeProvider timeProvider,
        ILogger? logger)
        : base(timeProvider, logger)
    {
        _liveness = liveness;
        _faceMatch = faceMatch;
        _sessions = sessions;
        _keys = keys;
        _cache = cache;
        _options = options;
        _otp = new OtpManager(otpStore, keys, comparer, timeProvider, options, Logger);
    }

    /// <inheritdoc />
    public override IdentificationMethodId Id => IdentificationMethodId.RealTimePhoto;

    /// <inheritdoc />
    protected override async Task<MethodVerdict> EvaluateCoreAsync(MethodEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        RealTimePhotoEvidence? evidence = context.Request.Evidence.Get<RealTimePhotoEvidence>();
        if (evidence is null)
        {
            return MethodVerdict.NotApplicable();
        }

        MethodVerdict verdict = await EvaluateSessionAsync(context, evidence, cancellationToken).ConfigureAwait(false);
        RealTimePhotoLog.SessionEvaluated(Logger, evidence.SessionId.Length <= 64 ? evidence.SessionId : "(too long)", verdict.Status.ToString(), string.Join(",", verdict.Reasons));
        return verdict;
    }

    private async Task<MethodVerdict> EvaluateSessionAsync(MethodEvaluationContext context, RealTimePhotoEvidence evidence, CancellationToken cancellationToken)
    {
        MethodEvidenceBuilder facts = context.Evidence;
        BorrowerIdentificationRequest request = context.Request;
        DateTimeOffset now = context.TimeProvider.GetUtcNow();
        if (evidence.SessionId.Length > 64)
        {
            return MethodVerdict.Rejected(ReasonCode.RealTimePhotoSessionUnknown);
        }

        (RealTimePhotoSessionRecord Record, bool Consumed)? stored = await _sessions.GetAsync(evidence.SessionId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return MethodVerdict.Rejected(ReasonCode.RealTimePhotoSessionUnknown);
        }

        RealTimePhotoSessionRecord session = stored.Value.Record;
        facts.Set(RealTimePhotoEvidenceKeys.Provider, session.Provider)
            .Set(RealTimePhotoEvidenceKeys.SessionId, session.SessionId)
            .Set(RealTimePhotoEvidenceKeys.ProviderSessionId, session.ProviderSessionId)
            .Set(RealTimePhotoEvidenceKeys.SessionCreatedAt, Time(session.CreatedAt))
            .Set(RealTimePhotoEvidenceKeys.SessionExpiresAt, Time(session.ExpiresAt))
            .Set(RealTimePhotoEvidenceKeys.LivenessCommands, string.Join(",", session.Commands.Select(CommandName)))
            .Set(RealTimePhotoEvidenceKeys.FaceMatchReferenceSource, SourceName(session.ReferenceSource))
            .Set(RealTimePhotoEvidenceKeys.OtpSentAt, session.OtpSentAt is { } sent ? Time(sent) : null)
            .Set(RealTimePhotoEvidenceKeys.OperationAmount, session.Amount?.ToString(CultureInfo.InvariantCulture));

        if (!BoundToRequest(session, request, evidence))
        {
            return MethodVerdict.Rejected(ReasonCode.RealTimePhotoSessionMismatch);
        }

        if (stored.Value.Consumed)
        {
            return MethodVerdict.Rejected(ReasonCode.RealTimePhotoSessionReplayed);
        }

        if (now >= session.ExpiresAt)
        {
            return MethodVerdict.Rejected(ReasonCode.RealTimePhotoSessionExpired);
        }

        // Inherence, read-only: a pending result leaves the session and the code untouched.
        (LivenessResult? result, bool conflicted) = await _cache.GetAsync(session.ProviderSessionId, cancellationToken).ConfigureAwait(false);
        string source = "webhook";
        if (conflicted)
        {
            return MethodVerdict.Indeterminate(ReasonCode.ProviderProtocolError);
        }

        if (result is null || !LivenessResultCache.IsFinal(result.Decision))
        {
            source = "poll";
            try
            {
                result = await _liveness.GetResultAsync(session.ProviderSessionId, cancellationToken).ConfigureAwait(false);
            }
            catch (LivenessProviderException ex)
            {
                RealTimePhotoLog.ProviderCallFailed(Logger, "get-result", ex.Kind.ToString(), ex.InnerException?.GetType().Name ?? ex.GetType().Name);
                return MethodVerdict.Indeterminate(ex.Kind == LivenessProviderErrorKind.Protocol ? ReasonCode.ProviderProtocolError : ReasonCode.ProviderUnavailable);
            }
        }

        RealTimePhotoLog.LivenessResult(Logger, session.SessionId, source, result.Decision.ToString(), result.Attempts);
        RecordLiveness(facts, result, source);
        if (result.Decision == LivenessDecision.Pending)
        {
            // Nothing to judge yet (a pending answer need not echo the binding); session and code stay usable.
            return MethodVerdict.Indeterminate(ReasonCode.LivenessPending);
        }

        if (!string.Equals(result.ProviderSessionId, session.ProviderSessionId, StringComparison.Ordinal)
            || !string.Equals(result.ExternalReference, session.SessionId, StringComparison.Ordinal)
            || result.Nonce is null
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(result.Nonce), System.Text.Encoding.UTF8.GetBytes(session.Nonce)))
        {
            await ConsumeAsync(session).ConfigureAwait(false);
            return MethodVerdict.Rejected(ReasonCode.RealTimePhotoSessionMismatch);
        }

        switch (result.Decision)
        {
            case LivenessDecision.Retry when result.Attempts < _options.MaxLivenessAttempts:
                return MethodVerdict.Indeterminate(ReasonCode.LivenessRetryRequired);
            case LivenessDecision.Retry:
                await ConsumeAsync(session).ConfigureAwait(false);
                return MethodVerdict.Rejected(ReasonCode.AttemptsExhausted);
            case LivenessDecision.RejectedFinal:
                await ConsumeAsync(session).ConfigureAwait(false);
                return MethodVerdict.Rejected(result.Attempts >= _options.MaxLivenessAttempts ? ReasonCode.AttemptsExhausted : ReasonCode.LivenessFailed);
            case LivenessDecision.Approved:
                break;
            default:
                return MethodVerdict.Indeterminate(ReasonCode.ProviderProtocolError);
        }

        MethodVerdict? livenessProblem = CheckApprovedLiveness(session, result, now);
        if (livenessProblem is { } problem)
        {
            await ConsumeAsync(session).ConfigureAwait(false);
            return problem;
        }

        string frameKey = _keys.MacText("frame", result.FrameSha256 ?? (session.Provider + "\n" + result.FrameId));
        if (!await _sessions.TryBindFrameAsync(frameKey, session.SessionId, cancellationToken).ConfigureAwait(false))
        {
            await ConsumeAsync(session).ConfigureAwait(false);
            return MethodVerdict.Rejected(ReasonCode.LivenessFrameReplayed);
        }

        // Possession: the code counts an attempt; a correct code is accepted once.
        (OtpCheckResult otp, OtpState? otpState) = await _otp.CheckAsync(session.SessionId, evidence.OtpCode, cancellationToken).ConfigureAwait(false);
        DateTimeOffset verifiedAt = context.TimeProvider.GetUtcNow();
        facts.Set(RealTimePhotoEvidenceKeys.OtpResult, otp.ToString())
            .Set(RealTimePhotoEvidenceKeys.OtpAttempts, otpState?.Attempts.ToString(CultureInfo.InvariantCulture))
            .Set(RealTimePhotoEvidenceKeys.OtpVerifiedAt, otp == OtpCheckResult.Accepted ? Time(verifiedAt) : null);
        switch (otp)
        {
            case OtpCheckResult.Accepted:
                break;
            case OtpCheckResult.Invalid:
                return MethodVerdict.Rejected(ReasonCode.OtpInvalid);
            case OtpCheckResult.Expired:
                await ConsumeAsync(session).ConfigureAwait(false);
                return MethodVerdict.Rejected(ReasonCode.OtpExpired);
            case OtpCheckResult.AttemptsExhausted:
                await ConsumeAsync(session).ConfigureAwait(false);
                return MethodVerdict.Rejected(ReasonCode.AttemptsExhausted);
            case OtpCheckResult.AlreadyUsed:
                return MethodVerdict.Rejected(ReasonCode.RealTimePhotoSessionReplayed);
            default:
                return MethodVerdict.Rejected(ReasonCode.RealTimePhotoSessionUnknown);
        }

        if (verifiedAt >= session.ExpiresAt)
        {
            await ConsumeAsync(session).ConfigureAwait(false);
            return MethodVerdict.Rejected(ReasonCode.RealTimePhotoSessionExpired);
        }

        if (!await _sessions.TryConsumeAsync(session.SessionId, cancellationToken).ConfigureAwait(false))
        {
            return MethodVerdict.Rejected(ReasonCode.RealTimePhotoSessionReplayed);
        }

        facts.Set(RealTimePhotoEvidenceKeys.SessionConsumedAt, Time(verifiedAt));
        return await MatchAsync(facts, session, request, evidence, result, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MethodVerdict> MatchAsync(
        MethodEvidenceBuilder facts,
        RealTimePhotoSessionRecord session,
        BorrowerIdentificationRequest request,
        RealTimePhotoEvidence evidence,
        LivenessResult liveness,
        CancellationToken cancellationToken)
    {
        if (session.ReferenceSource == FaceReferenceSource.CallerSupplied)
        {
            if (evidence.ReferencePhoto.IsEmpty)
            {
                return MethodVerdict.Rejected(ReasonCode.EvidenceMissing);
            }

            facts.Digest(RealTimePhotoEvidenceKeys.ReferencePhotoDigest, evidence.ReferencePhoto.Span);
        }

        FaceMatchResult match;
        try
        {
            match = await _faceMatch.MatchAsync(
                new FaceMatchRequest
                {
                    SessionId = session.SessionId,
                    ProviderSessionId = session.ProviderSessionId,
                    FrameId = liveness.FrameId,
                    ReferenceSource = session.ReferenceSource,
                    SubjectIin = session.ReferenceSource == FaceReferenceSource.StatePhotoViaProvider ? request.Iin : null,
                    ReferencePhoto = session.ReferenceSource == FaceReferenceSource.CallerSupplied ? evidence.ReferencePhoto : default,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (LivenessProviderException ex)
        {
            RealTimePhotoLog.ProviderCallFailed(Logger, "face-match", ex.Kind.ToString(), ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            return MethodVerdict.Indeterminate(ex.Kind == LivenessProviderErrorKind.Protocol ? ReasonCode.ProviderProtocolError : ReasonCode.ProviderUnavailable);
        }

        facts.Set(RealTimePhotoEvidenceKeys.FaceMatchId, match.MatchId)
            .Set(RealTimePhotoEvidenceKeys.FaceMatchScore, match.Score.ToString("0.####", CultureInfo.InvariantCulture))
            .Set(RealTimePhotoEvidenceKeys.FaceMatchThreshold, _options.FaceMatchThreshold.ToString("0.####", CultureInfo.InvariantCulture))
            .Set(RealTimePhotoEvidenceKeys.FaceMatchFrameId, match.FrameId);
        if (!match.Raw.IsEmpty)
        {
            facts.Digest(RealTimePhotoEvidenceKeys.FaceMatchResponseDigest, match.Raw.Span);
        }

        if (double.IsNaN(match.Score) || match.Score is < 0 or > 1
            || (match.ReferenceSource is { } usedSource && usedSource != session.ReferenceSource))
        {
            return MethodVerdict.Indeterminate(ReasonCode.ProviderProtocolError);
        }

        if (match.FrameId is not null && liveness.FrameId is not null && !string.Equals(match.FrameId, liveness.FrameId, StringComparison.Ordinal))
        {
            return MethodVerdict.Rejected(ReasonCode.RealTimePhotoSessionMismatch);
        }

        return match.Score >= _options.FaceMatchThreshold ? MethodVerdict.Verified() : MethodVerdict.Rejected(ReasonCode.FaceNoMatch);
    }

    private MethodVerdict? CheckApprovedLiveness(RealTimePhotoSessionRecord session, LivenessResult result, DateTimeOffset now)
    {
        if (!result.CommandsPerformed.SequenceEqual(session.Commands))
        {
            return MethodVerdict.Rejected(ReasonCode.LivenessCommandsMismatch);
        }

        if (result.Attempts < 1 || result.CapturedAt is null || (result.FrameId is null && result.FrameSha256 is null))
        {
            return MethodVerdict.Indeterminate(ReasonCode.ProviderProtocolError);
        }

        if (result.Attempts > _options.MaxLivenessAttempts)
        {
            return MethodVerdict.Rejected(ReasonCode.AttemptsExhausted);
        }

        DateTimeOffset captured = result.CapturedAt.Value;
        if (captured < session.CreatedAt - _options.ClockSkew
            || captured > now + _options.ClockSkew
            || captured > session.ExpiresAt
            || now - captured > _options.CaptureFreshness)
        {
            return MethodVerdict.Rejected(ReasonCode.LivenessNotFresh);
        }

        if (_options.RejectOnDeviceSignals && result.Signals.AnyPositive)
        {
            return MethodVerdict.Rejected(ReasonCode.LivenessInjectionDetected);
        }

        if (result.LivenessScore is { } score && (double.IsNaN(score) || score < _options.MinLivenessScore))
        {
            return MethodVerdict.Rejected(ReasonCode.LivenessFailed);
        }

        return null;
    }

    private bool BoundToRequest(RealTimePhotoSessionRecord session, BorrowerIdentificationRequest request, RealTimePhotoEvidence evidence)
    {
        bool iin = Same(session.IinKey, _keys.MacText("session-iin", request.Iin.Value));
        bool phone = request.PhoneNumber is { HasValue: true } p && Same(session.PhoneKey, _keys.MacText("session-phone", p.E164));
        bool amount = evidence.Amount is null || evidence.Amount == session.Amount;
        return iin & phone & amount
            && session.Operation == request.Operation
            && string.Equals(session.CorrelationId, request.CorrelationId, StringComparison.Ordinal);
    }

    private static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(a), System.Text.Encoding.ASCII.GetBytes(b));

    private Task<bool> ConsumeAsync(RealTimePhotoSessionRecord session) => _sessions.TryConsumeAsync(session.SessionId, CancellationToken.None);

    private static void RecordLiveness(MethodEvidenceBuilder facts, LivenessResult r, string source)
    {
        facts.Set(RealTimePhotoEvidenceKeys.LivenessSource, source)
            .Set(RealTimePhotoEvidenceKeys.LivenessDecision, DecisionName(r.Decision))
            .Set(RealTimePhotoEvidenceKeys.LivenessAttempts, r.Attempts.ToString(CultureInfo.InvariantCulture))
            .Set(RealTimePhotoEvidenceKeys.LivenessCommandsPerformed, string.Join(",", r.CommandsPerformed.Select(CommandName)))
            .Set(RealTimePhotoEvidenceKeys.LivenessScore, r.LivenessScore?.ToString("0.####", CultureInfo.InvariantCulture))
            .Set(RealTimePhotoEvidenceKeys.LivenessCapturedAt, r.CapturedAt is { } c ? Time(c) : null)
            .Set(RealTimePhotoEvidenceKeys.LivenessFrameId, r.FrameId)
            .Set(RealTimePhotoEvidenceKeys.LivenessFrameSha256, r.FrameSha256)
            .Set(RealTimePhotoEvidenceKeys.LivenessProviderReason, r.ProviderReason is { Length: <= 64 } reason && reason.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.') ? reason : null)
            .Set(RealTimePhotoEvidenceKeys.LivenessSignalInjection, Flag(r.Signals.InjectionDetected))
            .Set(RealTimePhotoEvidenceKeys.LivenessSignalVirtualCamera, Flag(r.Signals.VirtualCameraDetected))
            .Set(RealTimePhotoEvidenceKeys.LivenessSignalEmulator, Flag(r.Signals.EmulatorDetected))
            .Set(RealTimePhotoEvidenceKeys.LivenessSignalRooted, Flag(r.Signals.RootedDevice))
            .Set(RealTimePhotoEvidenceKeys.LivenessSignalRemoteControl, Flag(r.Signals.RemoteControlDetected));
        if (!r.Raw.IsEmpty)
        {
            facts.Digest(RealTimePhotoEvidenceKeys.LivenessResponseDigest, r.Raw.Span);
        }
    }

    private static string? Flag(bool? value) => value switch { true => "true", false => "false", null => null };

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Gets the wire and evidence name of a command, e.g. <c>turn-left</c>.</summary>
    /// <param name="command">The command.</param>
    /// <returns>The name.</returns>
    public static string CommandName(LivenessCommand command) => command switch
    {
        LivenessCommand.TurnLeft => "turn-left",
        LivenessCommand.TurnRight => "turn-right",
        LivenessCommand.Blink => "blink",
        LivenessCommand.Smile => "smile",
        LivenessCommand.Nod => "nod",
        LivenessCommand.OpenMouth => "open-mouth",
        LivenessCommand.LookUp => "look-up",
        LivenessCommand.LookDown => "look-down",
        _ => "unknown",
    };

    /// <summary>Parses a command name written by <see cref="CommandName"/>.</summary>
    /// <param name="name">The name.</param>
    /// <param name="command">The command.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParseCommand(string? name, out LivenessCommand command)
    {
        foreach (LivenessCommand c in Enum.GetValues<LivenessCommand>())
        {
            if (string.Equals(CommandName(c), name, StringComparison.Ordinal))
            {
                command = c;
                return true;
            }
        }

        command = default;
        return false;
    }

    /// <summary>Gets the wire and evidence name of a reference source, e.g. <c>state-photo</c>.</summary>
    /// <param name="source">The source.</param>
    /// <returns>The name.</returns>
    public static string SourceName(FaceReferenceSource source) => source switch
    {
        FaceReferenceSource.StatePhotoViaProvider => "state-photo",
        FaceReferenceSource.IdDocumentPhoto => "document-photo",
        FaceReferenceSource.CallerSupplied => "supplied",
        _ => "unknown",
    };

    private static string DecisionName(LivenessDecision d) => d switch
    {
        LivenessDecision.Approved => "approved",
        LivenessDecision.RejectedFinal => "rejected",
        LivenessDecision.Retry => "retry",
        _ => "pending",
    };
}
