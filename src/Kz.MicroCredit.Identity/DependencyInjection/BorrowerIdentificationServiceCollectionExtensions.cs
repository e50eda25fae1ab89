using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>Registers borrower identification in a service collection.</summary>
public static class BorrowerIdentificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IBorrowerIdentifier"/>, the evidence report factory, the challenge service with an in-memory
    /// store, and <see cref="TimeProvider.System"/> unless a clock is registered; options are validated on start.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>A builder to add methods and choose policies.</returns>
    public static BorrowerIdentificationBuilder AddBorrowerIdentification(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<BorrowerIdentificationOptions>().ValidateOnStart();
        services.AddOptions<EvidenceReportOptions>().ValidateOnStart();
        services.AddOptions<ChallengeOptions>().ValidateOnStart();
        services.AddOptions<StateStoreOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StateStoreOptions>, StateStoreStartupCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BorrowerIdentificationOptions>, BorrowerIdentificationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvidenceReportOptions>, EvidenceReportOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChallengeOptions>, ChallengeOptionsValidator>());
        services.TryAddSingleton<EvidenceReportFactory>();
        services.TryAddSingleton<IChallengeStore, InMemoryChallengeStore>();
        StateStoreDescriptor.Register<IChallengeStore, InMemoryChallengeStore>(services, "challenges");
        services.TryAddSingleton<IBorrowerChallengeService, BorrowerChallengeService>();
        services.AddOptions<StartupCheckOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BorrowerIdentificationOptions>, MethodConstructionValidator>());
        services.TryAddSingleton<IBorrowerIdentifier>(sp => BorrowerIdentifier.Create(sp));
        return new BorrowerIdentificationBuilder(services);
    }

    /// <summary>Registers borrower identification and configures the policies.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures <see cref="BorrowerIdentificationOptions"/>.</param>
    /// <returns>A builder.</returns>
    public static BorrowerIdentificationBuilder AddBorrowerIdentification(this IServiceCollection services, Action<BorrowerIdentificationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        BorrowerIdentificationBuilder builder = services.AddBorrowerIdentification();
        services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Runs the start-up validation of every option registered with <c>ValidateOnStart</c> — what the generic host does
    /// when it starts; call it yourself in a console app without a host.
    /// </summary>
    /// <param name="provider">The service provider.</param>
    /// <exception cref="OptionsValidationException">An option is invalid.</exception>
    public static void ValidateBorrowerIdentificationOptions(this IServiceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        provider.GetRequiredService<IStartupValidator>().Validate();
    }
}
