using System.Net.Http;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity.Http;

/// <summary>The settings of one outbound pipeline built by <see cref="RemoteCallResilience.AddStrategies"/>.</summary>
internal sealed record RemoteCallResilienceSettings
{
    /// <summary>Gets the budget for the whole call, retries and backoff included.</summary>
    public required TimeSpan TotalTimeout { get; init; }

    /// <summary>Gets the timeout of one attempt.</summary>
    public required TimeSpan AttemptTimeout { get; init; }

    /// <summary>Gets the number of retries (0: no retry strategy is added).</summary>
    public int MaxRetryAttempts { get; init; }

    /// <summary>Gets the base delay of the exponential, jittered backoff.</summary>
    public required TimeSpan RetryBaseDelay { get; init; }

    /// <summary>
    /// Gets whether the request of an attempt may safely be sent twice (a GET, or a POST the service deduplicates by an
    /// idempotency key); such requests are retried on any <see cref="RemoteCallResilience.IsTransientFailure"/>.
    /// <see langword="null"/> means no request is idempotent: only failures before sending are retried.
    /// </summary>
    public Func<ResilienceContext, bool>? IsIdempotent { get; init; }

    /// <summary>Gets the test that a failure happened before the request could reach the service (always retried).</summary>
    public Func<Exception?, bool> FailedBeforeSending { get; init; } = RemoteCallResilience.FailedBeforeSending;

    /// <summary>Gets what the circuit breaker counts as a failure.</summary>
    public Func<Outcome<HttpResponseMessage>, bool> BreakerFailure { get; init; } = RemoteCallResilience.IsTransientFailure;

    /// <summary>Gets the failure ratio that opens the breaker.</summary>
    public required double BreakerFailureRatio { get; init; }

    /// <summary>Gets the minimum number of calls in the sampling window before the breaker may open.</summary>
    public required int BreakerMinimumThroughput { get; init; }

    /// <summary>Gets the breaker's sampling window.</summary>
    public required TimeSpan BreakerSamplingDuration { get; init; }

    /// <summary>Gets how long the breaker stays open.</summary>
    public required TimeSpan BreakerBreakDuration { get; init; }

    /// <summary>Gets an optional callback run before each retry (logging).</summary>
    public Func<OnRetryArguments<HttpResponseMessage>, ValueTask>? OnRetry { get; init; }

    /// <summary>Gets the clock for timeouts, delays and the breaker; <see langword="null"/> leaves the builder's clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Gets the strategy names (telemetry); <see langword="null"/> keeps Polly's defaults.</summary>
    public RemoteCallStrategyNames? Names { get; init; }
}
