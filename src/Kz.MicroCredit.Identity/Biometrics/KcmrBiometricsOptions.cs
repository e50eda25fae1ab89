using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>Options of the KCMR CEID biometrics client and method (<c>kcmr-biometrics</c>).</summary>
/// <remarks>
/// The resilience pipeline of every CEID call (<see cref="Resilience"/>) is, from the outside in: total timeout, retry
/// (only failures before the request was sent, or any transient failure when <see cref="ServiceHonoursIdempotencyKey"/>
/// is set), circuit breaker, attempt timeout.
/// </remarks>
public sealed class KcmrBiometricsOptions
{
    /// <summary>Gets or sets the CEID API base address; the wire binding's relative paths are resolved against it.</summary>
    /// <value>Required. HTTPS, or HTTP on a loopback host (simulators).</value>
    public Uri? BaseAddress { get; set; }

    /// <summary>Gets or sets the OAuth2 token endpoint (client credentials grant).</summary>
    /// <value>Required. HTTPS, or HTTP on a loopback host.</value>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>Gets or sets the OAuth2 client id issued by the operator's portal.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>Gets or sets the OAuth2 client secret. Keep it in a secret store.</summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>Gets or sets the OAuth2 scope to request.</summary>
    /// <value>The default value is <see langword="null"/> (none sent).</value>
    public string? Scope { get; set; }

    /// <summary>Gets or sets a client certificate with private key for mutual TLS, when the contract requires it.</summary>
    /// <value>The default value is <see langword="null"/> (no client certificate).</value>
    public X509Certificate2? ClientCertificate { get; set; }

    /// <summary>Gets or sets the value of the <c>x-provider-id</c> header (the lender's id at the operator).</summary>
    public string ProviderId { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the resilience of every CEID call (configuration key <c>Resilience</c>). Its total timeout covers
    /// one operation, retries and token refresh included.
    /// </summary>
    /// <value>
    /// The default value is a 30-second total timeout, a 10-second attempt timeout, 2 retries with a 200-millisecond
    /// backoff, and a breaker opening at a 0.5 failure ratio over at least 10 calls in 30 seconds, open for 30 seconds.
    /// </value>
    public RemoteCallOptions Resilience { get; set; } = new();

    /// <summary>Gets or sets how long before its expiry a cached access token is renewed.</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan TokenExpirySkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets a value indicating whether CEID deduplicates requests by the <c>x-idempotency-key</c> header (the
    /// request id). Only then are requests that may have reached the service retried (5xx, 429, timeouts, resets).
    /// </summary>
    /// <value>The default value is <see langword="false"/>: only failures before the request was sent are retried.</value>
    public bool ServiceHonoursIdempotencyKey { get; set; }

    /// <summary>Gets or sets the minimum similarity (0..1) the lender accepts as a match.</summary>
    /// <value>The default value is 0.8.</value>
    public double SimilarityThreshold { get; set; } = 0.8;

    /// <summary>Gets or sets the number of failed attempts per borrower and operation after which the result is negative.</summary>
    /// <value>The default value is 3 (the regulation's cap).</value>
    public int MaxFailedAttempts { get; set; } = 3;

    /// <summary>Gets or sets how long failed attempts are remembered.</summary>
    /// <value>The default value is 24 hours.</value>
    public TimeSpan AttemptWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Gets or sets the secret keying the HMAC that turns an IIN into an attempt-store and session-store key. Set it
    /// (at least 16 characters) when the stores are shared between processes.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: a random key per process (fine for the in-memory stores).</value>
    public string? SubjectKeySecret { get; set; }

    /// <summary>Gets or sets the maximum size of a face image in bytes.</summary>
    /// <value>The default value is 5 MiB.</value>
    public int MaxImageBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Gets or sets the minimum width of a face image in pixels.</summary>
    /// <value>The default value is 160.</value>
    public int MinImageWidth { get; set; } = 160;

    /// <summary>Gets or sets the minimum height of a face image in pixels.</summary>
    /// <value>The default value is 160.</value>
    public int MinImageHeight { get; set; } = 160;

    /// <summary>Gets or sets the maximum width of a face image in pixels.</summary>
    /// <value>The default value is 4096.</value>
    public int MaxImageWidth { get; set; } = 4096;

    /// <summary>Gets or sets the maximum height of a face image in pixels.</summary>
    /// <value>The default value is 4096.</value>
    public int MaxImageHeight { get; set; } = 4096;

    /// <summary>Gets or sets the maximum size of a CEID response body.</summary>
    /// <value>The default value is 1 MiB.</value>
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets where CEID sends the borrower's browser when a hosted session ends.</summary>
    /// <value>The default value is <see langword="null"/> (the provider's default page).</value>
    public Uri? SessionReturnUrl { get; set; }

    /// <summary>Gets or sets the lender's webhook that receives signed session callbacks.</summary>
    /// <value>The default value is <see langword="null"/> (results are obtained by polling only).</value>
    public Uri? CallbackUrl { get; set; }

    /// <summary>Gets or sets the shared secret for the HMAC-SHA256 over callback bodies (UTF-8 bytes, at least 32 characters).</summary>
    /// <value>The default value is <see langword="null"/>: callbacks are rejected.</value>
    public string? CallbackSecret { get; set; }

    /// <summary>Gets or sets how far a callback's timestamp may be from the current time.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan CallbackTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the longest a hosted session is honoured, whatever expiry the provider states.</summary>
    /// <value>The default value is 15 minutes.</value>
    public TimeSpan MaxSessionLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets the interval between status polls while waiting for a hosted session.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets a value indicating whether the method polls CEID once when a session has no result yet.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool PollOnEvaluate { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the method zeroes the evidence's image bytes after use.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ClearImageAfterUse { get; set; } = true;
}
