using System.Net;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>Registers the KCMR CEID biometrics method (<c>kcmr-biometrics</c>).</summary>
public static class KcmrBiometricsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="KcmrBiometricsMethod"/>, <see cref="KcmrBiometricsSessions"/>, the CEID client with its
    /// resilient named HTTP client, and in-memory attempt and session stores (the Redis package's <c>AddRedisState</c>
    /// replaces them for several instances); options are validated on start.
    /// </summary>
    /// <param name="builder">The identification builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddKcmrBiometrics(this BorrowerIdentificationBuilder builder, Action<KcmrBiometricsOptions> configure) =>
        MethodServiceRegistration.Add<KcmrBiometricsOptions, KcmrBiometricsOptionsValidator>(builder, configure, AddServices);

    /// <summary>Registers the method with options bound from configuration (see <see cref="AddKcmrBiometrics(BorrowerIdentificationBuilder, Action{KcmrBiometricsOptions})"/>).</summary>
    /// <param name="builder">The identification builder.</param>
    /// <param name="section">The configuration section, e.g. <c>Identification:KcmrBiometrics</c>.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddKcmrBiometrics(this BorrowerIdentificationBuilder builder, IConfigurationSection section) =>
        MethodServiceRegistration.Add<KcmrBiometricsOptions, KcmrBiometricsOptionsValidator>(builder, section, AddServices);

    private static void AddServices(BorrowerIdentificationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        IHttpClientBuilder client = services.AddHttpClient(KcmrCeidClient.HttpClientName)
            .ConfigureHttpClient((sp, client) =>
            {
                // Time limits are the resilience pipeline's (driven by TimeProvider), not HttpClient's.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.MaxResponseContentBufferSize = sp.GetRequiredService<IOptions<KcmrBiometricsOptions>>().Value.MaxResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                KcmrBiometricsOptions options = sp.GetRequiredService<IOptions<KcmrBiometricsOptions>>().Value;
                SocketsHttpHandler handler = RemoteHttpHandler.Create();
                handler.AutomaticDecompression = DecompressionMethods.None;
                handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
                if (options.ClientCertificate is not null)
                {
                    handler.SslOptions.ClientCertificates = [options.ClientCertificate];
                }

                return handler;
            });
        BoundedResponseHandler.AddTo(client, static sp => sp.GetRequiredService<IOptions<KcmrBiometricsOptions>>().Value.MaxResponseBytes);
        services.TryAddSingleton<ICeidWireBinding, DefaultCeidWireBinding>();
        services.TryAddSingleton<IBiometricAttemptStore, InMemoryBiometricAttemptStore>();
        services.TryAddSingleton<IKcmrSessionStore, InMemoryKcmrSessionStore>();
        StateStoreDescriptor.Register<IBiometricAttemptStore, InMemoryBiometricAttemptStore>(services, "biometric attempts", SharedSecretProblem);
        StateStoreDescriptor.Register<IKcmrSessionStore, InMemoryKcmrSessionStore>(services, "KCMR sessions", SharedSecretProblem);
        services.TryAddSingleton<BiometricSubjectKeys>();
        services.TryAddSingleton<KcmrCeidClient>();
        services.TryAddSingleton(sp => new KcmrBiometricsSessions(
            sp.GetRequiredService<KcmrCeidClient>(),
            sp.GetRequiredService<IKcmrSessionStore>(),
            sp.GetRequiredService<IBiometricAttemptStore>(),
            sp.GetRequiredService<BiometricSubjectKeys>(),
            sp.GetRequiredService<IOptions<KcmrBiometricsOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<KcmrBiometricsSessions>()));
        MethodServiceRegistration.AddMethod(builder, IdentificationMethodId.KcmrBiometrics, sp => new KcmrBiometricsMethod(
            sp.GetRequiredService<KcmrCeidClient>(),
            sp.GetRequiredService<KcmrBiometricsSessions>(),
            sp.GetRequiredService<IBiometricAttemptStore>(),
            sp.GetRequiredService<IOptions<KcmrBiometricsOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<KcmrBiometricsMethod>>()));
    }

    /// <summary>A shared attempt or session store needs the secret every instance derives borrower keys with.</summary>
    private static string? SharedSecretProblem(IServiceProvider services) =>
        !string.IsNullOrEmpty(services.GetService<IOptions<KcmrBiometricsOptions>>()?.Value.SubjectKeySecret)
            ? null
            : "A shared biometric attempt or KCMR session store needs KcmrBiometricsOptions.SubjectKeySecret (the same on every instance); a per-process random key would give each instance its own attempt counter.";
}
