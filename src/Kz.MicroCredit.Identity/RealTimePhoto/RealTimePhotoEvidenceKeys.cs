namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>
/// The fact keys and digest names the <c>realtime-photo</c> method writes into its evidence (docs/realtime-photo.md).
/// </summary>
/// <remarks>The keys are a persisted contract (docs/evidence-report.md, "Fact keys"): never renamed or removed within a
/// major report schema version. Constants whose name ends in <c>Digest</c> name an input digest, the others a fact.</remarks>
public static class RealTimePhotoEvidenceKeys
{
    /// <summary><c>provider</c>: the liveness provider's name.</summary>
    public const string Provider = "provider";

    /// <summary><c>provider.session-id</c>: the provider's session id.</summary>
    public const string ProviderSessionId = "provider.session-id";

    /// <summary><c>session.id</c>: the real-time photo session id.</summary>
    public const string SessionId = "session.id";

    /// <summary><c>session.created-at</c>: when the session was created (ISO 8601, UTC).</summary>
    public const string SessionCreatedAt = "session.created-at";

    /// <summary><c>session.expires-at</c>: when the session expires (ISO 8601, UTC).</summary>
    public const string SessionExpiresAt = "session.expires-at";

    /// <summary><c>session.consumed-at</c>: when the session was used for a decision (ISO 8601, UTC).</summary>
    public const string SessionConsumedAt = "session.consumed-at";

    /// <summary><c>operation.amount</c>: the amount of the operation the session was started for.</summary>
    public const string OperationAmount = "operation.amount";

    /// <summary><c>liveness.commands</c>: the liveness commands issued, comma-separated.</summary>
    public const string LivenessCommands = "liveness.commands";

    /// <summary><c>liveness.commands-performed</c>: the liveness commands the provider saw performed, comma-separated.</summary>
    public const string LivenessCommandsPerformed = "liveness.commands-performed";

    /// <summary><c>liveness.source</c>: how the liveness result arrived (webhook or poll).</summary>
    public const string LivenessSource = "liveness.source";

    /// <summary><c>liveness.decision</c>: the provider's liveness decision.</summary>
    public const string LivenessDecision = "liveness.decision";

    /// <summary><c>liveness.attempts</c>: the number of liveness attempts.</summary>
    public const string LivenessAttempts = "liveness.attempts";

    /// <summary><c>liveness.score</c>: the provider's liveness score, when given.</summary>
    public const string LivenessScore = "liveness.score";

    /// <summary><c>liveness.captured-at</c>: when the frame was captured (ISO 8601, UTC).</summary>
    public const string LivenessCapturedAt = "liveness.captured-at";

    /// <summary><c>liveness.frame-id</c>: the provider's id of the captured frame.</summary>
    public const string LivenessFrameId = "liveness.frame-id";

    /// <summary><c>liveness.frame-sha256</c>: the SHA-256 of the captured frame.</summary>
    public const string LivenessFrameSha256 = "liveness.frame-sha256";

    /// <summary><c>liveness.provider-reason</c>: the provider's own reason code, when it is a short token.</summary>
    public const string LivenessProviderReason = "liveness.provider-reason";

    /// <summary><c>liveness.signal.injection</c>: <c>true</c> when the provider detected an injected stream.</summary>
    public const string LivenessSignalInjection = "liveness.signal.injection";

    /// <summary><c>liveness.signal.virtual-camera</c>: <c>true</c> when the provider detected a virtual camera.</summary>
    public const string LivenessSignalVirtualCamera = "liveness.signal.virtual-camera";

    /// <summary><c>liveness.signal.emulator</c>: <c>true</c> when the provider detected an emulator.</summary>
    public const string LivenessSignalEmulator = "liveness.signal.emulator";

    /// <summary><c>liveness.signal.rooted</c>: <c>true</c> when the provider detected a rooted device.</summary>
    public const string LivenessSignalRooted = "liveness.signal.rooted";

    /// <summary><c>liveness.signal.remote-control</c>: <c>true</c> when the provider detected remote control.</summary>
    public const string LivenessSignalRemoteControl = "liveness.signal.remote-control";

    /// <summary><c>otp.sent-at</c>: when the one-time code was sent (ISO 8601, UTC).</summary>
    public const string OtpSentAt = "otp.sent-at";

    /// <summary><c>otp.verified-at</c>: when the one-time code was accepted (ISO 8601, UTC).</summary>
    public const string OtpVerifiedAt = "otp.verified-at";

    /// <summary><c>otp.attempts</c>: the number of one-time-code attempts.</summary>
    public const string OtpAttempts = "otp.attempts";

    /// <summary><c>otp.result</c>: the outcome of the one-time-code check.</summary>
    public const string OtpResult = "otp.result";

    /// <summary><c>facematch.id</c>: the face-match provider's id of the comparison.</summary>
    public const string FaceMatchId = "facematch.id";

    /// <summary><c>facematch.score</c>: the face-match score.</summary>
    public const string FaceMatchScore = "facematch.score";

    /// <summary><c>facematch.threshold</c>: the threshold the face-match score was compared with.</summary>
    public const string FaceMatchThreshold = "facematch.threshold";

    /// <summary><c>facematch.reference-source</c>: where the reference photo came from.</summary>
    public const string FaceMatchReferenceSource = "facematch.reference-source";

    /// <summary><c>facematch.frame-id</c>: the id of the frame that was compared.</summary>
    public const string FaceMatchFrameId = "facematch.frame-id";

    /// <summary><c>reference-photo</c>: digest name of the reference photo the lender supplied.</summary>
    public const string ReferencePhotoDigest = "reference-photo";

    /// <summary><c>facematch.response</c>: digest name of the face-match provider's answer.</summary>
    public const string FaceMatchResponseDigest = "facematch.response";

    /// <summary><c>liveness.response</c>: digest name of the liveness provider's answer.</summary>
    public const string LivenessResponseDigest = "liveness.response";
}
