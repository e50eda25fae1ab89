namespace Kz.MicroCredit.Identity.Http;

/// <summary>The circuit breaker of one remote service (<see cref="RemoteCallOptions.Breaker"/>).</summary>
public sealed class RemoteCallBreakerOptions
{
    /// <summary>Gets or sets the failure ratio in the sampling window that opens the breaker.</summary>
    /// <value>The default value is 0.5.</value>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the minimum number of calls in the sampling window before the breaker can open.</summary>
    /// <value>The default value is 10.</value>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets the breaker's sampling window.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long the breaker stays open.</summary>
    /// <value>The default value is 30 seconds (see each service's options for its own default).</value>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
