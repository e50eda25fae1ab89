namespace Kz.MicroCredit.Identity.RealTimePhoto;

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
