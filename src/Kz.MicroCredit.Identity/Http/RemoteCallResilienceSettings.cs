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
    /// <summary>Gets the lender's settings (timeouts, retries, backoff, breaker); the pipeline is built from them only.</summary>
    public required RemoteCallOptions Options { get; init; }

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

    /// <summary>Gets an optional callback run before each retry (logging).</summary>
    public Func<OnRetryArguments<HttpResponseMessage>, ValueTask>? OnRetry { get; init; }

    /// <summary>Gets the clock for timeouts, delays and the breaker; <see langword="null"/> leaves the builder's clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Gets the service name on the failure and breaker-open counters (<c>ceid</c>, <c>smartbridge</c>, <c>liveness</c>).</summary>
    public string Service { get; init; } = "unknown";

    /// <summary>Gets the strategy names (telemetry); <see langword="null"/> keeps Polly's defaults.</summary>
    public RemoteCallStrategyNames? Names { get; init; }
}
