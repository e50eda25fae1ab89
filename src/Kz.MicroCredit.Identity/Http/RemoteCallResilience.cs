using Kz.MicroCredit.Identity.Diagnostics;
using System.Net.Http;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity.Http;

/// <summary>The one shape of every outbound call pipeline of the SDK (CEID, SmartBridge, liveness provider, OCSP, CRL, TSA).</summary>
/// <remarks>
/// Strategies are added outermost first:
/// <list type="number">
/// <item><description>a total timeout, so retries and backoff can never exceed the caller's budget;</description></item>
/// <item><description>a retry (exponential backoff with jitter) that retries a request only when sending it twice
/// is harmless: always when it failed before any byte could reach the service (connection refused, DNS failure), and
/// on other transient failures only when the request is idempotent. Most of these calls are POSTs, which are not
/// idempotent: a POST that timed out or got a 5xx may already have been processed (an SMS sent, a consent created, a
/// paid biometric match counted), so blindly retrying it could repeat its effect;</description></item>
/// <item><description>a circuit breaker inside the retry, so every attempt counts and an open breaker fails fast
/// instead of being retried;</description></item>
/// <item><description>a per-attempt timeout innermost, so one hung attempt becomes a
/// <see cref="TimeoutRejectedException"/> the breaker (and, for idempotent requests, the retry) can see.</description></item>
/// </list>
/// </remarks>
internal static class RemoteCallResilience
{
    /// <summary>Adds the total timeout, retry, circuit breaker and per-attempt timeout, in that order.</summary>
    /// <param name="pipeline">The pipeline builder.</param>
    /// <param name="settings">The settings.</param>
    /// <returns>The builder.</returns>
    public static ResiliencePipelineBuilder<HttpResponseMessage> AddStrategies(this ResiliencePipelineBuilder<HttpResponseMessage> pipeline, RemoteCallResilienceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.TimeProvider is not null)
        {
            pipeline.TimeProvider = settings.TimeProvider;
        }

        RemoteCallOptions options = settings.Options;
        RemoteCallStrategyNames? names = settings.Names;
        pipeline.AddTimeout(Timeout(options.TotalTimeout, names?.Total));
        if (options.MaxRetryAttempts > 0)
        {
            var retry = new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBackoff,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(settings, args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome, settings.TimeProvider)),
                OnRetry = settings.OnRetry,
            };
            if (names?.Retry is { } retryName)
            {
                retry.Name = retryName;
            }

            pipeline.AddRetry(retry);
        }

        var breaker = new CircuitBreakerStrategyOptions<HttpResponseMessage>
        {
            FailureRatio = options.Breaker.FailureRatio,
            MinimumThroughput = options.Breaker.MinimumThroughput,
            SamplingDuration = options.Breaker.SamplingDuration,
            BreakDuration = options.Breaker.BreakDuration,
            ShouldHandle = args =>
            {
                bool failed = settings.BreakerFailure(args.Outcome);
                if (failed)
                {
                    IdentificationDiagnostics.ExternalCallFailures.Add(1, new KeyValuePair<string, object?>("kzid.service", settings.Service));
                }

                return ValueTask.FromResult(failed);
            },
            OnOpened = _ =>
            {
                IdentificationDiagnostics.BreakerOpened.Add(1, new KeyValuePair<string, object?>("kzid.service", settings.Service));
                return ValueTask.CompletedTask;
            },
        };
        if (names?.Breaker is { } breakerName)
        {
            breaker.Name = breakerName;
        }

        pipeline.AddCircuitBreaker(breaker);
        pipeline.AddTimeout(Timeout(options.AttemptTimeout, names?.Attempt));
        return pipeline;
    }

    /// <summary>Whether an attempt is retried: it failed before sending, or it is idempotent and failed transiently.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="outcome">The attempt's outcome.</param>
    /// <param name="context">The execution context (carries the request).</param>
    /// <returns><see langword="true"/> to retry.</returns>
    internal static bool ShouldRetry(RemoteCallResilienceSettings settings, Outcome<HttpResponseMessage> outcome, ResilienceContext context) =>
        settings.FailedBeforeSending(outcome.Exception)
        || (settings.IsIdempotent is { } isIdempotent && isIdempotent(context) && IsTransientFailure(outcome)
            && !(RetryAfter(outcome, settings.TimeProvider) is { } wait && wait >= settings.Options.TotalTimeout));

    /// <summary>
    /// The wait a 429 or 503 asks for in its Retry-After header (delta seconds or an HTTP date), or <see langword="null"/>
    /// for the exponential backoff. A wait that cannot fit in the total budget is not retried at all (fail fast rather
    /// than sleep into the total timeout); the total timeout still bounds everything else.
    /// </summary>
    /// <param name="outcome">The attempt's outcome.</param>
    /// <param name="time">The clock for HTTP-date values (<see langword="null"/>: the system clock).</param>
    /// <returns>The wait, or <see langword="null"/>.</returns>
    internal static TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome, TimeProvider? time)
    {
        if (outcome.Result is not { } response || response.StatusCode is not (System.Net.HttpStatusCode.TooManyRequests or System.Net.HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        System.Net.Http.Headers.RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            TimeSpan wait = date - (time ?? TimeProvider.System).GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>A request certainly never reached the service (connection refused, DNS failure): safe to send again.</summary>
    /// <param name="exception">The attempt's exception, if any.</param>
    /// <returns><see langword="true"/> when the failure happened before sending.</returns>
    internal static bool FailedBeforeSending(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    /// <summary>A transient HTTP failure: <see cref="HttpRequestException"/>, <see cref="TimeoutRejectedException"/>, 408, 429 or 5xx.</summary>
    /// <param name="outcome">The attempt's outcome.</param>
    /// <returns><see langword="true"/> when transient.</returns>
    internal static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome) => HttpClientResiliencePredicates.IsTransient(outcome);

    private static TimeoutStrategyOptions Timeout(TimeSpan timeout, string? name)
    {
        var options = new TimeoutStrategyOptions { Timeout = timeout };
        if (name is not null)
        {
            options.Name = name;
        }

        return options;
    }
}
