namespace Kz.MicroCredit.Identity.Http;

/// <summary>
/// The one validation of <see cref="RemoteCallOptions"/>, called by every service's options validator with the
/// option path (e.g. <c>Resilience</c>). Messages name the path, never a value.
/// </summary>
internal static class RemoteCallOptionsValidator
{
    /// <summary>The largest number of retries accepted.</summary>
    internal const int MaxRetries = 10;

    /// <summary>Adds one message per invalid setting.</summary>
    /// <param name="options">The settings (<see langword="null"/> is an error).</param>
    /// <param name="path">The option path, e.g. <c>Resilience</c>.</param>
    /// <param name="errors">The list the messages are added to.</param>
    public static void Validate(RemoteCallOptions? options, string path, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (options is null)
        {
            errors.Add(path + " is required.");
            return;
        }

        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            errors.Add(path + ":AttemptTimeout must be positive.");
        }

        if (options.TotalTimeout <= TimeSpan.Zero || options.TotalTimeout < options.AttemptTimeout)
        {
            errors.Add(path + ":TotalTimeout must be positive and at least " + path + ":AttemptTimeout.");
        }

        if (options.MaxRetryAttempts is < 0 or > MaxRetries)
        {
            errors.Add(path + ":MaxRetryAttempts must be 0..10.");
        }

        if (options.RetryBackoff < TimeSpan.Zero)
        {
            errors.Add(path + ":RetryBackoff must not be negative.");
        }

        RemoteCallBreakerOptions? breaker = options.Breaker;
        if (breaker is null)
        {
            errors.Add(path + ":Breaker is required.");
            return;
        }

        if (breaker.FailureRatio is not (> 0 and <= 1))
        {
            errors.Add(path + ":Breaker:FailureRatio must be in (0, 1].");
        }

        if (breaker.MinimumThroughput < 2)
        {
            errors.Add(path + ":Breaker:MinimumThroughput must be at least 2.");
        }

        if (breaker.SamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add(path + ":Breaker:SamplingDuration must be at least 0.5 s.");
        }

        if (breaker.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add(path + ":Breaker:BreakDuration must be at least 0.5 s.");
        }
    }
}
