using Kz.MicroCredit.Identity.FraudClaims;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>Registers the fraud-claim workflow.</summary>
public static class FraudClaimsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="FraudClaimWorkflow"/> with validated <see cref="FraudClaimOptions"/> and
    /// <see cref="TimeProvider.System"/> unless a clock is registered. Register your implementations of
    /// <see cref="IFraudClaimStore"/>, <see cref="ILoanServicing"/>, <see cref="ICreditBureauCorrections"/>,
    /// <see cref="ILawEnforcementNotifier"/> and <see cref="IIdentificationEvidenceLookup"/> yourself.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddFraudClaims(this IServiceCollection services, Action<FraudClaimOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        AddCore(services);
        services.Configure(configure);
        return services;
    }

    /// <summary>Registers the workflow with options bound from a configuration section (e.g. <c>FraudClaims</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddFraudClaims(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        AddCore(services);
        services.Configure<FraudClaimOptions>(section);
        return services;
    }

    private static void AddCore(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<FraudClaimOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FraudClaimOptions>, FraudClaimOptionsValidator>());
        services.TryAddSingleton<FraudClaimWorkflow>();
    }
}
