using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// Returned by <see cref="BorrowerIdentificationServiceCollectionExtensions.AddBorrowerIdentification(IServiceCollection)"/>;
/// each method package adds an <c>AddXxx</c> extension to it (e.g. <c>AddNcaEds</c>).
/// </summary>
public sealed class BorrowerIdentificationBuilder
{
    internal BorrowerIdentificationBuilder(IServiceCollection services) => Services = services;

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Uses a policy for every operation without its own.</summary>
    /// <param name="policy">The policy, e.g. <see cref="IdentificationPolicies.Rules2021"/>.</param>
    /// <returns>This builder.</returns>
    public BorrowerIdentificationBuilder UsePolicy(IdentificationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Services.Configure<BorrowerIdentificationOptions>(o => o.DefaultPolicy = policy);
        return this;
    }

    /// <summary>Uses a policy for one operation.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    public BorrowerIdentificationBuilder UsePolicy(IdentificationOperation operation, IdentificationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Services.Configure<BorrowerIdentificationOptions>(o => o.OperationPolicies[operation] = policy);
        return this;
    }

    /// <summary>Registers an identification method (a singleton) under its id. Method packages call this from their <c>AddXxx</c>.</summary>
    /// <typeparam name="TMethod">The method type.</typeparam>
    /// <param name="methodId">The id the method reports.</param>
    /// <returns>This builder.</returns>
    public BorrowerIdentificationBuilder AddMethod<TMethod>(IdentificationMethodId methodId)
        where TMethod : class, IIdentificationMethod
    {
        Services.TryAddSingleton<TMethod>();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IIdentificationMethod, TMethod>(sp => sp.GetRequiredService<TMethod>()));
        Services.AddSingleton(new IdentificationMethodRegistration(methodId, sp => sp.GetRequiredService<TMethod>()));
        Services.Configure<BorrowerIdentificationOptions>(o => o.RegisteredMethods.Add(methodId));
        return this;
    }

    /// <summary>
    /// Registers an identification method instance (e.g. a scripted one in tests). A method registered later under an
    /// id already registered replaces the earlier one, so a test can swap a real method for a scripted one without
    /// removing registrations by hand.
    /// </summary>
    /// <param name="method">The method.</param>
    /// <returns>This builder.</returns>
    public BorrowerIdentificationBuilder AddMethod(IIdentificationMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        Services.AddSingleton(method);
        Services.AddSingleton(new IdentificationMethodRegistration(method.Id, _ => method));
        Services.Configure<BorrowerIdentificationOptions>(o => o.RegisteredMethods.Add(method.Id));
        return this;
    }

    /// <summary>Configures how reports treat personal data.</summary>
    /// <param name="configure">The configuration.</param>
    /// <returns>This builder.</returns>
    public BorrowerIdentificationBuilder ConfigureEvidenceReports(Action<EvidenceReportOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
