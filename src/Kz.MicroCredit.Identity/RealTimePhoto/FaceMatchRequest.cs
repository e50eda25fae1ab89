namespace Kz.MicroCredit.Identity.RealTimePhoto;

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
