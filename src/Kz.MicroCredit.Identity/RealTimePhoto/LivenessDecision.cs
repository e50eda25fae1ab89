namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>The provider's decision on a liveness session (tri-state plus pending).</summary>
public enum LivenessDecision
{
    /// <summary>The borrower has not finished (or the result is not ready).</summary>
    Pending = 0,

    /// <summary>Live person who performed the commands.</summary>
    Approved = 1,

    /// <summary>Final negative: no further attempt in this session.</summary>
    RejectedFinal = 2,

    /// <summary>This attempt failed; the borrower may try again in the same session while attempts remain.</summary>
    Retry = 3,
}
