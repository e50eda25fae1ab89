namespace Kz.MicroCredit.Identity.FraudClaims;

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
