namespace Kz.MicroCredit.Identity.FraudClaims;

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
