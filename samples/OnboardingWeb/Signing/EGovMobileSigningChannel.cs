using OnboardingWeb.Pages;
using static OnboardingWeb.Pages.Html;

namespace OnboardingWeb.Signing;

/// <summary>
/// The eGov mobile channel: the page's script starts a signing session (<c>POST /kzid/egov-mobile/sessions</c>), shows
/// the QR code (desktop) and the deep-link buttons (phone), and follows the outcome by server-sent events (polling as a
/// fallback). When the phone's signature is accepted the page posts the session id to the EDS step, which takes the
/// collected signature as <c>nca-eds</c> evidence.
/// </summary>
public sealed class EGovMobileSigningChannel : IEdsSigningChannel
{
    /// <inheritdoc />
    public string Id => "egov-qr";

    /// <inheritdoc />
    public int Order => 20;

    /// <inheritdoc />
    public string Render(EdsChannelContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Lang lang = context.Lang;
        // The borrower's own IIN (typed on the first page) is what the session is started for.
        return $"""
            <h3>{E(ChannelTexts.Get("egov.title", lang))}</h3>
            <p class="hint">{E(ChannelTexts.Get("egov.hint", lang))}</p>
            <div id="egov-mobile" data-iin="{E(context.Session.Iin.Value)}" data-start-url="/kzid/egov-mobile/sessions"
                 data-text-waiting="{E(ChannelTexts.Get("egov.waiting", lang))}" data-text-accepted="{E(ChannelTexts.Get("egov.accepted", lang))}"
                 data-text-rejected="{E(ChannelTexts.Get("egov.rejected", lang))}" data-text-rejected-iin="{E(ChannelTexts.Get("egov.rejected.iin", lang))}"
                 data-text-expired="{E(ChannelTexts.Get("egov.expired", lang))}" data-text-failed="{E(ChannelTexts.Get("egov.failed", lang))}">
            <figure class="egov-qr" id="egov-qr" hidden>
            <img id="egov-qr-image" width="264" height="264" alt="{E(ChannelTexts.Get("egov.qr.alt", lang))}">
            <figcaption><code id="egov-qr-payload" class="payload"></code></figcaption>
            </figure>
            <a id="egov-deeplink" class="button primary egov-deeplink" hidden>{E(ChannelTexts.Get("egov.open", lang))}</a>
            <a id="egov-deeplink-business" class="button egov-deeplink" hidden>{E(ChannelTexts.Get("egov.open.business", lang))}</a>
            <p id="egov-status" role="status" aria-live="polite" data-state="loading">{E(ChannelTexts.Get("egov.loading", lang))}</p>
            </div>
            <form id="egov-form" method="post" action="{E(context.StepUrl + "/egov-mobile")}">
            {context.AntiforgeryField}
            <input type="hidden" name="sessionId" id="egov-session-id">
            </form>
            <script src="/assets/egov-mobile.js" defer></script>
            """;
    }
}
