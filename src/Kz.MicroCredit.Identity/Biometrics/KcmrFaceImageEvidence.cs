using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// Evidence for a direct CEID match: the live face image the lender's app captured, the consent reference and a request
/// id. The method takes ownership of the image array and zeroes it after use
/// (<see cref="KcmrBiometricsOptions.ClearImageAfterUse"/>).
/// </summary>
/// <remarks><see cref="ToString"/> prints neither the image nor its size.</remarks>
public sealed class KcmrFaceImageEvidence : BorrowerEvidence, IDisposable
{
    private readonly byte[] _image;

    /// <summary>Initializes a new instance of the <see cref="KcmrFaceImageEvidence"/> class.</summary>
    /// <param name="image">The JPEG or PNG bytes; owned by this instance from now on (not copied).</param>
    /// <param name="consentReference">The reference of the borrower's consent to biometric processing (e.g. a consent record id).</param>
    /// <param name="requestId">The lender's request id (idempotency key); a new UUID when <see langword="null"/>.</param>
    public KcmrFaceImageEvidence(byte[] image, string consentReference, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(consentReference);
        if (consentReference.Length > 128)
        {
            throw new ArgumentException("The consent reference is longer than 128 characters.", nameof(consentReference));
        }

        requestId ??= Guid.NewGuid().ToString("D");
        if (!DefaultCeidWireBinding.IsValidId(requestId))
        {
            throw new ArgumentException("A request id uses letters, digits, '-' and '_' only, at most 128 characters.", nameof(requestId));
        }

        _image = image;
        ConsentReference = consentReference;
        RequestId = requestId;
    }

    /// <inheritdoc />
    public override IdentificationMethodId MethodId => IdentificationMethodId.KcmrBiometrics;

    /// <summary>Gets the image bytes (all zero after <see cref="Clear"/>). Personal data: never log it.</summary>
    public ReadOnlyMemory<byte> Image => _image;

    /// <summary>Gets the consent reference.</summary>
    public string ConsentReference { get; }

    /// <summary>Gets the request id.</summary>
    public string RequestId { get; }

    /// <summary>Gets a value indicating whether the image was cleared.</summary>
    public bool IsCleared { get; private set; }

    /// <summary>Zeroes the image bytes.</summary>
    public void Clear()
    {
        CryptographicOperations.ZeroMemory(_image);
        IsCleared = true;
    }

    /// <inheritdoc />
    public void Dispose() => Clear();

    /// <inheritdoc />
    public override string ToString() => $"KcmrFaceImageEvidence {{ RequestId = {RequestId}, Cleared = {IsCleared} }}";
}
