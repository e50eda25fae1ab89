using System.Globalization;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>A request to create a hosted biometric session.</summary>
/// <remarks><see cref="ToString"/> prints no IIN.</remarks>
internal sealed class CeidSessionRequest
{
    /// <summary>Initializes a new instance of the <see cref="CeidSessionRequest"/> class.</summary>
    /// <param name="requestId">The lender's request id.</param>
    /// <param name="iin">The declared IIN.</param>
    /// <param name="consentReference">The consent reference.</param>
    /// <param name="returnUrl">Where the browser goes at the end, or null.</param>
    /// <param name="callbackUrl">The lender's webhook, or null.</param>
    public CeidSessionRequest(string requestId, Iin iin, string consentReference, Uri? returnUrl, Uri? callbackUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(consentReference);
        RequestId = requestId;
        Iin = iin;
        ConsentReference = consentReference;
        ReturnUrl = returnUrl;
        CallbackUrl = callbackUrl;
    }

    /// <summary>Gets the request id.</summary>
    public string RequestId { get; }

    /// <summary>Gets the declared IIN.</summary>
    public Iin Iin { get; }

    /// <summary>Gets the consent reference.</summary>
    public string ConsentReference { get; }

    /// <summary>Gets the return URL.</summary>
    public Uri? ReturnUrl { get; }

    /// <summary>Gets the callback URL.</summary>
    public Uri? CallbackUrl { get; }

    /// <inheritdoc />
    public override string ToString() => $"CeidSessionRequest {{ RequestId = {RequestId}, Iin = {Iin} }}";
}
