namespace Kz.MicroCredit.Identity.AspNetCore;

/// <summary>Warm-up and the CRL cache (bound from <c>Kzid:Warmup</c>).</summary>
public sealed class KzidWarmupOptions
{
    /// <summary>
    /// Gets or sets a directory where downloaded CRLs are kept across restarts and shared by instances (a volume all
    /// replicas mount). A cached CRL is used while younger than the revocation <c>CrlRefreshInterval</c>, and after
    /// that only when the download fails and its nextUpdate has not passed; every file is verified on load (content
    /// hash, then the CRL signature by a CA of the trust store) and refused when it does not verify.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no cache on disk.</value>
    public string? CrlCacheDirectory { get; set; }

    /// <summary>Gets or sets how long warm-up may take before readiness is reported anyway (with the failures).</summary>
    /// <value>The default value is 3 minutes.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(3);
}
