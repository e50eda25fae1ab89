namespace OnboardingWeb.Signing;

/// <summary>The sample's signing-channel settings (section <c>SigningChannels</c>).</summary>
public sealed class SigningChannelOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "SigningChannels";

    /// <summary>Where NCALayer listens on the borrower's computer.</summary>
    public const string DefaultNcaLayerUrl = "wss://127.0.0.1:13579";

    /// <summary>Gets or sets the NCALayer WebSocket URL the page connects to (tests point it at the emulator's ws:// URL).</summary>
    /// <value>The default value is <c>wss://127.0.0.1:13579</c>.</value>
    public string NcaLayerUrl { get; set; } = DefaultNcaLayerUrl;

    /// <summary>
    /// Gets or sets the public base URL the phone reaches this app at (the QR code and deep links carry it). Behind a
    /// reverse proxy this is the proxy's https address.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the app's own listening address.</value>
    public Uri? PublicBaseUrl { get; set; }
}
