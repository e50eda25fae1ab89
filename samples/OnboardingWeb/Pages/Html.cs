using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;

namespace OnboardingWeb.Pages;

/// <summary>The page layout and HTML helpers. Every value that is not a fixed text of ours goes through <see cref="E"/>.</summary>
public static class Html
{
    // All ranges: Cyrillic and Kazakh letters stay readable in the page source instead of becoming entities.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Encodes text for HTML content and attribute values.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The encoded text.</returns>
    public static string E(string? text) => Encoder.Encode(text ?? string.Empty);

    /// <summary>Gets the hidden antiforgery field for a form.</summary>
    /// <param name="http">The request.</param>
    /// <returns>The HTML of the hidden input.</returns>
    public static string AntiforgeryField(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        AntiforgeryTokenSet tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    /// <summary>Renders a whole borrower-facing page.</summary>
    /// <param name="http">The request.</param>
    /// <param name="lang">The language.</param>
    /// <param name="title">The page title (plain text).</param>
    /// <param name="body">The main content (HTML).</param>
    /// <param name="sandbox">Whether to show the sandbox banner.</param>
    /// <param name="step">The step number, or 0 for none.</param>
    /// <param name="steps">How many steps the flow has.</param>
    /// <param name="script">A script under /assets to load, or <see langword="null"/>.</param>
    /// <returns>The page as an HTML result.</returns>
    public static IResult Page(HttpContext http, Lang lang, string title, string body, bool sandbox, int step = 0, int steps = 5, string? script = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var html = new StringBuilder(4096);
        string code = LangSelection.Code(lang);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(code).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append(" · ").Append(E(Texts.Get("app.lender", lang))).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"/assets/site.css\">\n");
        if (script is not null)
        {
            html.Append("<script src=\"/assets/").Append(E(script)).Append("\" defer></script>\n");
        }

        html.Append("</head>\n<body>\n<header class=\"top\">\n<p class=\"brand\">").Append(E(Texts.Get("app.lender", lang))).Append("</p>\n")
            .Append("<nav class=\"langs\" aria-label=\"").Append(E(Texts.Get("lang.label", lang))).Append("\"><ul>");
        foreach (Lang other in Enum.GetValues<Lang>())
        {
            string otherCode = LangSelection.Code(other);
            html.Append("<li><a href=\"").Append(E(http.Request.Path + "?lang=" + otherCode)).Append("\" lang=\"").Append(otherCode).Append("\" hreflang=\"").Append(otherCode).Append('"');
            if (other == lang)
            {
                html.Append(" aria-current=\"true\"");
            }

            html.Append('>').Append(E(LangSelection.NativeName(other))).Append("</a></li>");
        }

        html.Append("</ul></nav>\n");
        if (sandbox)
        {
            html.Append("<p class=\"sandbox-banner\" role=\"note\">").Append(E(Texts.Get("sandbox.banner", lang))).Append("</p>\n");
        }

        html.Append("</header>\n");

        html.Append("<main id=\"main\">\n");
        if (step > 0)
        {
            html.Append("<p class=\"step\">").Append(E(Texts.Format("step", lang, step, steps))).Append("</p>\n")
                .Append("<div class=\"progress\" aria-hidden=\"true\"><div style=\"width:").Append(step * 100 / steps).Append("%\"></div></div>\n");
        }

        html.Append("<h1>").Append(E(title)).Append("</h1>\n").Append(body).Append("\n</main>\n")
            .Append("<footer><p>").Append(E(Texts.Get("footer", lang))).Append("</p></footer>\n</body>\n</html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8);
    }
}
