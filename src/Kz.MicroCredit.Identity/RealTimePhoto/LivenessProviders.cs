namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>An on-screen command of an active liveness check, chosen at random by the library (never by the provider or the client).</summary>
public enum LivenessCommand
{
    /// <summary>Turn the head to the left (<c>turn-left</c>).</summary>
    TurnLeft = 1,

    /// <summary>Turn the head to the right (<c>turn-right</c>).</summary>
    TurnRight = 2,

    /// <summary>Blink (<c>blink</c>).</summary>
    Blink = 3,

    /// <summary>Smile (<c>smile</c>).</summary>
    Smile = 4,

    /// <summary>Nod (<c>nod</c>).</summary>
    Nod = 5,

    /// <summary>Open the mouth (<c>open-mouth</c>).</summary>
    OpenMouth = 6,

    /// <summary>Look up (<c>look-up</c>).</summary>
    LookUp = 7,

    /// <summary>Look down (<c>look-down</c>).</summary>
    LookDown = 8,
}

/// <summary>Where the reference photo for the face match comes from.</summary>
public enum FaceReferenceSource
{
    /// <summary>The state photo database (ГБД ФЛ) fetched by the provider by IIN; the IIN goes to the provider in the request body.</summary>
    StatePhotoViaProvider = 0,

    /// <summary>The photo of the identity document the borrower captured in the same provider flow.</summary>
    IdDocumentPhoto = 1,

    /// <summary>A photo the lender supplies in <see cref="RealTimePhotoEvidence.ReferencePhoto"/> (e.g. obtained through CEID).</summary>
    CallerSupplied = 2,
}

/// <summary>The provider's decision on a liveness session (tri-state plus pending).</summary>
public enum LivenessDecision
{
    /// <summary>The borrower has not finished (or the result is not ready).</summary>
    Pending = 0,

    /// <summary>Live person who performed the commands.</summary>
    Approved = 1,

    /// <summary>Final negative: no further attempt in this session.</summary>
    RejectedFinal = 2,

    /// <summary>This attempt failed; the borrower may try again in the same session while attempts remain.</summary>
    Retry = 3,
}

/// <summary>What the library asks a liveness provider to create.</summary>
public sealed class LivenessSessionRequest
{
    /// <summary>Gets the library's session id; the provider echoes it as the external reference.</summary>
    public required string SessionId { get; init; }

    /// <summary>Gets the session nonce (bound to the borrower, operation and loan); the provider echoes it in the result.</summary>
    public required string Nonce { get; init; }

    /// <summary>Gets the random commands, in order.</summary>
    public required IReadOnlyList<LivenessCommand> Commands { get; init; }

    /// <summary>Gets the attempt cap (three failed attempts are a negative result).</summary>
    public required int MaxAttempts { get; init; }

    /// <summary>Gets when the session must end.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets the reference source the face match will use (a document capture step is added for <see cref="FaceReferenceSource.IdDocumentPhoto"/>).</summary>
    public required FaceReferenceSource ReferenceSource { get; init; }

    /// <summary>Gets the borrower's IIN; set only for <see cref="FaceReferenceSource.StatePhotoViaProvider"/>. Personal data: body only, never a URL or a log.</summary>
    public Iin? SubjectIin { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"LivenessSessionRequest {{ SessionId = {SessionId}, Commands = {Commands.Count} }}";
}

/// <summary>The provider's answer to a session creation.</summary>
/// <param name="ProviderSessionId">The provider's session id.</param>
/// <param name="HostedFlowUrl">The hosted page the borrower opens, or <see langword="null"/> for an SDK-only flow.</param>
/// <param name="SdkToken">A token for the provider's mobile/web SDK, or <see langword="null"/>.</param>
public sealed record LivenessSessionHandle(string ProviderSessionId, Uri? HostedFlowUrl, string? SdkToken)
{
    /// <inheritdoc />
    /// <remarks>The SDK token is a bearer credential for the vendor's SDK: it is never printed, only whether there is one.</remarks>
    public override string ToString() =>
        $"LivenessSessionHandle {{ ProviderSessionId = {ProviderSessionId}, HostedFlowUrl = {HostedFlowUrl?.GetLeftPart(UriPartial.Authority)}, SdkToken = {(SdkToken is null ? "none" : "***")} }}";
}

/// <summary>Device and injection signals a provider reports; <see langword="null"/> means not reported.</summary>
public sealed record LivenessSignals
{
    /// <summary>Gets whether a stream injection (deepfake or replayed video fed to the capture) was detected.</summary>
    public bool? InjectionDetected { get; init; }

    /// <summary>Gets whether a virtual camera was detected.</summary>
    public bool? VirtualCameraDetected { get; init; }

    /// <summary>Gets whether an emulator was detected.</summary>
    public bool? EmulatorDetected { get; init; }

    /// <summary>Gets whether a rooted or jailbroken device was detected.</summary>
    public bool? RootedDevice { get; init; }

    /// <summary>Gets whether remote-control software was detected.</summary>
    public bool? RemoteControlDetected { get; init; }

    /// <summary>Gets a value indicating whether any reported signal is positive.</summary>
    public bool AnyPositive => InjectionDetected == true || VirtualCameraDetected == true || EmulatorDetected == true || RootedDevice == true || RemoteControlDetected == true;
}

/// <summary>A liveness session's result as the provider reports it (polled or from a webhook).</summary>
public sealed record LivenessResult
{
    /// <summary>Gets the provider's session id.</summary>
    public required string ProviderSessionId { get; init; }

    /// <summary>Gets the external reference the provider echoes (must be the library's session id).</summary>
    public string? ExternalReference { get; init; }

    /// <summary>Gets the nonce the provider echoes (must be the session nonce).</summary>
    public string? Nonce { get; init; }

    /// <summary>Gets the decision.</summary>
    public required LivenessDecision Decision { get; init; }

    /// <summary>Gets the provider's reason text or code, kept as evidence (never shown to logs).</summary>
    public string? ProviderReason { get; init; }

    /// <summary>Gets the number of attempts made so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets the commands the borrower performed, in order.</summary>
    public IReadOnlyList<LivenessCommand> CommandsPerformed { get; init; } = [];

    /// <summary>Gets the liveness score in [0, 1], if reported.</summary>
    public double? LivenessScore { get; init; }

    /// <summary>Gets when the live frame was captured.</summary>
    public DateTimeOffset? CapturedAt { get; init; }

    /// <summary>Gets the provider's id of the best live frame.</summary>
    public string? FrameId { get; init; }

    /// <summary>Gets the lower-case hex SHA-256 of the live frame as the provider reports it (never the frame).</summary>
    public string? FrameSha256 { get; init; }

    /// <summary>Gets the device and injection signals.</summary>
    public LivenessSignals Signals { get; init; } = new();

    /// <summary>Gets the event sequence number (webhooks; higher is newer).</summary>
    public long Sequence { get; init; }

    /// <summary>Gets the raw provider answer (UTF-8 JSON without images), kept as evidence; may be empty.</summary>
    public ReadOnlyMemory<byte> Raw { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"LivenessResult {{ ProviderSessionId = {ProviderSessionId}, Decision = {Decision}, Attempts = {Attempts} }}";
}

/// <summary>What the library asks the face-match provider to compare.</summary>
public sealed class FaceMatchRequest
{
    /// <summary>Gets the library's session id (idempotency key).</summary>
    public required string SessionId { get; init; }

    /// <summary>Gets the provider's liveness session whose live frame is compared.</summary>
    public required string ProviderSessionId { get; init; }

    /// <summary>Gets the live frame id from the liveness result.</summary>
    public string? FrameId { get; init; }

    /// <summary>Gets the reference source.</summary>
    public required FaceReferenceSource ReferenceSource { get; init; }

    /// <summary>Gets the IIN for <see cref="FaceReferenceSource.StatePhotoViaProvider"/>. Personal data.</summary>
    public Iin? SubjectIin { get; init; }

    /// <summary>Gets the reference JPEG for <see cref="FaceReferenceSource.CallerSupplied"/>. Personal data: the adapter must not keep it.</summary>
    public ReadOnlyMemory<byte> ReferencePhoto { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"FaceMatchRequest {{ SessionId = {SessionId}, Source = {ReferenceSource} }}";
}

/// <summary>A face-match answer.</summary>
public sealed record FaceMatchResult
{
    /// <summary>Gets the provider's match id.</summary>
    public string? MatchId { get; init; }

    /// <summary>Gets the similarity score in [0, 1].</summary>
    public required double Score { get; init; }

    /// <summary>Gets the live frame id the provider compared.</summary>
    public string? FrameId { get; init; }

    /// <summary>Gets the reference source the provider used.</summary>
    public FaceReferenceSource? ReferenceSource { get; init; }

    /// <summary>Gets the raw provider answer (UTF-8 JSON without images); may be empty.</summary>
    public ReadOnlyMemory<byte> Raw { get; init; }
}

/// <summary>A liveness provider: creates sessions with the library's random commands and reports their result.</summary>
/// <remarks>
/// Implementations throw <see cref="LivenessProviderException"/> for faults (the method then ends Indeterminate). The
/// reference HTTP adapter is <see cref="Http.HttpLivenessProvider"/>.
/// </remarks>
public interface ILivenessProvider
{
    /// <summary>Gets the provider name written into the evidence (e.g. <c>verigram</c>).</summary>
    string Name { get; }

    /// <summary>Creates a session.</summary>
    /// <param name="request">The session parameters.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The provider's handle.</returns>
    Task<LivenessSessionHandle> CreateSessionAsync(LivenessSessionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Polls the result of a session.</summary>
    /// <param name="providerSessionId">The provider's session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result (possibly <see cref="LivenessDecision.Pending"/>).</returns>
    Task<LivenessResult> GetResultAsync(string providerSessionId, CancellationToken cancellationToken = default);
}

/// <summary>Compares the live frame of a liveness session with a reference photo.</summary>
public interface IFaceMatchProvider
{
    /// <summary>Compares.</summary>
    /// <param name="request">What to compare.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The score; the library applies its own threshold.</returns>
    Task<FaceMatchResult> MatchAsync(FaceMatchRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What went wrong in a provider call.</summary>
public enum LivenessProviderErrorKind
{
    /// <summary>Unreachable, timed out, 5xx, reset, circuit open.</summary>
    Unavailable = 0,

    /// <summary>An answer that breaks the contract (garbage, missing fields, unknown status).</summary>
    Protocol = 1,
}

/// <summary>A provider fault. Its message is fixed text and never quotes the answer or personal data.</summary>
public sealed class LivenessProviderException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="LivenessProviderException"/> class.</summary>
    public LivenessProviderException()
        : this(LivenessProviderErrorKind.Unavailable)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LivenessProviderException"/> class.</summary>
    /// <param name="message">Fixed text.</param>
    public LivenessProviderException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LivenessProviderException"/> class.</summary>
    /// <param name="message">Fixed text.</param>
    /// <param name="innerException">The cause.</param>
    public LivenessProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LivenessProviderException"/> class.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="innerException">The cause.</param>
    public LivenessProviderException(LivenessProviderErrorKind kind, Exception? innerException = null)
        : base(kind == LivenessProviderErrorKind.Protocol ? "The liveness provider's answer breaks the contract." : "The liveness provider is unavailable.", innerException)
    {
        Kind = kind;
    }

    /// <summary>Gets the kind.</summary>
    public LivenessProviderErrorKind Kind { get; }
}
