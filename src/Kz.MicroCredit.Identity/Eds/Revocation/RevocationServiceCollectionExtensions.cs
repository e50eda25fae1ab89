using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>Registers online/offline revocation checking (OCSP, CRL with deltas) and the TSA client.</summary>
public static class RevocationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICertificateRevocationChecker"/> (OCSP then CRL by default, hard-fail) over pinned
    /// endpoints, replacing any previous checker, and <see cref="ITimeStampAuthorityClient"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Pins endpoints, e.g. <c>o => o.UseNcaProduction()</c>.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddNcaRevocation(this BorrowerIdentificationBuilder builder, Action<RevocationOptions> configure) =>
        MethodServiceRegistration.Add<RevocationOptions, RevocationOptionsValidator>(builder, configure, AddServices);

    /// <summary>Registers revocation checking configured from a section (see docs/revocation.md for the keys).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddNcaRevocation(this BorrowerIdentificationBuilder builder, IConfigurationSection section) =>
        MethodServiceRegistration.Add<RevocationOptions, RevocationOptionsValidator>(builder, section, AddServices);

    private static void AddServices(BorrowerIdentificationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        services.TryAddSingleton<OcspClient>();
        services.TryAddSingleton<HttpCrlSource>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CrlRefreshLifetime>());
        services.TryAddSingleton<CompositeRevocationChecker>();
        services.RemoveAll<ICertificateRevocationChecker>();
        services.AddSingleton<ICertificateRevocationChecker>(sp => sp.GetRequiredService<CompositeRevocationChecker>());
        services.TryAddSingleton<ITimeStampAuthorityClient, TimeStampAuthorityClient>();

        if (!services.Any(d => d.ServiceType == typeof(RevocationHttpMarker)))
        {
            services.AddSingleton<RevocationHttpMarker>();
            AddClient(services, RevocationHttp.OcspClientName, "ocsp", static o => o.OcspResilience, o => o.MaxOcspResponseBytes, static _ => new DerNestingCheck());
            AddClient(services, RevocationHttp.CrlClientName, "crl", static o => o.CrlResilience, o => o.MaxCrlBytes, static cap => new CrlStreamCheck(cap));
            AddClient(services, RevocationHttp.TsaClientName, "tsa", static o => o.TsaResilience, o => o.MaxOcspResponseBytes, static _ => new DerNestingCheck());
        }
    }

    /// <summary>
    /// One named client per service, built by the SDK's one resilience helper (total timeout, retry, breaker, attempt
    /// timeout) and ending in the bounded body reader. Every revocation request is safe to repeat (an OCSP query or a CRL
    /// download changes nothing; a second time-stamp request only yields another token), so transient failures are
    /// retried; redirects are not followed (the endpoints are pinned).
    /// </summary>
    private static void AddClient(
        IServiceCollection services,
        string name,
        string pipelineName,
        Func<RevocationOptions, RemoteCallOptions> resilience,
        Func<RevocationOptions, long> cap,
        Func<long, IResponseBodyCheck>? check)
    {
        IHttpClientBuilder client = services.AddHttpClient(name, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(RemoteHttpHandler.Create);
        client.AddResilienceHandler(pipelineName, (pipeline, context) =>
        {
            RevocationOptions o = context.ServiceProvider.GetRequiredService<IOptions<RevocationOptions>>().Value;
            pipeline.AddStrategies(new RemoteCallResilienceSettings
            {
                Service = pipelineName,
                TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>(),
                Options = resilience(o),
                IsIdempotent = static _ => true,
            });
            });
        BoundedResponseHandler.AddTo(client, sp => cap(sp.GetRequiredService<IOptions<RevocationOptions>>().Value), check);
    }

    private sealed class RevocationHttpMarker;
}
