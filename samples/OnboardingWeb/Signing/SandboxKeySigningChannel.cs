using OnboardingWeb.Pages;
using static OnboardingWeb.Pages.Html;

namespace OnboardingWeb.Signing;

/// <summary>The sandbox channel: the server signs as the borrower with the test key the sandbox issued to the IIN.</summary>
public sealed class SandboxKeySigningChannel : IEdsSigningChannel
{
    /// <inheritdoc />
    public string Id => "sandbox-key";

    /// <inheritdoc />
    public int Order => 10;

    /// <inheritdoc />
    public string Render(EdsChannelContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Lang lang = context.Lang;
        return $"""
            <h3>{E(Texts.Get("eds.channel.sandbox", lang))}</h3>
            <p class="hint">{E(Texts.Get("eds.sandbox.hint", lang))}</p>
            <form method="post" action="{E(context.StepUrl + "/sandbox")}">
            {context.AntiforgeryField}
            <button type="submit" id="sign-sandbox" class="primary">{E(Texts.Get("eds.sandbox.sign", lang))}</button>
            </form>
            """;
    }
}
