using System.Globalization;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>A direct match request: the live image the lender's app captured.</summary>
/// <remarks><see cref="ToString"/> prints no IIN and no image.</remarks>
internal sealed class CeidMatchRequest
{
    /// <summary>Initializes a new instance of the <see cref="CeidMatchRequest"/> class.</summary>
    /// <param name="requestId">The lender's request id (also the idempotency key).</param>
    /// <param name="iin">The declared IIN.</param>
    /// <param name="consentReference">The reference of the borrower's consent to biometric processing.</param>
    /// <param name="image">The image; not copied.</param>
    /// <param name="format">The image format.</param>
    public CeidMatchRequest(string requestId, Iin iin, string consentReference, ReadOnlyMemory<byte> image, FaceImageFormat format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(consentReference);
        RequestId = requestId;
        Iin = iin;
        ConsentReference = consentReference;
        Image = image;
        Format = format;
    }

    /// <summary>Gets the request id.</summary>
    public string RequestId { get; }

    /// <summary>Gets the declared IIN.</summary>
    public Iin Iin { get; }

    /// <summary>Gets the consent reference.</summary>
    public string ConsentReference { get; }

    /// <summary>Gets the image bytes. Personal data.</summary>
    public ReadOnlyMemory<byte> Image { get; }

    /// <summary>Gets the image format.</summary>
    public FaceImageFormat Format { get; }

    /// <inheritdoc />
    public override string ToString() => $"CeidMatchRequest {{ RequestId = {RequestId}, Iin = {Iin}, Image = {Image.Length} bytes }}";
}
