using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Kz.MicroCredit.Identity.Testing.PhoneOwnership;
using Kz.MicroCredit.Identity.Testing.Pki;
using Kz.MicroCredit.Identity.Testing.RealTimePhoto;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Kz.MicroCredit.Identity.Redis.Tests;

/// <summary>The sandbox services the instances of a farm talk to: liveness provider, CEID and SmartBridge simulators.</summary>
public sealed class FarmSimulators : IAsyncLifetime
{
    public LivenessProviderSimulator Liveness { get; private set; } = null!;

    public CeidSimulator Ceid { get; private set; } = null!;

    public SmartBridgeSimulator SmartBridge { get; private set; } = null!;

    public SandboxPki Pki { get; } = new(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Rsa });

    public INcaSigner Lender { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Liveness = await LivenessProviderSimulator.StartAsync();
        Ceid = await CeidSimulator.StartAsync();
        Lender = Pki.IssueLegalEntity(Iin.Parse("790303402568"), Bin.Parse("070840007503"), "MFO", "TEST", "LENDER", NcaLegalEntityRoles.FirstHead);
        SmartBridge = await SmartBridgeSimulator.StartAsync(new SmartBridgeSimulatorOptions { Pki = Pki, SenderId = "mfo", SenderPassword = "pw" });
    }

    public async Task DisposeAsync()
    {
        await Liveness.DisposeAsync();
        await Ceid.DisposeAsync();
        await SmartBridge.DisposeAsync();
        Pki.Dispose();
    }
}

/// <summary>
/// One instance of the lender's identification service: its own service provider (as a separate process would have),
/// the real methods against the sandbox simulators, and its state in the shared Redis.
/// </summary>
public sealed class FarmInstance : IAsyncDisposable
{
    private FarmInstance(ServiceProvider provider, CapturingOtpSender sms)
    {
        Provider = provider;
        Sms = sms;
    }

    public ServiceProvider Provider { get; }

    public CapturingOtpSender Sms { get; }

    public static FarmInstance Start(FarmSimulators sims, string redisConnection, string prefix, TimeSpan? operationTimeout = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var sms = new CapturingOtpSender();
        services.AddSingleton<IOtpSender>(sms);
        services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicies.Rules2021)
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, MethodVerdict.NotApplicable()))
            .AddRealTimePhotoVerification(o =>
            {
                o.Provider.BaseAddress = sims.Liveness.BaseAddress;
                o.Provider.WebhookSecret = sims.Liveness.WebhookSecret;
                o.Provider.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
                o.Provider.Resilience.RetryBackoff = TimeSpan.FromMilliseconds(10);
            })
            .AddKcmrBiometrics(sims.Ceid.Configure)
            .AddEGovPhoneOwnership(o =>
            {
                o.Endpoint = sims.SmartBridge.Endpoint;
                o.SenderId = "mfo";
                o.SenderPassword = "pw";
                o.Signer = sims.Lender;
                o.GatewayCertificate = sims.SmartBridge.GatewayCertificate;
                o.GatewayTrustStore = sims.SmartBridge.TrustStore;
                o.Mode = PhoneOwnershipMode.Consent;
                o.CompanyName = "MFO";
                o.CompanyBin = "070840007503";
                o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(20);
                o.Resilience.TotalTimeout = TimeSpan.FromSeconds(30);
            })
            .AddRedisState(redisConnection, o =>
            {
                TestSecrets.Apply(o, prefix);
                if (operationTimeout is { } timeout)
                {
                    o.OperationTimeout = timeout;
                }
            });
        ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.ValidateBorrowerIdentificationOptions();
        return new FarmInstance(provider, sms);
    }

    public T Get<T>()
        where T : notnull => Provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
