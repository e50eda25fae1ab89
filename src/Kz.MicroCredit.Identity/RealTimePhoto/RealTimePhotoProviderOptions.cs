using Kz.MicroCredit.Identity.Http;
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

    /// <summary>
    /// Gets or sets the resilience of every call to the provider (configuration key <c>Resilience</c>): total timeout,
    /// attempt timeout, retries of idempotent or unsent requests, backoff and circuit breaker.
    /// </summary>
    /// <value>
    /// The default value is a 30-second total timeout, a 10-second attempt timeout, 2 retries with a 500-millisecond
    /// backoff, and a breaker opening at a 0.5 failure ratio over at least 10 calls in 30 seconds, open for 30 seconds.
    /// </value>
    public RemoteCallOptions Resilience { get; set; } = new() { RetryBackoff = TimeSpan.FromMilliseconds(500) };

    /// <summary>Gets or sets the largest answer read.</summary>
    /// <value>The default value is 1 MiB.</value>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;
}
