namespace Kz.MicroCredit.Identity;

/// <summary>Reason codes of the real-time two-factor photo method (<c>realtime-photo</c>).</summary>
public readonly partial struct ReasonCode
{
    /// <summary>Gets a code: the real-time photo session id is unknown (never started, purged, or from another lender instance without a shared store).</summary>
    public static ReasonCode RealTimePhotoSessionUnknown { get; } = new(nameof(RealTimePhotoSessionUnknown));

    /// <summary>Gets a code: the session, face result or one-time code belongs to another borrower, operation, loan or session.</summary>
    public static ReasonCode RealTimePhotoSessionMismatch { get; } = new(nameof(RealTimePhotoSessionMismatch));

    /// <summary>Gets a code: the session was already used up by an earlier identification (a replay).</summary>
    public static ReasonCode RealTimePhotoSessionReplayed { get; } = new(nameof(RealTimePhotoSessionReplayed));

    /// <summary>Gets a code: the session's time window closed before both factors were completed.</summary>
    public static ReasonCode RealTimePhotoSessionExpired { get; } = new(nameof(RealTimePhotoSessionExpired));

    /// <summary>Gets a code: the one-time code is wrong.</summary>
    public static ReasonCode OtpInvalid { get; } = new(nameof(OtpInvalid));

    /// <summary>Gets a code: the one-time code expired.</summary>
    public static ReasonCode OtpExpired { get; } = new(nameof(OtpExpired));

    /// <summary>Gets a code: too many one-time codes were requested for this phone number or IIN in the sliding window.</summary>
    public static ReasonCode OtpRateLimited { get; } = new(nameof(OtpRateLimited));

    /// <summary>Gets a code: the one-time code could not be sent (the lender's <c>IOtpSender</c> failed).</summary>
    public static ReasonCode OtpNotSent { get; } = new(nameof(OtpNotSent));

    /// <summary>Gets a code: the borrower has not finished the liveness flow yet (the provider reports it pending).</summary>
    public static ReasonCode LivenessPending { get; } = new(nameof(LivenessPending));

    /// <summary>Gets a code: the provider asks for another liveness attempt in the same session (attempts remain).</summary>
    public static ReasonCode LivenessRetryRequired { get; } = new(nameof(LivenessRetryRequired));

    /// <summary>Gets a code: the liveness check failed (the provider's final negative, or a score under the threshold).</summary>
    public static ReasonCode LivenessFailed { get; } = new(nameof(LivenessFailed));

    /// <summary>Gets a code: the commands the borrower performed are not the random commands issued for this session.</summary>
    public static ReasonCode LivenessCommandsMismatch { get; } = new(nameof(LivenessCommandsMismatch));

    /// <summary>Gets a code: the live capture is outside the freshness window (too old, before the session, or in the future).</summary>
    public static ReasonCode LivenessNotFresh { get; } = new(nameof(LivenessNotFresh));

    /// <summary>Gets a code: the provider reported a stream injection, a virtual camera, an emulator or remote control.</summary>
    public static ReasonCode LivenessInjectionDetected { get; } = new(nameof(LivenessInjectionDetected));

    /// <summary>Gets a code: the live frame was already used by another session (a replayed frame).</summary>
    public static ReasonCode LivenessFrameReplayed { get; } = new(nameof(LivenessFrameReplayed));

    /// <summary>Gets a code: the live face does not match the reference photo (score under the threshold).</summary>
    public static ReasonCode FaceNoMatch { get; } = new(nameof(FaceNoMatch));
}
