using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>One claim as the regulator's report sees it: a row of the CSV, or a claim from the store.</summary>
/// <remarks><see cref="ToString()"/> prints ids only.</remarks>
public sealed record FraudClaimReportEntry
{
    /// <summary>Gets the claim id.</summary>
    public required string ClaimId { get; init; }

    /// <summary>Gets the loan id.</summary>
    public required string LoanId { get; init; }

    /// <summary>Gets who raised the claim.</summary>
    public required FraudClaimSource Source { get; init; }

    /// <summary>Gets the disputed amount in tenge.</summary>
    public required decimal AmountKzt { get; init; }

    /// <summary>Gets when the claim was received; the report's period filters on its calendar date.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Gets the state.</summary>
    public required FraudClaimState State { get; init; }

    /// <summary>
    /// Gets whether the credit history was corrected: <see langword="true"/>/<see langword="false"/> when known (claims
    /// from the store), <see langword="null"/> when the source does not say (the CSV's <c>written_off</c>).
    /// </summary>
    public bool? CreditHistoryCorrected { get; init; }

    /// <summary>Gets how the borrower was identified, when known.</summary>
    public ClaimIdentificationSummary? Identification { get; init; }

    /// <summary>Makes the entry of a stored claim.</summary>
    /// <param name="claim">The claim.</param>
    /// <param name="identification">Its identification summary, when looked up.</param>
    /// <returns>The entry.</returns>
    public static FraudClaimReportEntry FromClaim(FraudClaim claim, ClaimIdentificationSummary? identification = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return new FraudClaimReportEntry
        {
            ClaimId = claim.ClaimId,
            LoanId = claim.Registration.LoanId,
            Source = claim.Registration.Source,
            AmountKzt = claim.Registration.AmountKzt,
            ReceivedAt = claim.Registration.ReceivedAt,
            State = claim.State,
            CreditHistoryCorrected = claim.State == FraudClaimState.CreditHistoryCorrected,
            Identification = identification,
        };
    }
}
