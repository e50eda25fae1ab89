namespace Kz.MicroCredit.Identity;

/// <summary>The <see cref="IParsable{TSelf}"/> members, so that ASP.NET Core binds a Iin from a route or query string.</summary>
public readonly partial struct Iin
{
    static Iin IParsable<Iin>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<Iin>.TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? s, IFormatProvider? provider, out Iin result) => TryParse(s, out result);
}
