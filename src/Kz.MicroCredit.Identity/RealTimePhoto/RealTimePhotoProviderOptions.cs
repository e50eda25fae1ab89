using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>Options of the reference HTTP liveness/face-match adapter and its webhook verification.</summary>
/// <remarks>Resilience pipeline, outermost first: total timeout → retry (idempotent or unsent requests only, exponential with jitter) → circuit breaker → attempt timeout.</remarks>
public sealed class RealTimePhotoProviderOptions
{
    /// <summary>Gets or sets the provider name written into the evidence.</summary>
    /// <value>The default value is <c>reference-http</c>.</value>
    public string Name { get; set; } = "reference-http";

    /// <summary>Gets or sets the provider's API base address (https, or http on loopback only).</summary>
    /// <value>The default value is <see langword="null"/>: required when the reference adapter is used.</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the API key sent as a bearer token. A secret: bind it from a secret store.</summary>
    /// <value>The default value is <see langword="null"/>: no Authorization header.</value>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the webhook HMAC-SHA-256 secret (at least 32 bytes). Without it every webhook is refused.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public byte[]? WebhookSecret { get; set; }

    /// <summary>Gets or sets how far a webhook's signed timestamp may be from now.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the timeout of one attempt.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the budget of one call including retries.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many times an idempotent or unsent request is retried.</summary>
    /// <value>The default value is 2; allowed 0 to 5.</value>
    public int MaxRetryAttempts { get; set; } = 2;

    /// <summary>Gets or sets the base delay of the exponential retry back-off (with jitter).</summary>
    /// <value>The default value is 500 milliseconds.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets the failure ratio that opens the circuit.</summary>
    /// <value>The default value is 0.5.</value>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the minimum calls in the sampling window before the circuit may open.</summary>
    /// <value>The default value is 10.</value>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets how long the circuit stays open.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the largest answer read.</summary>
    /// <value>The default value is 1 MiB.</value>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;
}
