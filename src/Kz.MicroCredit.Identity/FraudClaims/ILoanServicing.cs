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
