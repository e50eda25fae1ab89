using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.SigningChannels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>Registers the Redis state stores on the identification builder.</summary>
public static class RedisStateServiceCollectionExtensions
{
    /// <summary>
    /// Keeps every piece of per-borrower state (challenges, one-time codes and send limits, real-time photo sessions,
    /// liveness webhook results, KCMR sessions and the biometric attempt counter, phone consents, eGov mobile signing sessions) in Redis, shared by
    /// every instance, with atomic server-side operations. Call it before or after the methods' <c>Add…</c>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">The StackExchange.Redis configuration string.</param>
    /// <param name="configure">Sets the shared secrets (required), the key prefix and the timeout.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddRedisState(this BorrowerIdentificationBuilder builder, string connectionString, Action<RedisStateOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure<RedisStateOptions>(o =>
        {
            o.Configuration = connectionString;
            configure(o);
        });
        return AddCore(builder, null);
    }

    /// <summary>Keeps per-borrower state in Redis, configured from a section (<c>Configuration</c>, <c>KeyPrefix</c>, <c>OperationTimeout</c>, <c>ActiveKeyId</c>, <c>Keys</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The section, e.g. <c>KzIdentity:Redis</c>.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddRedisState(this BorrowerIdentificationBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<RedisStateOptions>(section);
        return AddCore(builder, null);
    }

    /// <summary>Keeps per-borrower state in Redis over the application's existing connection (not disposed by the SDK).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="multiplexer">The connection.</param>
    /// <param name="configure">Sets the shared secrets (required), the key prefix and the timeout.</param>
    /// <returns>The builder.</returns>
    public static BorrowerIdentificationBuilder AddRedisState(this BorrowerIdentificationBuilder builder, IConnectionMultiplexer multiplexer, Action<RedisStateOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(multiplexer);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return AddCore(builder, multiplexer);
    }

    private static BorrowerIdentificationBuilder AddCore(BorrowerIdentificationBuilder builder, IConnectionMultiplexer? multiplexer)
    {
        IServiceCollection services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RedisStateOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisStateOptions>, RedisStateOptionsValidator>());
        if (multiplexer is null)
        {
            services.AddOptions<RedisStateOptions>().Validate(o => !string.IsNullOrWhiteSpace(o.Configuration), "RedisStateOptions.Configuration (the Redis connection string) is required.");
        }

        // The keyed hashes (OTP codes, send windows, attempt counters) must be the same on every instance: unless the
        // lender set them, they are derived from the shared active key, never drawn at random per process.
        services.AddOptions<RealTimePhotoOptions>().PostConfigure<IOptions<RedisStateOptions>>((o, redis) =>
        {
            if (o.SecretKey is not { Length: >= 32 } && TryDerive(redis.Value, "kzid-realtime-photo-v1") is { } key)
            {
                o.SecretKey = key;
            }
        });
        services.AddOptions<KcmrBiometricsOptions>().PostConfigure<IOptions<RedisStateOptions>>((o, redis) =>
        {
            if (string.IsNullOrEmpty(o.SubjectKeySecret) && TryDerive(redis.Value, "kzid-biometric-subject-v1") is { } key)
            {
                o.SubjectKeySecret = Convert.ToBase64String(key);
            }
        });

        services.TryAddSingleton<RedisStateSecrets>();
        services.RemoveAll<RedisStateConnection>();
        services.AddSingleton(sp => new RedisStateConnection(
            sp.GetRequiredService<IOptions<RedisStateOptions>>(),
            sp.GetRequiredService<RedisStateSecrets>(),
            multiplexer,
            sp.GetService<ILogger<RedisStateConnection>>()));

        Replace<IChallengeStore>(services, sp => new RedisChallengeStore(sp.GetRequiredService<RedisStateConnection>(), sp.GetRequiredService<TimeProvider>()));
        Replace<IOtpStore>(services, sp => new RedisOtpStore(sp.GetRequiredService<RedisStateConnection>(), sp.GetRequiredService<TimeProvider>()));
        Replace<IRealTimePhotoSessionStore>(services, sp => new RedisRealTimePhotoSessionStore(sp.GetRequiredService<RedisStateConnection>(), sp.GetRequiredService<TimeProvider>()));
        Replace<ILivenessResultStore>(services, sp => new RedisLivenessResultStore(sp.GetRequiredService<RedisStateConnection>()));
        Replace<IBiometricAttemptStore>(services, sp => new RedisBiometricAttemptStore(sp.GetRequiredService<RedisStateConnection>(), sp.GetRequiredService<TimeProvider>()));
        Replace<IKcmrSessionStore>(services, sp => new RedisKcmrSessionStore(sp.GetRequiredService<RedisStateConnection>(), sp.GetRequiredService<TimeProvider>()));
        Replace<IPhoneConsentStore>(services, sp => new RedisPhoneConsentStore(sp.GetRequiredService<RedisStateConnection>(), sp.GetRequiredService<TimeProvider>()));
        Replace<IEGovMobileSessionStore>(services, sp => new RedisEGovMobileSessionStore(sp.GetRequiredService<RedisStateConnection>(), sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    private static void Replace<TService>(IServiceCollection services, Func<IServiceProvider, TService> factory)
        where TService : class
    {
        services.RemoveAll<TService>();
        services.AddSingleton(factory);
    }

    private static byte[]? TryDerive(RedisStateOptions options, string purpose)
    {
        if (options.ActiveKeyId is null || !options.Keys.TryGetValue(options.ActiveKeyId, out string? value) || RedisStateSecrets.TryDecode(value) is not { Length: >= 32 } secret)
        {
            return null;
        }

        return System.Security.Cryptography.HKDF.DeriveKey(System.Security.Cryptography.HashAlgorithmName.SHA256, secret, 32, salt: [], info: System.Text.Encoding.UTF8.GetBytes(purpose));
    }
}
