namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>Where a fraud claim stands in the workflow; see <see cref="FraudClaimTransitions"/> for the legal moves.</summary>
public enum FraudClaimState
{
    /// <summary>The claim is recorded; nothing has been done to the loan yet.</summary>
    Registered = 1,

    /// <summary>Interest accrual is suspended, collection and claims work are stopped and access to the account is blocked.</summary>
    Frozen = 2,

    /// <summary>The lender has referred the claim to law enforcement and waits for a procedural document or a court decision.</summary>
    Referred = 3,

    /// <summary>A procedural document (CPC art. 71 victim recognition, art. 200 representation) or a court decision confirms the fraud.</summary>
    Confirmed = 4,

    /// <summary>The debt is written off and a credit-history correction is requested from the configured bureau(s).</summary>
    WrittenOff = 5,

    /// <summary>Every bureau asked has confirmed the credit-history correction. Final.</summary>
    CreditHistoryCorrected = 6,

    /// <summary>Law enforcement or a court did not confirm the fraud; accrual and collection resumed. Final.</summary>
    NotConfirmed = 7,
}
