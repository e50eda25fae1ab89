using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kz.MicroCredit.Identity.AspNetCore.Health;

/// <summary>Unhealthy until warm-up finished; Degraded when it finished with problems (a CRL could not be loaded).</summary>
internal sealed class WarmupHealthCheck(KzidWarmupState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!state.Completed)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Warming up: loading the trust store and CRLs."));
        }

        var data = new Dictionary<string, object> { ["trustAnchors"] = state.TrustAnchors, ["crls"] = state.CrlsLoaded };
        return Task.FromResult(state.Problems.Count == 0
            ? HealthCheckResult.Healthy($"Warm-up done: {state.TrustAnchors} trust anchors, {state.CrlsLoaded} CRLs.", data: data)
            : HealthCheckResult.Degraded("Warm-up done with problems: " + string.Join(" ", state.Problems), data: data));
    }
}
