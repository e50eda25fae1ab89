using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// The <c>kcmr-biometrics</c> method: matches the borrower's live face against the state photo through CEID, either
/// directly (<see cref="KcmrFaceImageEvidence"/>) or through a hosted session (<see cref="KcmrSessionEvidence"/>).
/// </summary>
/// <remarks>
/// Verified only when CEID says match, the similarity meets <see cref="KcmrBiometricsOptions.SimilarityThreshold"/> and
/// liveness passed; another IIN in the answer is a veto; after <see cref="KcmrBiometricsOptions.MaxFailedAttempts"/>
/// failed attempts for the borrower and operation the result is negative without calling CEID. Every fault is
/// Indeterminate. Evidence facts: <c>flow</c>, <c>provider.id</c>, <c>match.id</c>, <c>similarity.score</c>,
/// <c>similarity.threshold</c>, <c>liveness.passed</c>, <c>reference.source</c>, <c>attempt.number</c>,
/// <c>attempt.cap</c>, <c>request.id</c>, <c>interaction.id</c>, <c>session.id</c>; digests <c>face-image</c> and
/// <c>ceid-response</c> (SHA-256; never the image itself).
/// </remarks>
public sealed class KcmrBiometricsMethod : IdentificationMethod
{
    private readonly KcmrCeidClient _client;
    private readonly KcmrBiometricsSessions _sessions;
    private readonly IBiometricAttemptStore _attempts;
    private readonly KcmrBiometricsOptions _options;

    /// <summary>Initializes a new instance of the <see cref="KcmrBiometricsMethod"/> class.</summary>
    /// <param name="client">The CEID client.</param>
    /// <param name="sessions">The hosted sessions.</param>
    /// <param name="attempts">The attempt store.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    internal KcmrBiometricsMethod(
        KcmrCeidClient client,
        KcmrBiometricsSessions sessions,
        IBiometricAttemptStore attempts,
        IOptions<KcmrBiometricsOptions> options,
        TimeProvider timeProvider,
        ILogger<KcmrBiometricsMethod>? logger = null)
        : base(timeProvider, logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(attempts);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _sessions = sessions;
        _attempts = attempts;
        _options = options.Value;
    }

    /// <inheritdoc />
    public override IdentificationMethodId Id => IdentificationMethodId.KcmrBiometrics;

    /// <inheritdoc />
    protected override async Task<MethodVerdict> EvaluateCoreAsync(MethodEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        KcmrFaceImageEvidence? image = context.Request.Evidence.Get<KcmrFaceImageEvidence>();
        if (image is not null)
        {
            try
            {
                return await EvaluateImageAsync(context, image, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                if (_options.ClearImageAfterUse)
                {
                    image.Clear();
                }
            }
        }

        KcmrSessionEvidence? session = context.Request.Evidence.Get<KcmrSessionEvidence>();
        return session is null ? MethodVerdict.NotApplicable() : await EvaluateSessionAsync(context, session, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MethodVerdict> EvaluateImageAsync(MethodEvaluationContext context, KcmrFaceImageEvidence evidence, CancellationToken cancellationToken)
    {
        BorrowerIdentificationRequest request = context.Request;
        context.Evidence.Set(KcmrBiometricsEvidenceKeys.Flow, "direct").Set(KcmrBiometricsEvidenceKeys.RequestId, evidence.RequestId);
        ReasonCode? refused = FaceImageInspector.Check(evidence.Image.Span, _options, out FaceImageInfo info);
        if (refused is { } reason)
        {
            BiometricsLog.ImageRefused(Logger, request.CorrelationId, reason.Value);
            return MethodVerdict.Rejected(reason);
        }

        context.Evidence.Digest(KcmrBiometricsEvidenceKeys.FaceImageDigest, evidence.Image.Span);
        context.Evidence.Set(KcmrBiometricsEvidenceKeys.ImageFormat, info.Format == FaceImageFormat.Png ? "png" : "jpeg")
            .Set(KcmrBiometricsEvidenceKeys.ImageSize, string.Create(CultureInfo.InvariantCulture, $"{info.Width}x{info.Height}"));

        string attemptKey = _sessions.SubjectKeys.For(request.Iin, request.Operation);
        string reservation = NewReservationId();
        int? attempt = await BeginAttemptAsync(context, attemptKey, reservation, cancellationToken).ConfigureAwait(false);
        if (attempt is null)
        {
            return MethodVerdict.Rejected(ReasonCode.AttemptsExhausted);
        }

        // The attempt is counted before CEID is asked; an exception (cancellation, crash) leaves it counted.
        var match = new CeidMatchRequest(evidence.RequestId, request.Iin, evidence.ConsentReference, evidence.Image, info.Format);
        CeidResult<CeidMatchResult> result = await _client.MatchAsync(match, cancellationToken).ConfigureAwait(false);
        context.Evidence.Set(KcmrBiometricsEvidenceKeys.InteractionId, result.InteractionId);
        if (!result.Succeeded)
        {
            // No match answer: the face was not evaluated, the attempt is given back.
            await _attempts.ReleaseAttemptAsync(attemptKey, reservation, cancellationToken).ConfigureAwait(false);
            return MethodVerdict.Indeterminate([.. result.Failure]);
        }

        if (result.ResponseSha256 is not null)
        {
            context.Evidence.Set(KcmrBiometricsEvidenceKeys.CeidResponseSha256, result.ResponseSha256);
        }

        return await DecideAsync(context, result.Value, evidence.RequestId, attemptKey, reservation, attempt.Value, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MethodVerdict> EvaluateSessionAsync(MethodEvaluationContext context, KcmrSessionEvidence evidence, CancellationToken cancellationToken)
    {
        BorrowerIdentificationRequest request = context.Request;
        context.Evidence.Set(KcmrBiometricsEvidenceKeys.Flow, "hosted").Set(KcmrBiometricsEvidenceKeys.SessionId, evidence.SessionId);
        IKcmrSessionStore store = _sessions.Store;
        KcmrSessionRecord? record = await store.GetAsync(evidence.SessionId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return Refuse(request, ReasonCode.BiometricSessionUnknown);
        }

        if (!string.Equals(record.SubjectKey, _sessions.SubjectKeys.For(request.Iin), StringComparison.Ordinal) || record.Operation != request.Operation)
        {
            return Refuse(request, ReasonCode.BiometricSessionMismatch);
        }

        if (record.Consumed)
        {
            return Refuse(request, ReasonCode.BiometricSessionAlreadyUsed);
        }

        context.Evidence.Set(KcmrBiometricsEvidenceKeys.RequestId, record.RequestId);
        DateTimeOffset now = TimeProvider.GetUtcNow();
        if (!KcmrBiometricsSessions.IsFinal(record.State) && now < record.ExpiresAt && _options.PollOnEvaluate)
        {
            KcmrSessionPoll poll = await _sessions.PollAsync(evidence.SessionId, cancellationToken).ConfigureAwait(false);
            if (poll.State == CeidSessionState.Unknown && poll.Failure.Count > 0)
            {
                return MethodVerdict.Indeterminate([.. poll.Failure]);
            }

            record = await store.GetAsync(evidence.SessionId, cancellationToken).ConfigureAwait(false) ?? record;
        }

        switch (record.State)
        {
            case CeidSessionState.Expired:
                return Refuse(request, ReasonCode.BiometricSessionExpired, indeterminate: true);
            case CeidSessionState.Failed:
                return Refuse(request, ReasonCode.BiometricSessionFailed, indeterminate: true);
            case CeidSessionState.Completed when record.Result is not null:
                break;
            default:
                return Refuse(request, TimeProvider.GetUtcNow() >= record.ExpiresAt ? ReasonCode.BiometricSessionExpired : ReasonCode.BiometricSessionPending, indeterminate: true);
        }

        if (TimeProvider.GetUtcNow() >= record.ExpiresAt + _options.CallbackTolerance)
        {
            return Refuse(request, ReasonCode.BiometricSessionExpired, indeterminate: true);
        }

        if (!await store.TryConsumeAsync(evidence.SessionId, cancellationToken).ConfigureAwait(false))
        {
            return Refuse(request, ReasonCode.BiometricSessionAlreadyUsed);
        }

        string attemptKey = _sessions.SubjectKeys.For(request.Iin, request.Operation);
        string reservation = NewReservationId();
        int? attempt = await BeginAttemptAsync(context, attemptKey, reservation, cancellationToken).ConfigureAwait(false);
        return attempt is null
            ? MethodVerdict.Rejected(ReasonCode.AttemptsExhausted)
            : await DecideAsync(context, record.Result, record.RequestId, attemptKey, reservation, attempt.Value, cancellationToken).ConfigureAwait(false);
    }

    private static string NewReservationId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    private async Task<int?> BeginAttemptAsync(MethodEvaluationContext context, string attemptKey, string reservation, CancellationToken cancellationToken)
    {
        int? reserved = await _attempts.TryReserveAttemptAsync(attemptKey, reservation, _options.MaxFailedAttempts, _options.AttemptWindow, cancellationToken).ConfigureAwait(false);
        context.Evidence.Set(KcmrBiometricsEvidenceKeys.AttemptCap, _options.MaxFailedAttempts.ToString(CultureInfo.InvariantCulture));
        if (reserved is null)
        {
            BiometricsLog.AttemptsExhausted(Logger, context.Request.CorrelationId);
            context.Evidence.Set(KcmrBiometricsEvidenceKeys.AttemptFailed, _options.MaxFailedAttempts.ToString(CultureInfo.InvariantCulture));
            return null;
        }

        int attempt = reserved.Value;
        context.Evidence.Set(KcmrBiometricsEvidenceKeys.AttemptNumber, attempt.ToString(CultureInfo.InvariantCulture));
        return attempt;
    }

    private async Task<MethodVerdict> DecideAsync(MethodEvaluationContext context, CeidMatchResult result, string requestId, string attemptKey, string reservation, int attempt, CancellationToken cancellationToken)
    {
        context.Evidence
            .Set(KcmrBiometricsEvidenceKeys.ProviderId, result.ProviderId)
            .Set(KcmrBiometricsEvidenceKeys.MatchId, result.MatchId)
            .Set(KcmrBiometricsEvidenceKeys.SimilarityScore, result.Similarity.ToString("0.####", CultureInfo.InvariantCulture))
            .Set(KcmrBiometricsEvidenceKeys.SimilarityThreshold, _options.SimilarityThreshold.ToString("0.####", CultureInfo.InvariantCulture))
            .Set(KcmrBiometricsEvidenceKeys.LivenessPassed, result.LivenessPassed ? "true" : "false")
            .Set(KcmrBiometricsEvidenceKeys.ReferenceSource, result.ReferenceSource)
            .Set(KcmrBiometricsEvidenceKeys.Decision, result.Decision.ToString());

        (MethodVerdict verdict, bool failedAttempt) = KcmrBiometricsDecision.Decide(result, context.Request.Iin, requestId, _options.SimilarityThreshold);
        if (failedAttempt)
        {
            int failures = await _attempts.ConfirmFailureAsync(attemptKey, reservation, _options.AttemptWindow, cancellationToken).ConfigureAwait(false);
            if (failures >= _options.MaxFailedAttempts)
            {
                verdict = KcmrBiometricsDecision.WithAttemptsExhausted(verdict);
            }
        }
        else if (verdict.Status == IdentificationStatus.Verified)
        {
            // Concurrent attempts may have exhausted the cap while this one ran: a negative result stays negative.
            if (!await _attempts.ConfirmSuccessAsync(attemptKey, reservation, _options.MaxFailedAttempts, cancellationToken).ConfigureAwait(false))
            {
                verdict = MethodVerdict.Rejected(ReasonCode.AttemptsExhausted);
            }
        }
        else
        {
            // No reference photo or an unreadable answer: no face was compared, the attempt is given back.
            await _attempts.ReleaseAttemptAsync(attemptKey, reservation, cancellationToken).ConfigureAwait(false);
        }

        BiometricsLog.MatchDecided(Logger, context.Request.CorrelationId, verdict.Status.ToString(), string.Join(",", verdict.Reasons), attempt, _options.MaxFailedAttempts, result.MatchId);
        return verdict;
    }

    private MethodVerdict Refuse(BorrowerIdentificationRequest request, ReasonCode reason, bool indeterminate = false)
    {
        BiometricsLog.SessionRefused(Logger, request.CorrelationId, reason.Value);
        return indeterminate ? MethodVerdict.Indeterminate(reason) : MethodVerdict.Rejected(reason);
    }
}
