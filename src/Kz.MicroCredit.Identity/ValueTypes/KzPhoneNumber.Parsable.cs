namespace Kz.MicroCredit.Identity;

/// <summary>The <see cref="IParsable{TSelf}"/> members, so that ASP.NET Core binds a KzPhoneNumber from a route or query string.</summary>
public readonly partial struct KzPhoneNumber
{
    static KzPhoneNumber IParsable<KzPhoneNumber>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<KzPhoneNumber>.TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? s, IFormatProvider? provider, out KzPhoneNumber result) => TryParse(s, out result);
}
