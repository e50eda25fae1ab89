namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>Where an eGov mobile signing session stands.</summary>
public enum EGovMobileSessionState
{
    /// <summary>Waiting for the phone's signed answer.</summary>
    Pending,

    /// <summary>The phone answered a signature the <c>nca-eds</c> engine accepted; the signature is kept for identification.</summary>
    Accepted,

    /// <summary>The phone answered a signature the engine rejected (e.g. another IIN); nothing was kept but the reasons.</summary>
    Rejected,

    /// <summary>No answer arrived before the session expired.</summary>
    Expired,
}
