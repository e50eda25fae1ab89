using System.Net;
using System.Net.Http;
using Kz.MicroCredit.Identity.Http;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity;

/// <summary>Registers the <c>egov-phone-ownership</c> method (SmartBridge phone-ownership check).</summary>
public static class EGovPhoneOwnershipServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EGovPhoneOwnershipMethod"/>, its SmartBridge client (named <see cref="HttpClient"/> with a
    /// total timeout, a retry of failures before sending, a circuit breaker and a per-attempt timeout), the default
    /// <see cref="IPhoneOwnershipBinding"/> (replaceable) and <see cref="IPhoneOwnershipConsentService"/>; options are
    /// validated on start.
    /// </summary>
    /// <param name="builder">The identification builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddEGovPhoneOwnership(this BorrowerIdentificationBuilder builder, Action<EGovPhoneOwnershipOptions> configure) =>
        MethodServiceRegistration.Add<EGovPhoneOwnershipOptions, EGovPhoneOwnershipOptionsValidator>(builder, configure, AddServices);

    /// <summary>Registers the method with options bound from a configuration section (see docs/phone-ownership.md).</summary>
    /// <param name="builder">The identification builder.</param>
    /// <param name="section">The section, e.g. <c>Identification:EGovPhoneOwnership</c>.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddEGovPhoneOwnership(this BorrowerIdentificationBuilder builder, IConfigurationSection section) =>
        MethodServiceRegistration.Add<EGovPhoneOwnershipOptions, EGovPhoneOwnershipOptionsValidator>(builder, section, AddServices);

    private static void AddServices(BorrowerIdentificationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EGovPhoneOwnershipOptions>, LenderCertificateValidator>());
        services.TryAddSingleton<SmartBridgeSettings>();
        services.TryAddSingleton<IPhoneConsentStore>(sp => new InMemoryPhoneConsentStore(sp.GetRequiredService<TimeProvider>()));
        StateStoreDescriptor.Register<IPhoneConsentStore, InMemoryPhoneConsentStore>(services, "phone consents");
        services.TryAddSingleton<IPhoneOwnershipBinding, DefaultPhoneOwnershipBinding>();
        services.TryAddSingleton<ISmartBridgeEnvelopeSigner>(sp => new WsseEnvelopeSigner(sp.GetRequiredService<SmartBridgeSettings>()));
        services.TryAddSingleton<ISmartBridgeResponseVerifier, EdsSmartBridgeResponseVerifier>();
        services.TryAddSingleton<ISmartBridgeClient, SmartBridgeClient>();
        services.TryAddSingleton<IPhoneOwnershipConsentService, PhoneOwnershipConsentService>();
        MethodServiceRegistration.AddMethod(builder, IdentificationMethodId.EGovPhoneOwnership, sp => new EGovPhoneOwnershipMethod(
            sp.GetRequiredService<ISmartBridgeClient>(),
            sp.GetRequiredService<IPhoneOwnershipBinding>(),
            sp.GetRequiredService<SmartBridgeSettings>(),
            sp.GetRequiredService<IPhoneConsentStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<EGovPhoneOwnershipMethod>()));

        IHttpClientBuilder client = services.AddHttpClient(SmartBridgeClient.HttpClientName)
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(RemoteHttpHandler.Create);
        client.AddResilienceHandler("smartbridge", static (pipeline, context) =>
        {
            EGovPhoneOwnershipOptions o = context.ServiceProvider.GetRequiredService<IOptions<EGovPhoneOwnershipOptions>>().Value;
            pipeline.AddStrategies(new RemoteCallResilienceSettings
            {
                Service = "smartbridge",
                Options = o.Resilience,
                IsIdempotent = null, // SmartBridge calls are POSTs without an idempotency key: retry only before sending
                BreakerFailure = IsGatewayFailure,
                Names = new RemoteCallStrategyNames("total", "retry-before-send", "breaker", "attempt"),
            });
            });
        BoundedResponseHandler.AddTo(client, static sp => sp.GetRequiredService<IOptions<EGovPhoneOwnershipOptions>>().Value.MaxResponseBytes);
    }

    /// <summary>The breaker counts transport faults, timeouts and the gateway's own 502/503/504 (not every 5xx).</summary>
    private static bool IsGatewayFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result?.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}
