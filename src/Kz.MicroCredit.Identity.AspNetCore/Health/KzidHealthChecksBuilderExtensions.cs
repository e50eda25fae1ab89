using Kz.MicroCredit.Identity.AspNetCore.Health;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kz.MicroCredit.Identity.AspNetCore;

/// <summary>Adds the identification health checks (docs/observability.md).</summary>
public static class KzidHealthChecksBuilderExtensions
{
    /// <summary>The tag of checks meant for a liveness probe (nothing external: a restart would not fix an outage).</summary>
    public const string LiveTag = "live";

    /// <summary>The tag of checks meant for a readiness probe.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The tag every identification check carries.</summary>
    public const string KzidTag = "kzid";

    /// <summary>
    /// Adds a check for every registered method's external dependency, each tagged <see cref="ReadyTag"/> and
    /// <see cref="KzidTag"/>: <c>kzid-ceid-token</c>, <c>kzid-smartbridge</c> (reachability and gateway certificate),
    /// <c>kzid-lender-key</c>, <c>kzid-liveness-vendor</c>, <c>kzid-ocsp</c>, <c>kzid-crl-freshness</c>, and
    /// <c>kzid-warmup</c> when <see cref="KzidHostingServiceCollectionExtensions.AddKzidWarmup"/> is used; plus
    /// <c>kzid-self</c> tagged <see cref="LiveTag"/>. Call it after registering the methods.
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddKzidHealthChecks(this IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        services.AddHttpClient(HealthProbe.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5));
        string[] ready = [ReadyTag, KzidTag];
        builder.AddCheck("kzid-self", () => HealthCheckResult.Healthy(), [LiveTag, KzidTag]);
        if (Has<KcmrBiometricsMethod>(services))
        {
            builder.Add(new HealthCheckRegistration("kzid-ceid-token", sp => Create<CeidTokenHealthCheck>(sp), HealthStatus.Unhealthy, ready));
        }

        if (Has<EGovPhoneOwnershipMethod>(services))
        {
            builder.Add(new HealthCheckRegistration("kzid-smartbridge", sp => Create<SmartBridgeHealthCheck>(sp), HealthStatus.Unhealthy, ready));
            builder.Add(new HealthCheckRegistration("kzid-lender-key", sp => Create<LenderKeyHealthCheck>(sp), HealthStatus.Unhealthy, ready));
        }

        if (Has<RealTimePhotoMethod>(services))
        {
            builder.Add(new HealthCheckRegistration("kzid-liveness-vendor", sp => Create<LivenessVendorHealthCheck>(sp), HealthStatus.Unhealthy, ready));
        }

        if (Has<HttpCrlSource>(services))
        {
            builder.Add(new HealthCheckRegistration("kzid-ocsp", sp => Create<OcspRespondersHealthCheck>(sp), HealthStatus.Unhealthy, ready));
            builder.Add(new HealthCheckRegistration("kzid-crl-freshness", sp => Create<CrlFreshnessHealthCheck>(sp), HealthStatus.Unhealthy, ready));
        }

        if (Has<KzidWarmupState>(services))
        {
            builder.Add(new HealthCheckRegistration("kzid-warmup", sp => Create<WarmupHealthCheck>(sp), HealthStatus.Unhealthy, ready));
        }

        return builder;
    }

    private static bool Has<T>(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(T));

    private static T Create<T>(IServiceProvider services) => ActivatorUtilities.CreateInstance<T>(services);
}
