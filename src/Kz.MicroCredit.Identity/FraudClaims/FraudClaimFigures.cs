using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>A count and a total in tenge.</summary>
public sealed class FraudClaimFigures
{
    internal FraudClaimFigures()
    {
    }

    /// <summary>Gets the number of claims.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the total disputed amount in tenge.</summary>
    public decimal AmountKzt { get; private set; }

    /// <summary>
    /// Gets, for written-off figures, how many of them have a confirmed credit-history correction; <see langword="null"/>
    /// elsewhere, or when an entry does not say (CSV input).
    /// </summary>
    public int? CreditHistoryCorrected { get; private set; }

    internal bool CorrectionUnknown { get; private set; }

    internal void Add(decimal amount)
    {
        Count++;
        AmountKzt += amount;
    }

    internal void TrackCorrections() => CreditHistoryCorrected ??= CorrectionUnknown ? null : 0;

    internal void AddCorrection(bool? corrected)
    {
        if (corrected is null)
        {
            CorrectionUnknown = true;
            CreditHistoryCorrected = null;
        }
        else if (!CorrectionUnknown)
        {
            CreditHistoryCorrected = (CreditHistoryCorrected ?? 0) + (corrected.Value ? 1 : 0);
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} / {FraudClaimReport.FormatAmount(AmountKzt)} KZT");
}
