namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>What a loan-servicing call is about.</summary>
/// <remarks><see cref="ToString()"/> prints ids only.</remarks>
public sealed record LoanServicingRequest
{
    /// <summary>Gets the claim id.</summary>
    public required string ClaimId { get; init; }

    /// <summary>Gets the loan id.</summary>
    public required string LoanId { get; init; }

    /// <summary>Gets the disputed amount in tenge.</summary>
    public required decimal AmountKzt { get; init; }

    /// <summary>Gets the step's idempotency key.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>Gets the document behind the step.</summary>
    public required DocumentReference Document { get; init; }

    /// <summary>Gets who applied the step.</summary>
    public required string Actor { get; init; }
}
