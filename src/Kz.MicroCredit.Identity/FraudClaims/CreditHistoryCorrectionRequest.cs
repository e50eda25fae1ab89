namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>What a credit-history correction request is about.</summary>
/// <remarks><see cref="ToString()"/> masks the IIN.</remarks>
public sealed record CreditHistoryCorrectionRequest
{
    /// <summary>Gets the claim id.</summary>
    public required string ClaimId { get; init; }

    /// <summary>Gets the loan id.</summary>
    public required string LoanId { get; init; }

    /// <summary>Gets the IIN of the person in whose credit history the loan appears. Personal data.</summary>
    public required Iin SubjectIin { get; init; }

    /// <summary>Gets the written-off amount in tenge.</summary>
    public required decimal AmountKzt { get; init; }

    /// <summary>Gets the kind of document that confirmed the fraud.</summary>
    public required FraudConfirmationKind ConfirmationKind { get; init; }

    /// <summary>Gets the step's document (the write-off order).</summary>
    public required DocumentReference Document { get; init; }

    /// <summary>Gets the step's idempotency key.</summary>
    public required string IdempotencyKey { get; init; }
}
