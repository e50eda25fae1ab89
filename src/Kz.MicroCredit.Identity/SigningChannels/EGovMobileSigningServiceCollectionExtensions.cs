using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.SigningChannels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>Registers eGov mobile QR / deep-link signing (the endpoints are mapped by the ASP.NET Core package).</summary>
public static class EGovMobileSigningServiceCollectionExtensions
{
    /// <summary>
    /// Adds eGov mobile signing. The phone's answers are verified with the <c>nca-eds</c> options and revocation checker,
    /// so add <c>AddNcaEds(...)</c> too. Sessions live in memory unless the Redis package's
    /// <c>AddRedisState</c> is added (a web farm needs the shared store).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddEGovMobileSigning(this BorrowerIdentificationBuilder builder, Action<EGovMobileSigningOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return AddCore(builder);
    }

    /// <summary>Adds eGov mobile signing configured from a section (keys as in <see cref="EGovMobileSigningOptions"/>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddEGovMobileSigning(this BorrowerIdentificationBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<EGovMobileSigningOptions>(section);
        return AddCore(builder);
    }

    private static BorrowerIdentificationBuilder AddCore(BorrowerIdentificationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        services.AddOptions<EGovMobileSigningOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EGovMobileSigningOptions>, EGovMobileSigningOptionsValidator>());
        services.TryAddSingleton<IEGovMobileSessionStore>(sp => new InMemoryEGovMobileSessionStore(sp.GetRequiredService<TimeProvider>()));
        StateStoreDescriptor.Register<IEGovMobileSessionStore, InMemoryEGovMobileSessionStore>(services, "eGov mobile signing sessions");
        services.TryAddSingleton(sp => new EGovMobileSigningService(
            sp.GetRequiredService<IEGovMobileSessionStore>(),
            sp.GetRequiredService<IBorrowerChallengeService>(),
            sp.GetRequiredService<IOptions<Eds.NcaEdsOptions>>(),
            sp.GetService<ICertificateRevocationChecker>() ?? NoRevocationChecker.Instance,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<EGovMobileSigningOptions>>(),
            sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<IEGovMobileSigningService>(sp => sp.GetRequiredService<EGovMobileSigningService>());
        return builder;
    }
}
