namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>Who told the lender that a loan was taken in someone else's name.</summary>
public enum FraudClaimSource
{
    /// <summary>The person in whose name the loan was taken complained to the lender (CSV <c>citizen</c>).</summary>
    CitizenComplaint = 1,

    /// <summary>A law-enforcement body notified the lender (CSV <c>police</c>).</summary>
    LawEnforcementNotice = 2,
}
