namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>Who told the lender that a loan was taken in someone else's name.</summary>
public enum FraudClaimSource
{
    /// <summary>The person in whose name the loan was taken complained to the lender (CSV <c>citizen</c>).</summary>
    CitizenComplaint = 1,

    /// <summary>A law-enforcement body notified the lender (CSV <c>police</c>).</summary>
    LawEnforcementNotice = 2,
}

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

/// <summary>A step of the fraud-claim workflow.</summary>
public enum FraudClaimCommand
{
    /// <summary>Record a new claim (<see cref="FraudClaimWorkflow.RegisterAsync"/>).</summary>
    Register = 1,

    /// <summary>Suspend accrual, stop collection, block access (<see cref="FraudClaimWorkflow.FreezeAsync"/>).</summary>
    Freeze = 2,

    /// <summary>Refer the claim to law enforcement (<see cref="FraudClaimWorkflow.ReferToLawEnforcementAsync"/>).</summary>
    Refer = 3,

    /// <summary>Record the procedural document or court decision that confirms the fraud (<see cref="FraudClaimWorkflow.ConfirmAsync"/>).</summary>
    Confirm = 4,

    /// <summary>Write the debt off and request the credit-history correction (<see cref="FraudClaimWorkflow.WriteOffAsync"/>).</summary>
    WriteOff = 5,

    /// <summary>Record a bureau's confirmation of the correction (<see cref="FraudClaimWorkflow.ConfirmCreditHistoryCorrectionAsync"/>).</summary>
    ConfirmCreditHistoryCorrection = 6,

    /// <summary>Record that the fraud was not confirmed and resume accrual and collection (<see cref="FraudClaimWorkflow.RecordNotConfirmedAsync"/>).</summary>
    RecordNotConfirmed = 7,
}

/// <summary>The kind of document that confirms a fraud.</summary>
public enum FraudConfirmationKind
{
    /// <summary>A resolution recognising the claimant as a victim (Criminal Procedure Code of the RK, art. 71).</summary>
    VictimRecognition = 1,

    /// <summary>A representation of the investigator or prosecutor on eliminating the circumstances that enabled the offence (CPC art. 200).</summary>
    Representation = 2,

    /// <summary>A court decision.</summary>
    CourtDecision = 3,
}

/// <summary>The credit bureaus of Kazakhstan a lender reports to; a set of flags.</summary>
[Flags]
public enum CreditBureaus
{
    /// <summary>No bureau.</summary>
    None = 0,

    /// <summary>First Credit Bureau (ПКБ).</summary>
    FirstCreditBureau = 1,

    /// <summary>State Credit Bureau (ГКБ).</summary>
    StateCreditBureau = 2,
}
