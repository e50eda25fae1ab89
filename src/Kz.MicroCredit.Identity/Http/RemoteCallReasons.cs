namespace Kz.MicroCredit.Identity.Http;

/// <summary>
/// The one mapping from a failed <see cref="RemoteCallResult{T}"/> to a service's reason codes. Each client declares
/// its codes once (unavailable, protocol error, and optionally timeout, open breaker and per-status codes); every
/// failure token is mapped by the same rules, so CEID, SmartBridge and the liveness vendor fail the same way.
/// </summary>
internal sealed class RemoteCallReasons
{
    /// <summary>Gets the codes of a service that could not be reached, or answered with a transient error.</summary>
    public required IReadOnlyList<ReasonCode> Unavailable { get; init; }

    /// <summary>Gets the codes of an answer that broke the protocol (too large, redirect, malformed, wrong type, empty).</summary>
    public required IReadOnlyList<ReasonCode> Protocol { get; init; }

    /// <summary>Gets the codes of an expired attempt or total timeout; <see cref="Unavailable"/> when not set.</summary>
    public IReadOnlyList<ReasonCode>? Timeout { get; init; }

    /// <summary>Gets the codes of an open circuit breaker; <see cref="Unavailable"/> when not set.</summary>
    public IReadOnlyList<ReasonCode>? CircuitOpen { get; init; }

    /// <summary>Gets the codes of an HTTP status the client did not accept; when not set, 5xx, 408 and 429 are
    /// <see cref="Unavailable"/> and any other status is <see cref="Protocol"/>.</summary>
    public Func<int, IReadOnlyList<ReasonCode>>? ForStatus { get; init; }

    /// <summary>Maps a failed call to reason codes (never empty).</summary>
    /// <typeparam name="T">The value type of the call.</typeparam>
    /// <param name="failure">The failed call.</param>
    /// <returns>The reason codes.</returns>
    public IReadOnlyList<ReasonCode> For<T>(in RemoteCallResult<T> failure)
    {
        if (failure.Succeeded)
        {
            throw new ArgumentException("A successful call has no failure reasons.", nameof(failure));
        }

        return failure.Reason switch
        {
            RemoteCallResult<T>.Timeout => Timeout ?? Unavailable,
            RemoteCallResult<T>.CircuitOpen => CircuitOpen ?? Unavailable,
            RemoteCallResult<T>.Connection => Unavailable,
            { } reason when reason.StartsWith("http-", StringComparison.Ordinal) && failure.HttpStatus is int status => StatusReasons(status),
            _ => Protocol, // too-large, redirect, malformed, content-type, empty, and anything unknown: fail closed, never Verified
        };
    }

    private IReadOnlyList<ReasonCode> StatusReasons(int status) =>
        ForStatus is not null ? ForStatus(status) : status >= 500 || status is 408 or 429 ? Unavailable : Protocol;
}
