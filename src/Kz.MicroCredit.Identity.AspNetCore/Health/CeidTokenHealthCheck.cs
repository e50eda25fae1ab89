using Kz.MicroCredit.Identity.Biometrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.AspNetCore.Health;

/// <summary>Gets an access token from the CEID token endpoint with the configured client credentials (a fresh one every probe).</summary>
internal sealed class CeidTokenHealthCheck(IOptions<KcmrBiometricsOptions> options, IHttpClientFactory clients, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var tokens = new CeidTokenCache(options.Value, time, NullLogger.Instance);
        try
        {
            _ = await tokens.GetAsync(clients.CreateClient(HealthProbe.HttpClientName), null, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy("CEID issued an access token.");
        }
        catch (CeidTokenException ex)
        {
            return HealthCheckResult.Unhealthy($"CEID token endpoint: {ex.Reason}" + (ex.HttpStatus is { } s ? $" (HTTP {s})." : "."));
        }
        catch (HttpRequestException ex)
        {
            return HealthCheckResult.Unhealthy($"CEID token endpoint is not reachable ({ex.HttpRequestError}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("CEID token endpoint did not answer in time.");
        }
    }
}
