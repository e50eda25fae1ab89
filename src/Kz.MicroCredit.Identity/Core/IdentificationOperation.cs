namespace Kz.MicroCredit.Identity;

/// <summary>The operation a borrower identifies themself for; policies may differ per operation.</summary>
public enum IdentificationOperation
{
    /// <summary>Registering on the lender's platform.</summary>
    Registration = 1,

    /// <summary>Signing a microcredit agreement.</summary>
    AgreementSigning = 2,

    /// <summary>Changing the phone number on file.</summary>
    PhoneNumberChange = 3,

    /// <summary>Changing the IBAN or card for payouts.</summary>
    IbanChange = 4,

    /// <summary>Paying the microcredit out.</summary>
    Payout = 5,
}
