namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>What the lender configures for eGov mobile QR / deep-link signing.</summary>
public sealed class EGovMobileSigningOptions
{
    /// <summary>The default deep-link templates; <c>{url}</c> is replaced by the escaped API 1 URL.</summary>
    /// <remarks>The exact forms the apps accept are not published by the operator; these follow public integrations and are unconfirmed.</remarks>
    public static IReadOnlyDictionary<string, string> DefaultDeepLinkTemplates { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["egov"] = "https://mgovsign.page.link/?link={url}&isi=1476128386&ibi=kz.egov.mobile&apn=kz.mobile.mgov",
        ["egovBusiness"] = "https://egovbusiness.page.link/?link={url}&isi=1597880144&ibi=kz.mobile.mgov.business&apn=kz.mobile.mgov.business",
    };

    /// <summary>Gets or sets the public absolute base URL the phone reaches the lender's backend at (https in production).</summary>
    /// <value>The default value is <see langword="null"/>: required.</value>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Gets or sets the route prefix of the protocol endpoints.</summary>
    /// <value>The default value is <c>/kzid/egov-mobile</c>.</value>
    public string RoutePrefix { get; set; } = "/kzid/egov-mobile";

    /// <summary>Gets or sets the organisation's name in Russian, shown by the app.</summary>
    /// <value>The default value is empty: required.</value>
    public string OrganisationNameRu { get; set; } = string.Empty;

    /// <summary>Gets or sets the organisation's name in Kazakh.</summary>
    /// <value>The default value is empty: required.</value>
    public string OrganisationNameKz { get; set; } = string.Empty;

    /// <summary>Gets or sets the organisation's name in English.</summary>
    /// <value>The default value is empty: required.</value>
    public string OrganisationNameEn { get; set; } = string.Empty;

    /// <summary>Gets or sets the organisation's BIN (12 digits).</summary>
    /// <value>The default value is empty: required.</value>
    public string OrganisationBin { get; set; } = string.Empty;

    /// <summary>Gets or sets how the phone signs.</summary>
    /// <value>The default value is <see cref="EGovMobileSignMethod.Xml"/>.</value>
    public EGovMobileSignMethod SignMethod { get; set; } = EGovMobileSignMethod.Xml;

    /// <summary>Gets or sets how the phone authenticates its API 2 calls (API 1's <c>auth_type</c>).</summary>
    /// <value>The default value is <see cref="EGovMobileAuthType.Token"/>.</value>
    public EGovMobileAuthType AuthType { get; set; } = EGovMobileAuthType.Token;

    /// <summary>
    /// Gets or sets a value indicating whether <see cref="EGovMobileAuthType.None"/> is allowed. With it, whoever holds
    /// the session id (it is in the QR code and the deep link) can fetch the documents and answer; the answer is still
    /// verified in full, but a stranger can read the documents or spoil the session with a rejected answer.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: <see cref="EGovMobileAuthType.None"/> fails at start-up.</value>
    public bool AllowUnauthenticatedApi2 { get; set; }

    /// <summary>Gets or sets how long a QR code / deep link stays usable (never beyond the challenge's own expiry).</summary>
    /// <value>The default value is 3 minutes; allowed 30 seconds to 1 hour.</value>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Gets or sets the largest answer body read; a larger one is refused while reading.</summary>
    /// <value>The default value is 256 KiB; allowed 4 KiB to 8 MiB.</value>
    public int MaxAnswerBytes { get; set; } = 256 * 1024;

    /// <summary>Gets the deep-link templates by name; <c>{url}</c> is replaced by the escaped API 1 URL.</summary>
    /// <value>The default value is <see cref="DefaultDeepLinkTemplates"/> (unconfirmed forms: check them with the app vendors).</value>
    public IDictionary<string, string> DeepLinkTemplates { get; } = new Dictionary<string, string>(DefaultDeepLinkTemplates, StringComparer.Ordinal);
}
