namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>
/// The lender's loan-servicing system. Each call carries the step's idempotency key: the workflow records a step only
/// after its port calls succeed, so after a fault a retry may call again, and the lender's side must treat a repeated
/// key as done.
/// </summary>
public interface ILoanServicing
{
    /// <summary>Suspends interest (and penalty) accrual on the loan.</summary>
    /// <param name="request">The loan and step.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task SuspendInterestAccrualAsync(LoanServicingRequest request, CancellationToken cancellationToken = default);

    /// <summary>Resumes interest accrual after the fraud was not confirmed.</summary>
    /// <param name="request">The loan and step.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task ResumeInterestAccrualAsync(LoanServicingRequest request, CancellationToken cancellationToken = default);

    /// <summary>Stops collection and claims work (including collection agencies) on the loan.</summary>
    /// <param name="request">The loan and step.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task StopCollectionAsync(LoanServicingRequest request, CancellationToken cancellationToken = default);

    /// <summary>Resumes collection after the fraud was not confirmed.</summary>
    /// <param name="request">The loan and step.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task ResumeCollectionAsync(LoanServicingRequest request, CancellationToken cancellationToken = default);

    /// <summary>Blocks access to the borrower account the loan was taken from.</summary>
    /// <param name="request">The loan and step.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task BlockAccessAsync(LoanServicingRequest request, CancellationToken cancellationToken = default);

    /// <summary>Writes the debt off.</summary>
    /// <param name="request">The loan and step.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task WriteOffAsync(LoanServicingRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Credit-history corrections at the credit bureaus; which bureaus are asked is <see cref="FraudClaimOptions.CreditBureaus"/>.</summary>
public interface ICreditBureauCorrections
{
    /// <summary>Asks one bureau to remove the loan from the claimant's credit history (or mark it as fraudulent).</summary>
    /// <param name="bureau">Exactly one bureau.</param>
    /// <param name="request">The claim and step.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task RequestCorrectionAsync(CreditBureaus bureau, CreditHistoryCorrectionRequest request, CancellationToken cancellationToken = default);
}

/// <summary>Notifies law enforcement of a claim (a statement, or the answer to a police notice with the lender's materials).</summary>
public interface ILawEnforcementNotifier
{
    /// <summary>Sends the referral.</summary>
    /// <param name="referral">The claim, the step and how the borrower was identified.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task NotifyAsync(LawEnforcementReferral referral, CancellationToken cancellationToken = default);
}

/// <summary>The append-only store of claim events, with optimistic concurrency.</summary>
public interface IFraudClaimStore
{
    /// <summary>Reads a claim's events, oldest first; empty when the claim does not exist.</summary>
    /// <param name="claimId">The claim id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The events.</returns>
    Task<IReadOnlyList<FraudClaimEvent>> ReadAsync(string claimId, CancellationToken cancellationToken = default);

    /// <summary>Appends one event if the claim still has <paramref name="expectedVersion"/> events.</summary>
    /// <param name="claimId">The claim id.</param>
    /// <param name="expectedVersion">The number of events the writer read (0 for a new claim).</param>
    /// <param name="claimEvent">The event; its sequence is <paramref name="expectedVersion"/> + 1.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    /// <exception cref="FraudClaimConcurrencyException">The claim has another number of events.</exception>
    Task AppendAsync(string claimId, long expectedVersion, FraudClaimEvent claimEvent, CancellationToken cancellationToken = default);

    /// <summary>Lists the ids of all claims (for reports and overdue scans).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The ids.</returns>
    Task<IReadOnlyList<string>> ListClaimIdsAsync(CancellationToken cancellationToken = default);
}

/// <summary>Finds the identification evidence report filed for a loan (see <see cref="EvidenceReport.CorrelationId"/>).</summary>
public interface IIdentificationEvidenceLookup
{
    /// <summary>Finds the report.</summary>
    /// <param name="correlationId">The correlation id the identification ran under.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The report, or <see langword="null"/> when none is on file.</returns>
    Task<EvidenceReport?> FindByCorrelationIdAsync(string correlationId, CancellationToken cancellationToken = default);
}

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
