using System.Security.Cryptography;
using Kz.MicroCredit.Identity.ContractTests.PhoneOwnership;
using Kz.MicroCredit.Identity.ContractTests.Revocation;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing;
using Kz.MicroCredit.Identity.Testing.RealTimePhoto;
using Microsoft.Extensions.DependencyInjection;

namespace Kz.MicroCredit.Identity.ContractTests.FaultMatrix;

/// <summary>Builds each remote client against a loopback fault server with small budgets (1–2 s), as a lender would register it.</summary>
internal static class FaultMatrixClients
{
    public static ServiceProvider Liveness(Uri baseUri, TimeSpan attempt, TimeSpan total, int maxResponseBytes = 64 * 1024)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IOtpSender>(new CapturingOtpSender());
        services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicy.Create("photo").Require(IdentificationMethodId.RealTimePhoto).Require(IdentificationMethodId.EGovPhoneOwnership).Build())
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.EGovPhoneOwnership, MethodVerdict.Verified()))
            .AddRealTimePhotoVerification(o =>
            {
                o.Provider.BaseAddress = baseUri;
                o.Provider.ApiKey = "test-key";
                o.Provider.Resilience.AttemptTimeout = attempt;
                o.Provider.Resilience.TotalTimeout = total;
                o.Provider.Resilience.RetryBackoff = TimeSpan.FromMilliseconds(10);
                o.Provider.Resilience.MaxRetryAttempts = 2;
                o.Provider.MaxResponseBytes = maxResponseBytes;
            });
        ServiceProvider provider = services.BuildServiceProvider();
        provider.ValidateBorrowerIdentificationOptions();
        return provider;
    }

    public static ServiceProvider Ceid(Uri baseUri, TimeSpan attempt, TimeSpan total, int maxResponseBytes = 64 * 1024)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.KcmrBiometrics))
            .AddKcmrBiometrics(o =>
            {
                o.BaseAddress = new Uri(baseUri, "ceid/");
                o.TokenEndpoint = new Uri(baseUri, "auth/oauth/token");
                o.ClientId = "mfo-client";
                o.ClientSecret = "mfo-secret";
                o.ProviderId = "mfo-provider-42";
                o.Scope = "biometrics";
                o.Resilience.AttemptTimeout = attempt;
                o.Resilience.TotalTimeout = total;
                o.Resilience.RetryBackoff = TimeSpan.FromMilliseconds(10);
                o.CallbackSecret = "a-callback-secret-of-at-least-32-characters";
                o.MaxResponseBytes = maxResponseBytes;
            });
        ServiceProvider provider = services.BuildServiceProvider();
        provider.ValidateBorrowerIdentificationOptions();
        return provider;
    }

    public static ServiceProvider SmartBridge(Uri baseUri, TimeSpan attempt, TimeSpan total, int maxResponseBytes = 64 * 1024)
    {
        TestRsaPki pki = TestRsaPki.Instance;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.EGovPhoneOwnership))
            .AddEGovPhoneOwnership(o =>
            {
                o.Endpoint = new Uri(baseUri, "bip-sync-wss-gost/");
                o.SenderId = "mfo-sender";
                o.SenderPassword = "s3cr3t-sender-pa55";
                o.Signer = pki.Lender;
                o.GatewayCertificate = pki.Gateway.Certificate;
                o.GatewayTrustStore = pki.TrustStore;
                o.DirectCheckServiceId = "PHONE_CHECK";
                o.Resilience.AttemptTimeout = attempt;
                o.Resilience.TotalTimeout = total;
                o.MaxResponseBytes = maxResponseBytes;
            });
        ServiceProvider provider = services.BuildServiceProvider();
        provider.ValidateBorrowerIdentificationOptions();
        return provider;
    }

    public static ServiceProvider Revocation(TestKeyPair ca, Uri? crl, Uri? ocsp, TimeSpan attempt, TimeSpan total, Uri? tsa = null, long maxCrlBytes = 0)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBorrowerIdentification().AddNcaRevocation(o =>
        {
            o.OcspResilience.AttemptTimeout = attempt;
            o.OcspResilience.TotalTimeout = total;
            o.CrlResilience.AttemptTimeout = attempt;
            o.CrlResilience.TotalTimeout = total;
            o.TsaResilience.AttemptTimeout = attempt;
            o.TsaResilience.TotalTimeout = total;
            o.CrlBackgroundRefresh = false;
            o.MaxOcspResponseBytes = 64 * 1024;
            if (maxCrlBytes > 0)
            {
                o.MaxCrlBytes = maxCrlBytes;
            }

            o.TsaUrl = tsa;
            if (ocsp is not null)
            {
                o.OcspResponderUrl = ocsp;
                o.Order.Add(RevocationSource.Ocsp);
            }

            if (crl is not null)
            {
                var issuer = new RevocationIssuerOptions { Name = "matrix", CertificateSha256 = ca.Certificate.GetCertHashString(HashAlgorithmName.SHA256) };
                issuer.CrlUrls.Add(crl);
                o.Issuers.Add(issuer);
                o.Order.Add(RevocationSource.Crl);
            }
        });
        return services.BuildServiceProvider();
    }
}
