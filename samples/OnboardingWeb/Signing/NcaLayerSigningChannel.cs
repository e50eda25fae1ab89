using Microsoft.Extensions.Options;
using OnboardingWeb.Pages;
using static OnboardingWeb.Pages.Html;

namespace OnboardingWeb.Signing;

/// <summary>
/// The NCALayer channel: the page's script asks the local NCALayer (<c>kz.gov.pki.knca.basics</c>, method <c>sign</c>)
/// to sign the challenge as CMS or XML and posts the result to the EDS step. Nothing NCALayer answers is trusted: the
/// server verifies the signature like any other (NCA chain, revocation, IIN, the single-use challenge).
/// </summary>
/// <param name="options">The signing-channel settings (the NCALayer URL).</param>
public sealed class NcaLayerSigningChannel(IOptions<SigningChannelOptions> options) : IEdsSigningChannel
{
    /// <inheritdoc />
    public string Id => "ncalayer";

    /// <inheritdoc />
    public int Order => 30;

    /// <inheritdoc />
    public string Render(EdsChannelContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Lang lang = context.Lang;
        string url = NcaLayerUrl(options.Value);
        return $"""
            <h3>{E(ChannelTexts.Get("nca.title", lang))}</h3>
            <p class="hint">{E(ChannelTexts.Get("nca.hint", lang))}</p>
            <div id="ncalayer" data-url="{E(url)}" data-locale="{E(lang switch { Lang.Kk => "kk", Lang.En => "en", _ => "ru" })}"
                 data-challenge-base64="{E(Convert.ToBase64String(context.Challenge.ToSignedBytes()))}" data-challenge-xml="{E(context.Challenge.ToSignedXml())}"
                 data-text-working="{E(ChannelTexts.Get("nca.working", lang))}" data-text-not-running="{E(ChannelTexts.Get("nca.notRunning", lang))}"
                 data-text-cancelled="{E(ChannelTexts.Get("nca.cancelled", lang))}" data-text-error="{E(ChannelTexts.Get("nca.error", lang))}">
            <form id="ncalayer-form" method="post" action="{E(context.SignatureUrl)}">
            {context.AntiforgeryField}
            <input type="hidden" name="cms" id="ncalayer-signature">
            <button type="button" id="ncalayer-sign" class="primary" data-format="cms">{E(ChannelTexts.Get("nca.sign.cms", lang))}</button>
            <button type="button" id="ncalayer-sign-xml" data-format="xml">{E(ChannelTexts.Get("nca.sign.xml", lang))}</button>
            </form>
            <p id="ncalayer-message" role="status" aria-live="polite" data-state="idle"></p>
            </div>
            <script src="/assets/ncalayer.js" defer></script>
            """;
    }

    private static string NcaLayerUrl(SigningChannelOptions options) =>
        string.IsNullOrWhiteSpace(options.NcaLayerUrl) ? SigningChannelOptions.DefaultNcaLayerUrl : options.NcaLayerUrl;
}
