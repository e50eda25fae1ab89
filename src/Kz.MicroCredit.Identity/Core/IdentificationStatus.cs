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
