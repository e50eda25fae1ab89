namespace OnboardingWeb.Pages;

/// <summary>The borrower-facing languages: Russian (default), Kazakh, English.</summary>
public enum Lang
{
    /// <summary>Русский.</summary>
    Ru = 0,

    /// <summary>Қазақша.</summary>
    Kk = 1,

    /// <summary>English.</summary>
    En = 2,
}

/// <summary>Picks the language: <c>?lang=</c> (kept in a cookie), then the cookie, then Accept-Language, then Russian.</summary>
public static class LangSelection
{
    /// <summary>The cookie that keeps the borrower's choice.</summary>
    public const string CookieName = "lang";

    /// <summary>Gets the BCP 47 code of a language.</summary>
    /// <param name="lang">The language.</param>
    /// <returns><c>ru</c>, <c>kk</c> or <c>en</c>.</returns>
    public static string Code(Lang lang) => lang switch { Lang.Kk => "kk", Lang.En => "en", _ => "ru" };

    /// <summary>Gets the language's own name, for the switch.</summary>
    /// <param name="lang">The language.</param>
    /// <returns>The name.</returns>
    public static string NativeName(Lang lang) => lang switch { Lang.Kk => "Қазақша", Lang.En => "English", _ => "Русский" };

    /// <summary>Reads a language code.</summary>
    /// <param name="code">The code.</param>
    /// <param name="lang">The language.</param>
    /// <returns>Whether the code is one of ours.</returns>
    public static bool TryParse(string? code, out Lang lang)
    {
        switch (code?.Trim().ToUpperInvariant())
        {
            case "RU": lang = Lang.Ru; return true;
            case "KK": lang = Lang.Kk; return true;
            case "EN": lang = Lang.En; return true;
            default: lang = Lang.Ru; return false;
        }
    }

    /// <summary>Resolves the language of a request and remembers an explicit choice in a cookie.</summary>
    /// <param name="http">The request.</param>
    /// <returns>The language.</returns>
    public static Lang Resolve(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (TryParse(http.Request.Query["lang"], out Lang chosen))
        {
            http.Response.Cookies.Append(CookieName, Code(chosen), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
            return chosen;
        }

        if (TryParse(http.Request.Cookies[CookieName], out Lang remembered))
        {
            return remembered;
        }

        foreach (string? value in http.Request.Headers.AcceptLanguage)
        {
            foreach (string part in (value ?? string.Empty).Split(','))
            {
                string tag = part.Split(';')[0].Trim();
                if (TryParse(tag.Length >= 2 ? tag[..2] : tag, out Lang accepted))
                {
                    return accepted;
                }
            }
        }

        return Lang.Ru;
    }
}
