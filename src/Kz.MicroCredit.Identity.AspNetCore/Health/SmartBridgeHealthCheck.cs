using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.AspNetCore.Health;

/// <summary>SmartBridge: the endpoint answers, and the gateway certificate its answers are checked against is valid.</summary>
internal sealed class SmartBridgeHealthCheck(IOptions<EGovPhoneOwnershipOptions> options, IOptions<StartupCheckOptions> checks, IHttpClientFactory clients, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        EGovPhoneOwnershipOptions o = options.Value;
        if (o.Endpoint is null)
        {
            return HealthCheckResult.Unhealthy("SmartBridge endpoint is not configured.");
        }

        HealthCheckResult reach = await HealthProbe.ReachableAsync(clients.CreateClient(HealthProbe.HttpClientName), "SmartBridge", o.Endpoint, HttpMethod.Get, cancellationToken).ConfigureAwait(false);
        if (reach.Status != HealthStatus.Healthy)
        {
            return reach;
        }

        X509Certificate2? gateway = SmartBridgeSettings.ResolveGateway(o);
        if (gateway is null)
        {
            return o.AllowUnsignedResponses
                ? HealthCheckResult.Degraded("SmartBridge is reachable; its answers are not signature-checked (AllowUnsignedResponses).")
                : HealthCheckResult.Unhealthy("SmartBridge gateway certificate is not configured.");
        }

        return HealthProbe.CertificateValidity("SmartBridge gateway certificate", gateway, time.GetUtcNow(), checks.Value.CertificateExpiryWarningDays);
    }
}
