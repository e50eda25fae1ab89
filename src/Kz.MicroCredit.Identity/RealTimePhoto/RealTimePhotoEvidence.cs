namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>
/// The borrower's evidence for <c>realtime-photo</c>: the session started with
/// <see cref="IRealTimePhotoSessionService.StartAsync"/> and the one-time code they typed.
/// </summary>
/// <remarks><see cref="ToString"/> prints neither the code nor the reference photo.</remarks>
public sealed class RealTimePhotoEvidence : BorrowerEvidence
{
    /// <summary>Initializes a new instance of the <see cref="RealTimePhotoEvidence"/> class.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="otpCode">The code the borrower typed.</param>
    public RealTimePhotoEvidence(string sessionId, string otpCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        ArgumentNullException.ThrowIfNull(otpCode);
        SessionId = sessionId;
        OtpCode = otpCode;
    }

    /// <inheritdoc />
    public override IdentificationMethodId MethodId => IdentificationMethodId.RealTimePhoto;

    /// <summary>Gets the session id.</summary>
    public string SessionId { get; }

    /// <summary>Gets the code the borrower typed. Never log it.</summary>
    public string OtpCode { get; }

    /// <summary>
    /// Gets the amount in tenge of the operation being approved; when set it must equal the amount the code message
    /// named (recommended for agreement signing and payout).
    /// </summary>
    public decimal? Amount { get; init; }

    /// <summary>Gets the reference photo (JPEG) for <see cref="FaceReferenceSource.CallerSupplied"/>; ignored otherwise.</summary>
    public ReadOnlyMemory<byte> ReferencePhoto { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"RealTimePhotoEvidence {{ SessionId = {SessionId} }}";
}
