using Kz.MicroCredit.Identity.Eds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    public static BorrowerIdentificationBuilder AddNcaRevocation(this BorrowerIdentificationBuilder builder, Action<RevocationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<RevocationOptions>().Configure(configure).ValidateOnStart();
        return AddCore(builder);
    }

    /// <summary>Registers revocation checking configured from a section (see docs/revocation.md for the keys).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddNcaRevocation(this BorrowerIdentificationBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.AddOptions<RevocationOptions>().Bind(section).ValidateOnStart();
        return AddCore(builder);
    }

    private static BorrowerIdentificationBuilder AddCore(BorrowerIdentificationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RevocationOptions>, RevocationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OcspClient>();
        services.TryAddSingleton<HttpCrlSource>();
        services.TryAddSingleton<CompositeRevocationChecker>();
        services.RemoveAll<ICertificateRevocationChecker>();
        services.AddSingleton<ICertificateRevocationChecker>(sp => sp.GetRequiredService<CompositeRevocationChecker>());
        services.TryAddSingleton<ITimeStampAuthorityClient, TimeStampAuthorityClient>();

        if (!services.Any(d => d.ServiceType == typeof(RevocationHttpMarker)))
        {
            services.AddSingleton<RevocationHttpMarker>();
            AddClient(services, RevocationHttp.OcspClientName, o => (o.OcspAttemptTimeout, o.OcspTotalTimeout));
            AddClient(services, RevocationHttp.CrlClientName, o => (o.CrlAttemptTimeout, o.CrlTotalTimeout));
            AddClient(services, RevocationHttp.TsaClientName, o => (o.OcspAttemptTimeout, o.OcspTotalTimeout));
        }

        return builder;
    }

    private static void AddClient(IServiceCollection services, string name, Func<RevocationOptions, (TimeSpan Attempt, TimeSpan Total)> timeouts)
    {
        services.AddHttpClient(name, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddStandardResilienceHandler()
            .Configure((resilience, sp) =>
            {
                (TimeSpan attempt, TimeSpan total) = timeouts(sp.GetRequiredService<IOptions<RevocationOptions>>().Value);
                resilience.AttemptTimeout.Timeout = attempt;
                resilience.TotalRequestTimeout.Timeout = total;
                resilience.Retry.MaxRetryAttempts = 2;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.Retry.UseJitter = true;
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, attempt.Ticks * 2));
            });
    }

    private sealed class RevocationHttpMarker;
}
