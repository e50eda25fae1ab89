namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>Notifies law enforcement of a claim (a statement, or the answer to a police notice with the lender's materials).</summary>
public interface ILawEnforcementNotifier
{
    /// <summary>Sends the referral.</summary>
    /// <param name="referral">The claim, the step and how the borrower was identified.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task NotifyAsync(LawEnforcementReferral referral, CancellationToken cancellationToken = default);
}
