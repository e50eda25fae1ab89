using Kz.MicroCredit.Identity.PhoneOwnership;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.AspNetCore.Health;

/// <summary>The lender's signing key (SmartBridge requests) is loadable and its certificate valid; Degraded within the warning days.</summary>
internal sealed class LenderKeyHealthCheck(SmartBridgeSettings settings, IOptions<StartupCheckOptions> checks, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            Signing.INcaSigner signer = settings.Signer;
            return Task.FromResult(HealthProbe.CertificateValidity("Lender signing certificate", signer.Certificate, time.GetUtcNow(), checks.Value.CertificateExpiryWarningDays));
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or Signing.NcaKeyFileException or System.Security.Cryptography.CryptographicException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Lender signing key cannot be loaded ({ex.GetType().Name})."));
        }
    }
}
