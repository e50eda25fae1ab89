namespace Kz.MicroCredit.Identity;

/// <summary>Reason codes of the fraud-claim workflow (why a claim was not confirmed).</summary>
public readonly partial struct ReasonCode
{
    /// <summary>Gets a code: law enforcement refused to open a criminal case on the claim.</summary>
    public static ReasonCode FraudCaseRefused { get; } = new(nameof(FraudCaseRefused));

    /// <summary>Gets a code: the criminal case was terminated without establishing fraud against the claimant.</summary>
    public static ReasonCode FraudCaseTerminated { get; } = new(nameof(FraudCaseTerminated));

    /// <summary>Gets a code: a court found that the claimant took the loan.</summary>
    public static ReasonCode FraudRejectedByCourt { get; } = new(nameof(FraudRejectedByCourt));

    /// <summary>Gets a code: the claimant withdrew the claim.</summary>
    public static ReasonCode FraudClaimWithdrawn { get; } = new(nameof(FraudClaimWithdrawn));
}
