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
    public static BorrowerIdentificationBuilder AddEGovPhoneOwnership(this BorrowerIdentificationBuilder builder, Action<EGovPhoneOwnershipOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return AddCore(builder);
    }

    /// <summary>Registers the method with options bound from a configuration section (see docs/phone-ownership.md).</summary>
    /// <param name="builder">The identification builder.</param>
    /// <param name="section">The section, e.g. <c>Identification:EGovPhoneOwnership</c>.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddEGovPhoneOwnership(this BorrowerIdentificationBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<EGovPhoneOwnershipOptions>(section);
        return AddCore(builder);
    }

    private static BorrowerIdentificationBuilder AddCore(BorrowerIdentificationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<EGovPhoneOwnershipOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EGovPhoneOwnershipOptions>, EGovPhoneOwnershipOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EGovPhoneOwnershipOptions>, LenderCertificateValidator>());
        services.TryAddSingleton<SmartBridgeSettings>();
        services.TryAddSingleton<IPhoneConsentStore>(sp => new InMemoryPhoneConsentStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IPhoneOwnershipBinding, DefaultPhoneOwnershipBinding>();
        services.TryAddSingleton<ISmartBridgeEnvelopeSigner>(sp => new WsseEnvelopeSigner(sp.GetRequiredService<SmartBridgeSettings>()));
        services.TryAddSingleton<ISmartBridgeResponseVerifier, EdsSmartBridgeResponseVerifier>();
        services.TryAddSingleton<ISmartBridgeClient, SmartBridgeClient>();
        services.TryAddSingleton<IPhoneOwnershipConsentService, PhoneOwnershipConsentService>();
        services.TryAddSingleton(sp => new EGovPhoneOwnershipMethod(
            sp.GetRequiredService<ISmartBridgeClient>(),
            sp.GetRequiredService<IPhoneOwnershipBinding>(),
            sp.GetRequiredService<SmartBridgeSettings>(),
            sp.GetRequiredService<IPhoneConsentStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<EGovPhoneOwnershipMethod>()));

        services.AddHttpClient(SmartBridgeClient.HttpClientName)
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .AddResilienceHandler("smartbridge", static (pipeline, context) =>
            {
                EGovPhoneOwnershipOptions o = context.ServiceProvider.GetRequiredService<IOptions<EGovPhoneOwnershipOptions>>().Value;
                pipeline.AddStrategies(new RemoteCallResilienceSettings
                {
                    TotalTimeout = o.TotalTimeout,
                    AttemptTimeout = o.AttemptTimeout,
                    MaxRetryAttempts = o.MaxRetryAttempts,
                    RetryBaseDelay = TimeSpan.FromMilliseconds(200),
                    IsIdempotent = null, // SmartBridge calls are POSTs without an idempotency key: retry only before sending
                    BreakerFailure = IsGatewayFailure,
                    BreakerFailureRatio = 0.5,
                    BreakerMinimumThroughput = 20,
                    BreakerSamplingDuration = TimeSpan.FromSeconds(60),
                    BreakerBreakDuration = TimeSpan.FromSeconds(15),
                    Names = new RemoteCallStrategyNames("total", "retry-before-send", "breaker", "attempt"),
                });
            });

        builder.AddMethod<EGovPhoneOwnershipMethod>(IdentificationMethodId.EGovPhoneOwnership);
        return builder;
    }

    /// <summary>The breaker counts transport faults, timeouts and the gateway's own 502/503/504 (not every 5xx).</summary>
    private static bool IsGatewayFailure(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result?.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;
}

/// <summary>Checks <see cref="EGovPhoneOwnershipOptions"/> at start-up (messages name options, never values).</summary>
internal sealed class EGovPhoneOwnershipOptionsValidator : IValidateOptions<EGovPhoneOwnershipOptions>
{
    public ValidateOptionsResult Validate(string? name, EGovPhoneOwnershipOptions options)
    {
        var failures = new List<string>();
        if (options.Endpoint is null || !options.Endpoint.IsAbsoluteUri || options.Endpoint.Scheme is not ("https" or "http"))
        {
            failures.Add("EGovPhoneOwnership:Endpoint must be an absolute http(s) URL.");
        }
        else if (options.Endpoint.Scheme == "http" && !options.Endpoint.IsLoopback)
        {
            failures.Add("EGovPhoneOwnership:Endpoint must use https (plain http only on loopback for sandboxes).");
        }

        if (string.IsNullOrWhiteSpace(options.SenderId))
        {
            failures.Add("EGovPhoneOwnership:SenderId is required.");
        }

        if (string.IsNullOrEmpty(options.SenderPassword)
            && (string.IsNullOrEmpty(options.SenderPasswordEnvironmentVariable) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable(options.SenderPasswordEnvironmentVariable))))
        {
            failures.Add("EGovPhoneOwnership: set SenderPassword or SenderPasswordEnvironmentVariable (naming a non-empty variable).");
        }

        if (options.Signer is null)
        {
            if (string.IsNullOrWhiteSpace(options.SigningKeyPath))
            {
                failures.Add("EGovPhoneOwnership: set Signer or SigningKeyPath.");
            }
            else if (!File.Exists(options.SigningKeyPath))
            {
                failures.Add("EGovPhoneOwnership:SigningKeyPath does not name an existing file.");
            }
            else if (string.IsNullOrEmpty(options.SigningKeyPasswordEnvironmentVariable) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable(options.SigningKeyPasswordEnvironmentVariable)))
            {
                failures.Add("EGovPhoneOwnership:SigningKeyPasswordEnvironmentVariable must name a non-empty environment variable.");
            }
        }

        if (options.GatewayCertificate is null && string.IsNullOrEmpty(options.GatewayCertificatePath))
        {
            if (!options.AllowUnsignedResponses)
            {
                failures.Add("EGovPhoneOwnership: set GatewayCertificate or GatewayCertificatePath, or explicitly AllowUnsignedResponses.");
            }
        }
        else if (options.GatewayCertificate is null && !File.Exists(options.GatewayCertificatePath))
        {
            failures.Add("EGovPhoneOwnership:GatewayCertificatePath does not name an existing file.");
        }

        if (options.Mode == PhoneOwnershipMode.Direct && string.IsNullOrWhiteSpace(options.DirectCheckServiceId))
        {
            failures.Add("EGovPhoneOwnership:DirectCheckServiceId is required in Direct mode.");
        }

        if (options.Mode == PhoneOwnershipMode.Consent)
        {
            if (string.IsNullOrWhiteSpace(options.ConsentServiceId) || string.IsNullOrWhiteSpace(options.ConsentConfirmationServiceId) || string.IsNullOrWhiteSpace(options.ConsentAccessName))
            {
                failures.Add("EGovPhoneOwnership: ConsentServiceId, ConsentConfirmationServiceId and ConsentAccessName are required in Consent mode.");
            }

            if (string.IsNullOrWhiteSpace(options.CompanyName))
            {
                failures.Add("EGovPhoneOwnership:CompanyName is required in Consent mode.");
            }

            if (!Bin.TryParse(options.CompanyBin, out _))
            {
                failures.Add("EGovPhoneOwnership:CompanyBin must be a valid BIN in Consent mode.");
            }

            if (options.ConsentLifetime <= TimeSpan.Zero || options.ConsentLifetime > TimeSpan.FromHours(1))
            {
                failures.Add("EGovPhoneOwnership:ConsentLifetime must be between 0 and 1 hour.");
            }

            if (options.ConsentMaxAttempts is < 1 or > 10)
            {
                failures.Add("EGovPhoneOwnership:ConsentMaxAttempts must be between 1 and 10.");
            }
        }

        if (options.SuccessStatusCodes.Count == 0)
        {
            failures.Add("EGovPhoneOwnership:SuccessStatusCodes must not be empty.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.TotalTimeout <= TimeSpan.Zero || options.AttemptTimeout > options.TotalTimeout)
        {
            failures.Add("EGovPhoneOwnership: AttemptTimeout and TotalTimeout must be positive and AttemptTimeout ≤ TotalTimeout.");
        }

        if (options.MaxRetryAttempts is < 0 or > 5)
        {
            failures.Add("EGovPhoneOwnership:MaxRetryAttempts must be between 0 and 5.");
        }

        if (options.MaxResponseBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add("EGovPhoneOwnership:MaxResponseBytes must be between 1 KiB and 64 MiB.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
