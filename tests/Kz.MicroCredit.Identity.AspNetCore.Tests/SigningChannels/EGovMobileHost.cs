using Kz.MicroCredit.Identity.AspNetCore;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.SigningChannels;
using Kz.MicroCredit.Identity.Testing.Pki;
using Kz.MicroCredit.Identity.Testing.SigningChannels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests.SigningChannels;

/// <summary>A lender's web host on a test server: nca-eds over a sandbox PKI, eGov mobile signing mapped, a simulator.</summary>
internal sealed class EGovMobileHost : IAsyncDisposable
{
    public static readonly Iin Borrower = Iin.Parse("880912300763");
    public static readonly Iin Other = Iin.Parse("790303402568");

    private readonly bool _ownsPki;

    private EGovMobileHost(WebApplication app, SandboxPki pki, FakeTimeProvider time, bool ownsPki)
    {
        _ownsPki = ownsPki;
        App = app;
        Pki = pki;
        Time = time;
        Client = app.GetTestClient();
        Simulator = new EGovMobileSimulator(Client, time);
    }

    public WebApplication App { get; }

    public SandboxPki Pki { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public EGovMobileSimulator Simulator { get; }

    public IEGovMobileSigningService Signing => App.Services.GetRequiredService<IEGovMobileSigningService>();

    public IBorrowerIdentifier Identifier => App.Services.GetRequiredService<IBorrowerIdentifier>();

    /// <summary>Starts a host; a farm's instances share <paramref name="sharedPki"/>, <paramref name="sharedTime"/> and the state added by <paramref name="identification"/>.</summary>
    public static async Task<EGovMobileHost> StartAsync(EGovMobileSignMethod signMethod = EGovMobileSignMethod.Xml, NcaKeyAlgorithm algorithm = NcaKeyAlgorithm.Gost2015_512, Action<EGovMobileSigningOptions>? configure = null, bool revocationUnavailable = false, Func<TimeProvider, IEGovMobileSessionStore>? store = null, SandboxPki? sharedPki = null, FakeTimeProvider? sharedTime = null, Action<BorrowerIdentificationBuilder>? identification = null)
    {
        FakeTimeProvider time = sharedTime ?? new FakeTimeProvider(DateTimeOffset.UtcNow);
        SandboxPki pki = sharedPki ?? new SandboxPki(new SandboxPkiOptions { TimeProvider = time, Algorithm = algorithm });
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        if (store is not null)
        {
            builder.Services.AddSingleton(store(time));
        }

        BorrowerIdentificationBuilder kzid = builder.Services.AddBorrowerIdentification();
        identification?.Invoke(kzid);
        kzid
            .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.NcaEds))
            .AddNcaEds(o =>
            {
                o.TrustStore = NcaTrustStore.Custom([pki.RootCertificate], [pki.IssuingCaCertificate]);
                // Hard-fail with no checker registered: revocation is never established, every signature Indeterminate.
                o.Revocation = revocationUnavailable ? NcaEdsRevocationMode.HardFail : NcaEdsRevocationMode.Off;
            })
            .AddEGovMobileSigning(o =>
            {
                o.PublicBaseUrl = new Uri("https://lender.example/app/");
                o.OrganisationNameRu = "ТОО «МФО Тест»";
                o.OrganisationNameKz = "«МҚҰ Тест» ЖШС";
                o.OrganisationNameEn = "MFO Test LLP";
                o.OrganisationBin = "123456789012";
                o.SignMethod = signMethod;
                configure?.Invoke(o);
            });
        WebApplication app = builder.Build();
        // The public base URL has a path (a reverse proxy forwards /app): the host strips it as a lender would.
        app.UsePathBase("/app");
        app.UseRouting();
        app.MapKzidEGovMobileSigning();
        await app.StartAsync();
        return new EGovMobileHost(app, pki, time, sharedPki is null);
    }

    public Task<EGovMobileSigningSession> StartSessionAsync(Iin? iin = null) =>
        Signing.StartAsync(iin ?? Borrower, IdentificationOperation.AgreementSigning);

    public async Task<IdentificationResult> IdentifyAsync(NcaEdsEvidence evidence, Iin? iin = null)
    {
        var request = new BorrowerIdentificationRequest(iin ?? Borrower, IdentificationOperation.AgreementSigning, "loan-1");
        request.Evidence.Add(evidence);
        return await Identifier.IdentifyAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsPki)
        {
            Pki.Dispose();
        }
    }
}
