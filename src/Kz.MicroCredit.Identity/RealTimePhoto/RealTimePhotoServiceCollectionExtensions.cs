using System.Net.Http;
using Kz.MicroCredit.Identity.Http;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Kz.MicroCredit.Identity;

/// <summary>Registers the real-time two-factor photo method (<c>realtime-photo</c>).</summary>
public static class RealTimePhotoServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RealTimePhotoMethod"/>, <see cref="IRealTimePhotoSessionService"/>, the vendor webhook
    /// handler, in-memory OTP and session stores (the Redis package's <c>AddRedisState</c> replaces them for several
    /// instances), and the reference HTTP liveness adapter with its resilient named client, unless you registered your
    /// own <see cref="ILivenessProvider"/> and <see cref="IFaceMatchProvider"/> first. You must
    /// register an <see cref="IOtpSender"/> (your SMS gateway). Options are validated on start, including the rule that
    /// every policy using <c>realtime-photo</c> also requires <c>egov-phone-ownership</c>.
    /// </summary>
    /// <param name="builder">The identification builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddRealTimePhotoVerification(this BorrowerIdentificationBuilder builder, Action<RealTimePhotoOptions> configure) =>
        MethodServiceRegistration.Add<RealTimePhotoOptions, RealTimePhotoOptionsValidator>(builder, configure, AddServices);

    /// <summary>Registers the method with options bound from configuration (see <see cref="AddRealTimePhotoVerification(BorrowerIdentificationBuilder, Action{RealTimePhotoOptions})"/>).</summary>
    /// <param name="builder">The identification builder.</param>
    /// <param name="section">The section, e.g. <c>Identity:RealTimePhoto</c>; byte arrays are base64.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddRealTimePhotoVerification(this BorrowerIdentificationBuilder builder, IConfigurationSection section) =>
        MethodServiceRegistration.Add<RealTimePhotoOptions, RealTimePhotoOptionsValidator>(builder, section, AddServices);

    private static void AddServices(BorrowerIdentificationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        // Checked at start in every environment (not only where ValidateOnBuild is on): without a sender no code reaches the borrower.
        services.AddOptions<RealTimePhotoOptions>()
            .Validate<IServiceProvider>((_, sp) => sp.GetService<IOtpSender>() is not null, "RealTimePhoto: no IOtpSender is registered: register your SMS gateway with services.AddSingleton<IOtpSender, YourSender>().");
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BorrowerIdentificationOptions>, RealTimePhotoPolicyValidator>());
        services.TryAddSingleton<RealTimePhotoKeyRing>();
        services.TryAddSingleton<ILivenessResultStore>(sp => new LivenessResultCache(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IOtpStore, InMemoryOtpStore>();
        services.TryAddSingleton<IRealTimePhotoSessionStore, InMemoryRealTimePhotoSessionStore>();
        StateStoreDescriptor.Register<IOtpStore, InMemoryOtpStore>(services, "OTP", SharedSecretProblem);
        StateStoreDescriptor.Register<IRealTimePhotoSessionStore, InMemoryRealTimePhotoSessionStore>(services, "real-time photo sessions", SharedSecretProblem);
        StateStoreDescriptor.Register<ILivenessResultStore, LivenessResultCache>(services, "liveness results");
        services.TryAddSingleton<LivenessWireBinding>();
        services.TryAddSingleton<HttpLivenessProvider>();
        services.TryAddSingleton<ILivenessProvider>(sp => sp.GetRequiredService<HttpLivenessProvider>());
        services.TryAddSingleton<IFaceMatchProvider>(sp => sp.GetRequiredService<HttpLivenessProvider>());
        services.TryAddSingleton<IRealTimePhotoSessionService, RealTimePhotoSessionService>();
        services.TryAddSingleton(sp => new RealTimePhotoWebhookHandler(
            sp.GetRequiredService<LivenessWireBinding>(),
            sp.GetRequiredService<ILivenessResultStore>(),
            sp.GetRequiredService<IOptions<RealTimePhotoOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<RealTimePhotoWebhookHandler>>()));
        MethodServiceRegistration.AddMethod(builder, IdentificationMethodId.RealTimePhoto, sp => new RealTimePhotoMethod(
            sp.GetRequiredService<ILivenessProvider>(),
            sp.GetRequiredService<IFaceMatchProvider>(),
            sp.GetRequiredService<IRealTimePhotoSessionStore>(),
            sp.GetRequiredService<IOtpStore>(),
            sp.GetRequiredService<RealTimePhotoKeyRing>(),
            sp.GetRequiredService<ILivenessResultStore>(),
            sp.GetRequiredService<IOptions<RealTimePhotoOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<RealTimePhotoMethod>>()));

        IHttpClientBuilder client = services.AddHttpClient(HttpLivenessProvider.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(RemoteHttpHandler.Create);
        client.AddResilienceHandler("realtime-photo", (pipeline, context) =>
        {
            RealTimePhotoProviderOptions o = context.ServiceProvider.GetRequiredService<IOptions<RealTimePhotoOptions>>().Value.Provider;
            ConfigurePipeline(pipeline, o, context.ServiceProvider.GetRequiredService<TimeProvider>());
        });
        BoundedResponseHandler.AddTo(client, static sp => sp.GetRequiredService<IOptions<RealTimePhotoOptions>>().Value.Provider.MaxResponseBytes);
    }

    internal static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, RealTimePhotoProviderOptions o, TimeProvider time) =>
        pipeline.AddStrategies(new RemoteCallResilienceSettings
        {
            Service = "liveness",
            TimeProvider = time,
            Options = o.Resilience,
            IsIdempotent = IsIdempotent,
        });

    /// <summary>Only GETs and POSTs carrying an idempotency key can be applied twice; other POSTs are retried only before sending.</summary>
    private static bool IsIdempotent(ResilienceContext context) =>
        context.GetRequestMessage() is { } request
        && (request.Method == HttpMethod.Get || request.Headers.Contains(LivenessWireBinding.IdempotencyHeader));

    /// <summary>A shared OTP or session store needs the secret every instance hashes codes and rate limits with.</summary>
    private static string? SharedSecretProblem(IServiceProvider services) =>
        services.GetService<IOptions<RealTimePhotoOptions>>()?.Value.SecretKey is { Length: >= 32 }
            ? null
            : "A shared OTP or real-time photo session store needs RealTimePhotoOptions.SecretKey (32+ bytes, the same on every instance); a per-process random key would make codes and rate limits differ between instances.";
}
