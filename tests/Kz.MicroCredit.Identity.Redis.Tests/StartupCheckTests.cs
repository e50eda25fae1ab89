using Kz.MicroCredit.Identity.RealTimePhoto;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace Kz.MicroCredit.Identity.Redis.Tests;

/// <summary>Start-up checks: shared secrets with a shared store, and single-instance stores in Production.</summary>
public sealed class StartupCheckTests
{
    [Fact]
    public void A_shared_store_without_shared_secrets_fails_at_start_up()
    {
        var services = new ServiceCollection();
        Identification(services).AddRedisState("127.0.0.1:1,abortConnect=false", _ => { });
        using ServiceProvider provider = services.BuildServiceProvider();
        Exception ex = Assert.ThrowsAny<Exception>(provider.ValidateBorrowerIdentificationOptions);
        Assert.Contains("RedisStateOptions.Keys is empty", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ActiveKeyId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lender_supplied_shared_otp_store_with_a_per_process_random_key_fails_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IOtpSender>(new Testing.RealTimePhoto.CapturingOtpSender());
        services.AddBorrowerIdentification()
            .AddMethod(new Testing.ScriptedIdentificationMethod(IdentificationMethodId.EGovPhoneOwnership, MethodVerdict.Verified()))
            .UsePolicy(IdentificationPolicy.Create("p").Require(IdentificationMethodId.RealTimePhoto).Require(IdentificationMethodId.EGovPhoneOwnership).Build())
            .AddRealTimePhotoVerification(o => o.Provider.BaseAddress = new Uri("http://127.0.0.1:1/"));
        services.AddSingleton<IOtpStore, SharedOtpStoreStub>();
        using ServiceProvider provider = services.BuildServiceProvider();
        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(provider.ValidateBorrowerIdentificationOptions);
        Assert.Contains("RealTimePhotoOptions.SecretKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_redis_section_overload_binds_and_derives_the_shared_keyed_hash_secret()
    {
        IConfigurationSection section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = "127.0.0.1:1,abortConnect=false",
            ["Redis:KeyPrefix"] = "app1:",
            ["Redis:ActiveKeyId"] = "2026-12",
            ["Redis:Keys:2026-12"] = TestSecrets.Key1,
        }).Build().GetSection("Redis");
        byte[] Derived()
        {
            var services = new ServiceCollection();
            Identification(services).AddRedisState(section);
            using ServiceProvider provider = services.BuildServiceProvider();
            provider.ValidateBorrowerIdentificationOptions();
            Assert.Equal("app1:", provider.GetRequiredService<IOptions<RedisStateOptions>>().Value.KeyPrefix);
            Assert.IsType<RedisOtpStore>(provider.GetRequiredService<IOtpStore>());
            return provider.GetRequiredService<IOptions<RealTimePhotoOptions>>().Value.SecretKey!;
        }

        // Two instances configured alike derive the same secret: codes hashed on one verify on the other.
        Assert.Equal(Derived(), Derived());
        Assert.Equal(32, Derived().Length);
    }

    [Fact]
    public void In_memory_stores_in_Production_log_a_warning_and_the_option_makes_it_an_error()
    {
        var collector = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(collector)));
        services.AddSingleton<IHostEnvironment>(new Environment(Environments.Production));
        Identification(services);
        using (ServiceProvider provider = services.BuildServiceProvider())
        {
            provider.ValidateBorrowerIdentificationOptions();
            FakeLogRecord warning = Assert.Single(collector.GetSnapshot(), r => r.Id.Id == 1090);
            Assert.Equal(LogLevel.Warning, warning.Level);
            Assert.Contains("challenges", warning.Message, StringComparison.Ordinal);
        }

        services.Configure<StateStoreOptions>(o => o.FailOnSingleInstanceStoresInProduction = true);
        using (ServiceProvider provider = services.BuildServiceProvider())
        {
            Exception ex = Assert.ThrowsAny<Exception>(provider.ValidateBorrowerIdentificationOptions);
            Assert.Contains("Single-instance", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void In_memory_egov_mobile_sessions_in_Production_are_named_and_redis_ones_are_not()
    {
        static ServiceCollection Services()
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<IHostEnvironment>(new Environment(Environments.Production));
            services.Configure<StateStoreOptions>(o => o.FailOnSingleInstanceStoresInProduction = true);
            return services;
        }

        static void Signing(SigningChannels.EGovMobileSigningOptions o)
        {
            o.PublicBaseUrl = new Uri("https://lender.example/");
            o.OrganisationNameRu = "МФО";
            o.OrganisationNameKz = "МҚҰ";
            o.OrganisationNameEn = "MFO";
            o.OrganisationBin = "070840007503";
        }

        ServiceCollection inMemory = Services();
        Identification(inMemory).AddEGovMobileSigning(Signing);
        using (ServiceProvider provider = inMemory.BuildServiceProvider())
        {
            Exception ex = Assert.ThrowsAny<Exception>(provider.ValidateBorrowerIdentificationOptions);
            Assert.Contains("eGov mobile signing sessions", ex.Message, StringComparison.Ordinal);
        }

        ServiceCollection shared = Services();
        Identification(shared).AddEGovMobileSigning(Signing).AddRedisState("127.0.0.1:1,abortConnect=false", o => TestSecrets.Apply(o, "p:"));
        using (ServiceProvider provider = shared.BuildServiceProvider())
        {
            provider.ValidateBorrowerIdentificationOptions();
        }
    }

    [Fact]
    public void In_memory_stores_outside_Production_and_redis_stores_in_Production_are_quiet()
    {
        var collector = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(collector)));
        services.AddSingleton<IHostEnvironment>(new Environment(Environments.Development));
        Identification(services);
        using (ServiceProvider provider = services.BuildServiceProvider())
        {
            provider.ValidateBorrowerIdentificationOptions();
        }

        var production = new ServiceCollection();
        production.AddLogging(b => b.AddProvider(new FakeLoggerProvider(collector)));
        production.AddSingleton<IHostEnvironment>(new Environment(Environments.Production));
        production.Configure<StateStoreOptions>(o => o.FailOnSingleInstanceStoresInProduction = true);
        Identification(production).AddRedisState("127.0.0.1:1,abortConnect=false", o => TestSecrets.Apply(o, "p:"));
        using (ServiceProvider provider = production.BuildServiceProvider())
        {
            provider.ValidateBorrowerIdentificationOptions();
        }

        Assert.DoesNotContain(collector.GetSnapshot(), r => r.Id.Id == 1090);
    }

    private static BorrowerIdentificationBuilder Identification(IServiceCollection services) =>
        services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.NcaEds))
            .AddMethod(new Testing.ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, MethodVerdict.Verified()));

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "test";

        public string ContentRootPath { get; set; } = "/";

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private sealed class SharedOtpStoreStub : IOtpStore
    {
        public Task AddAsync(OtpRecord record, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<OtpState?> GetAsync(string sessionId, CancellationToken cancellationToken = default) => Task.FromResult<OtpState?>(null);

        public Task<int> IncrementAttemptsAsync(string sessionId, CancellationToken cancellationToken = default) => Task.FromResult(0);

        public Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default) => Task.FromResult(false);

        public Task<bool> TryAcquireSendSlotAsync(string rateKey, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}
