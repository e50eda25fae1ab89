using System.Collections.Concurrent;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>What a webhook did to the cached result of a session.</summary>
internal enum LivenessWebhookOutcome
{
    /// <summary>Verified and applied (the newest event of its session).</summary>
    Accepted = 0,

    /// <summary>Verified, but this event id was processed before (a repeat); nothing changed.</summary>
    Duplicate = 1,

    /// <summary>Verified, but older than the event already applied (out of order), or after a final result; nothing changed.</summary>
    Stale = 2,

    /// <summary>The signature is missing or wrong.</summary>
    InvalidSignature = 3,

    /// <summary>The signed timestamp is outside the window (a late or replayed delivery).</summary>
    TimestampOutOfWindow = 4,

    /// <summary>The body is not a valid event.</summary>
    Malformed = 5,

    /// <summary>Verified, but a second final result contradicts the first; the session is now Indeterminate.</summary>
    Conflict = 6,

    /// <summary>Verified, but the result store could not be reached; nothing changed and the provider should deliver it again.</summary>
    StoreUnavailable = 7,
}
