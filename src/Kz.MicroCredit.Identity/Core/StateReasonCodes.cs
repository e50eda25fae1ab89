namespace Kz.MicroCredit.Identity;

/// <summary>Reason codes of the state stores (challenges, codes, sessions, attempt counters, consents).</summary>
public readonly partial struct ReasonCode
{
    /// <summary>Gets a code: the shared state store could not be reached, timed out or answered something unreadable; the outcome is Indeterminate and nothing was counted.</summary>
    public static ReasonCode StateStoreUnavailable { get; } = new(nameof(StateStoreUnavailable));
}
