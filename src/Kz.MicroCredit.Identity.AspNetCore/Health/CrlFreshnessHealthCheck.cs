using Kz.MicroCredit.Identity.Eds;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kz.MicroCredit.Identity.AspNetCore.Health;

/// <summary>
/// The CRLs in memory are current: Unhealthy when one is past its nextUpdate or the last download of a pinned CRL
/// failed with nothing to fall back on; Degraded while a CRL has not been loaded yet.
/// </summary>
internal sealed class CrlFreshnessHealthCheck(HttpCrlSource crls, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = time.GetUtcNow();
        IReadOnlyList<CrlSnapshot> snapshot = crls.Snapshot();
        if (snapshot.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded("No CRL has been loaded yet."));
        }

        string[] stale = snapshot.Where(c => c.NextUpdate is { } next && next <= now).Select(c => c.Url.GetLeftPart(UriPartial.Path)).ToArray();
        string[] missing = snapshot.Where(c => c.NextUpdate is null && c.ThisUpdate is null).Select(c => c.Url.GetLeftPart(UriPartial.Path)).ToArray();
        var data = new Dictionary<string, object> { ["stale"] = stale, ["unavailable"] = missing };
        if (stale.Length > 0 || missing.Length > 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"{stale.Length} CRL(s) past nextUpdate, {missing.Length} not available.", data: data));
        }

        DateTimeOffset earliest = snapshot.Min(c => c.NextUpdate ?? DateTimeOffset.MaxValue);
        return Task.FromResult(HealthCheckResult.Healthy($"{snapshot.Count} CRL(s) current; the earliest nextUpdate is {earliest:O}.", data: data));
    }
}
