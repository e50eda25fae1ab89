namespace Kz.MicroCredit.Identity;

/// <summary>The <see cref="IParsable{TSelf}"/> members, so that ASP.NET Core binds a Bin from a route or query string.</summary>
public readonly partial struct Bin
{
    static Bin IParsable<Bin>.Parse(string s, IFormatProvider? provider) => Parse(s);

    static bool IParsable<Bin>.TryParse([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? s, IFormatProvider? provider, out Bin result) => TryParse(s, out result);
}
