using Kz.MicroCredit.Identity;
using OnboardingWeb.Flow;
using OnboardingWeb.Pages;

namespace OnboardingWeb.Signing;

/// <summary>
/// One way for the borrower to sign the challenge on the EDS page (sandbox test key, eGov mobile QR / deep link,
/// NCALayer). Every registered channel is rendered as its own section, in <see cref="Order"/>. A channel that signs in
/// the browser posts the base64 CMS to <see cref="EdsChannelContext.SignatureUrl"/> (form field <c>cms</c>, plus the
/// antiforgery field); one that signs elsewhere (eGov mobile) hands the CMS to the flow server-side.
/// </summary>
public interface IEdsSigningChannel
{
    /// <summary>Gets the channel id, used as the section's <c>data-channel</c> and element id (<c>channel-{Id}</c>).</summary>
    string Id { get; }

    /// <summary>Gets the position on the page (lower first).</summary>
    int Order { get; }

    /// <summary>Renders the channel's section content (HTML; encode every value).</summary>
    /// <param name="context">The page context.</param>
    /// <returns>The HTML.</returns>
    string Render(EdsChannelContext context);
}

/// <summary>What a signing channel needs to render itself.</summary>
/// <param name="Session">The onboarding session.</param>
/// <param name="Challenge">The challenge to sign.</param>
/// <param name="Lang">The page language.</param>
/// <param name="AntiforgeryField">The hidden antiforgery input (HTML) for any form the channel renders.</param>
/// <param name="StepUrl">The EDS step's URL (<c>/onboarding/{id}/eds</c>); channel endpoints live under it.</param>
public sealed record EdsChannelContext(OnboardingSession Session, BorrowerChallenge Challenge, Lang Lang, string AntiforgeryField, string StepUrl)
{
    /// <summary>Gets where a channel that signs in the browser posts the CMS (field <c>cms</c>, base64).</summary>
    public string SignatureUrl => StepUrl + "/signature";
}
