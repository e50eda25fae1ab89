using Kz.MicroCredit.Identity.RealTimePhoto;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.AspNetCore.Health;

/// <summary>The liveness vendor's API answers at its base address.</summary>
internal sealed class LivenessVendorHealthCheck(IOptions<RealTimePhotoOptions> options, IHttpClientFactory clients) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        options.Value.Provider.BaseAddress is { } address
            ? HealthProbe.ReachableAsync(clients.CreateClient(HealthProbe.HttpClientName), "Liveness vendor", address, HttpMethod.Get, cancellationToken)
            : Task.FromResult(HealthCheckResult.Healthy("No liveness vendor address: a custom provider is registered."));
}
