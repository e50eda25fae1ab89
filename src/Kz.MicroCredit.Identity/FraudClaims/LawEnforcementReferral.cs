namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>What the lender sends to law enforcement.</summary>
/// <remarks><see cref="ToString()"/> masks the IIN.</remarks>
public sealed record LawEnforcementReferral
{
    /// <summary>Gets the claim id.</summary>
    public required string ClaimId { get; init; }

    /// <summary>Gets the registration: loan, claimant, amount, source and receipt time.</summary>
    public required FraudClaimRegistration Registration { get; init; }

    /// <summary>Gets how the borrower was identified when the loan was issued.</summary>
    public required ClaimIdentificationSummary Identification { get; init; }

    /// <summary>Gets the step's document (the lender's letter or statement).</summary>
    public required DocumentReference Document { get; init; }

    /// <summary>Gets the step's idempotency key.</summary>
    public required string IdempotencyKey { get; init; }
}
