namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>What went wrong in a provider call.</summary>
public enum LivenessProviderErrorKind
{
    /// <summary>Unreachable, timed out, 5xx, reset, circuit open.</summary>
    Unavailable = 0,

    /// <summary>An answer that breaks the contract (garbage, missing fields, unknown status).</summary>
    Protocol = 1,
}
