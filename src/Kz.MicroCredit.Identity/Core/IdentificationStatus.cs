namespace Kz.MicroCredit.Identity;

/// <summary>The outcome of an identification or of one method.</summary>
public enum IdentificationStatus
{
    /// <summary>Not established: an error, a timeout, an unknown or unverifiable answer. Never treat it as verified.</summary>
    Indeterminate = 0,

    /// <summary>The borrower is identified.</summary>
    Verified = 1,

    /// <summary>The evidence was checked and does not identify the borrower.</summary>
    Rejected = 2,

    /// <summary>Method outcomes only: the request carries no evidence for this method, so it was not run.</summary>
    NotApplicable = 3,
}

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
