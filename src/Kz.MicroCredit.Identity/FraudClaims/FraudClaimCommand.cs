namespace Kz.MicroCredit.Identity.FraudClaims;

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
