using OnboardingWeb.Pages;
using static OnboardingWeb.Pages.Html;

namespace OnboardingWeb.Signing;

/// <summary>
/// A channel that is not built yet, shown disabled so the page keeps its final shape: eGov mobile (a QR code on a
/// computer, a deep link on a phone) and NCALayer (a button that asks the local NCALayer to sign). Replace the
/// registration with the real channel.
/// </summary>
/// <param name="id">The channel id.</param>
/// <param name="order">The position.</param>
/// <param name="titleKey">The text key of the title.</param>
/// <param name="buttonKey">The text key of a (disabled) button, or <see langword="null"/>.</param>
public sealed class PlannedSigningChannel(string id, int order, string titleKey, string? buttonKey) : IEdsSigningChannel
{
    /// <summary>Gets the eGov mobile placeholder (QR code / deep link section).</summary>
    public static PlannedSigningChannel EGovMobile { get; } = new("egov-qr", 20, "eds.channel.egov", null);

    /// <summary>Gets the NCALayer placeholder (a sign button).</summary>
    public static PlannedSigningChannel NcaLayer { get; } = new("ncalayer", 30, "eds.channel.ncalayer", "eds.ncalayer.sign");

    /// <inheritdoc />
    public string Id => id;

    /// <inheritdoc />
    public int Order => order;

    /// <inheritdoc />
    public string Render(EdsChannelContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Lang lang = context.Lang;
        string button = buttonKey is null
            ? string.Empty
            : $"<button type=\"button\" id=\"{E(Id)}-sign\" disabled>{E(Texts.Get(buttonKey, lang))}</button>";
        return $"""
            <h3>{E(Texts.Get(titleKey, lang))} <span class="badge">{E(Texts.Get("eds.channel.unavailable", lang))}</span></h3>
            {button}
            """;
    }
}
