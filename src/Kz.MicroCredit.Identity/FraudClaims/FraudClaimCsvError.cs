using System.Globalization;
using System.Text;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>A problem in the claims CSV; the text names the column and the rule, never the offending value.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Column">The column, or <see langword="null"/> for the whole line.</param>
/// <param name="Problem">What is wrong.</param>
internal sealed record FraudClaimCsvError(int Line, string? Column, string Problem)
{
    /// <inheritdoc />
    public override string ToString() => Column is null
        ? string.Create(CultureInfo.InvariantCulture, $"line {Line}: {Problem}")
        : string.Create(CultureInfo.InvariantCulture, $"line {Line}: {Column} {Problem}");
}
