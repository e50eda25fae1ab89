using Kz.MicroCredit.Identity.Eds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.AspNetCore;

/// <summary>Registers the warm-up hosted service and the optional CRL cache directory.</summary>
public static class KzidHostingServiceCollectionExtensions
{
    /// <summary>
    /// Adds a hosted service that loads the trust store and every pinned CRL at start (the <c>kzid-warmup</c>
    /// readiness check is Unhealthy until it is done), and the CRL cache directory when
    /// <see cref="KzidWarmupOptions.CrlCacheDirectory"/> is set.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section to bind, usually <c>Kzid:Warmup</c>; <see langword="null"/> for the defaults.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddKzidWarmup(this IServiceCollection services, IConfigurationSection? section = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<KzidWarmupOptions> options = services.AddOptions<KzidWarmupOptions>();
        if (section is not null)
        {
            options.Bind(section);
        }

        options.Validate(o => o.Timeout > TimeSpan.Zero, (section?.Path ?? "KzidWarmupOptions") + ":Timeout must be positive.").ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KzidWarmupState>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KzidWarmupService>());
        if (!services.Any(d => d.ServiceType == typeof(CrlCacheHandler)))
        {
            services.AddTransient<CrlCacheHandler>();
            services.AddHttpClient(RevocationHttp.CrlClientName).AddHttpMessageHandler<CrlCacheHandler>();
        }

        return services;
    }
}
