namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>A started eGov mobile signing session: what the lender's page shows the borrower.</summary>
public sealed class EGovMobileSigningSession
{
    /// <summary>Initializes a new instance of the <see cref="EGovMobileSigningSession"/> class.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="api1Url">The absolute API 1 URL.</param>
    /// <param name="deepLinks">The deep links by template name.</param>
    /// <param name="expiresAt">When the QR code and links expire.</param>
    /// <param name="signMethod">How the phone signs.</param>
    public EGovMobileSigningSession(string sessionId, Uri api1Url, IReadOnlyDictionary<string, Uri> deepLinks, DateTimeOffset expiresAt, EGovMobileSignMethod signMethod)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(api1Url);
        ArgumentNullException.ThrowIfNull(deepLinks);
        SessionId = sessionId;
        Api1Url = api1Url;
        DeepLinks = deepLinks;
        ExpiresAt = expiresAt;
        SignMethod = signMethod;
    }

    /// <summary>Gets the session id (the page polls the status with it; treat it as a secret of the borrower's browser).</summary>
    public string SessionId { get; }

    /// <summary>Gets the absolute API 1 URL the phone app fetches.</summary>
    public Uri Api1Url { get; }

    /// <summary>Gets the QR code text: <c>mobileSign:</c> followed by the API 1 URL.</summary>
    public string QrPayload => "mobileSign:" + Api1Url.AbsoluteUri;

    /// <summary>Gets the deep links that open the apps on the same phone, by template name.</summary>
    public IReadOnlyDictionary<string, Uri> DeepLinks { get; }

    /// <summary>Gets when the QR code and links expire.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Gets how the phone signs.</summary>
    public EGovMobileSignMethod SignMethod { get; }

    /// <inheritdoc />
    public override string ToString() => $"EGovMobileSigningSession {{ SignMethod = {SignMethod}, ExpiresAt = {ExpiresAt:O} }}";
}
