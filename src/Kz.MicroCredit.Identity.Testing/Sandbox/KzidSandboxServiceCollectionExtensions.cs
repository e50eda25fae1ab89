using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Testing;

/// <summary>Wires the whole sandbox into a host (a <c>WebApplicationFactory</c>, a sample, a console app).</summary>
public static class KzidSandboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="KzidSandbox"/> (started on first use, stopped with the container) and points every
    /// method at it: the four methods are registered when the app did not register them, and every method's options
    /// are post-configured to the simulators, whatever configuration bound before. The SMS sender becomes the sandbox's
    /// capturing one. Without a policy, <c>rules-2025</c> is used. Call it after <c>AddBorrowerIdentification</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Runs once the sandbox is started, e.g. to add borrowers or script failures.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddKzidSandbox(this IServiceCollection services, Action<KzidSandbox>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(_ =>
        {
            // Options are configured synchronously; the simulators start in a few milliseconds on loopback.
            KzidSandbox sandbox = Task.Run(() => KzidSandbox.StartAsync()).GetAwaiter().GetResult();
            configure?.Invoke(sandbox);
            return sandbox;
        });

        BorrowerIdentificationBuilder builder = services.AddBorrowerIdentification();
        if (!IsRegistered<NcaEdsMethod>(services))
        {
            builder.AddNcaEds(_ => { });
        }

        if (!services.Any(d => d.ServiceType == typeof(CompositeRevocationChecker)))
        {
            builder.AddNcaRevocation(_ => { });
        }

        if (!IsRegistered<KcmrBiometricsMethod>(services))
        {
            builder.AddKcmrBiometrics(_ => { });
        }

        if (!IsRegistered<RealTimePhotoMethod>(services))
        {
            builder.AddRealTimePhotoVerification(_ => { });
        }

        if (!IsRegistered<EGovPhoneOwnershipMethod>(services))
        {
            builder.AddEGovPhoneOwnership(_ => { });
        }

        services.AddOptions<NcaEdsOptions>().PostConfigure<KzidSandbox>((o, s) => s.Configure(o));
        services.AddOptions<RevocationOptions>().PostConfigure<KzidSandbox>((o, s) => s.Configure(o));
        services.AddOptions<KcmrBiometricsOptions>().PostConfigure<KzidSandbox>((o, s) => s.Configure(o));
        services.AddOptions<RealTimePhotoOptions>().PostConfigure<KzidSandbox>((o, s) => s.Configure(o));
        services.AddOptions<EGovPhoneOwnershipOptions>().PostConfigure<KzidSandbox>((o, s) => s.Configure(o));
        services.PostConfigure<BorrowerIdentificationOptions>(o =>
        {
            if (o.DefaultPolicy is null && o.OperationPolicies.Count == 0)
            {
                o.DefaultPolicy = IdentificationPolicies.Rules2025;
            }
        });
        services.RemoveAll<IOtpSender>();
        services.AddSingleton<IOtpSender>(sp => sp.GetRequiredService<KzidSandbox>().Sms);
        return services;
    }

    /// <summary>
    /// Replaces the method registered under <paramref name="method"/>'s id (or adds it): the last registration of an id
    /// is the one identification uses, so nothing has to be removed by hand.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="method">The method, e.g. a <see cref="ScriptedIdentificationMethod"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection ReplaceIdentificationMethod(this IServiceCollection services, IIdentificationMethod method)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(method);
        services.AddBorrowerIdentification().AddMethod(method);
        return services;
    }

    private static bool IsRegistered<TMethod>(IServiceCollection services) => services.Any(d => d.ServiceType == typeof(TMethod));
}
