namespace Kz.MicroCredit.Identity.Http;

/// <summary>
/// The resilience settings of one remote service (total timeout, attempt timeout, retries, backoff, circuit breaker),
/// with the same names on every service's options (the <c>Resilience</c> property, configuration key
/// <c>Resilience</c>).
/// </summary>
/// <remarks>
/// Every remote call is built from it the same way, from the outside in: total timeout, retry (exponential backoff with
/// jitter; only failures before the request was sent, or any transient failure of a request that is safe to send
/// twice), circuit breaker, attempt timeout. Each service's options set their own defaults in their constructor;
/// the defaults below are those of a new instance.
/// </remarks>
public sealed class RemoteCallOptions
{
    /// <summary>Gets or sets the budget of one whole call, retries and backoff included.</summary>
    /// <value>The default value is 30 seconds (see each service's options for its own default).</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the timeout of one HTTP attempt.</summary>
    /// <value>The default value is 10 seconds (see each service's options for its own default).</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the maximum number of retries after the first attempt (0: no retry).</summary>
    /// <value>The default value is 2.</value>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Gets or sets the base delay between retries (exponential with jitter).</summary>
    /// <value>The default value is 200 milliseconds.</value>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets the circuit breaker settings.</summary>
    /// <value>The default value is a breaker with its documented defaults.</value>
    public RemoteCallBreakerOptions Breaker { get; set; } = new();
}
