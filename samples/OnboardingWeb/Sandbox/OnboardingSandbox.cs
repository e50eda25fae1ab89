using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Kz.MicroCredit.Identity.Testing.PhoneOwnership;
using Kz.MicroCredit.Identity.Testing.Pki;
using Kz.MicroCredit.Identity.Testing.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing.Revocation;

namespace OnboardingWeb.Sandbox;

/// <summary>
/// The built-in sandbox the sample runs against when no real services are configured: a test NCA PKI with a revocation
/// responder, the SmartBridge (e-gov phone check), KCMR CEID and liveness-vendor simulators on loopback, and an SMS
/// sender that keeps the codes. Every simulator is scripted per IIN, so any valid IIN typed on the start page works and
/// tests running one after another do not disturb each other.
/// </summary>
public sealed class OnboardingSandbox : IAsyncDisposable
{
    /// <summary>The IIN the phone belongs to in the <see cref="SandboxScenario.PhoneOtherIin"/> scenario.</summary>
    public const string PhoneOwnerInOtherIinScenario = "031231500126";

    private readonly ConcurrentDictionary<string, INcaSigner> _borrowerKeys = new(StringComparer.Ordinal);
    private readonly Lock _issueLock = new();
    private SandboxPki _borrowerPki = null!;
    private SandboxPki _lenderPki = null!;

    private OnboardingSandbox()
    {
    }

    /// <summary>Gets the revocation responder (OCSP and CRLs of the test CAs).</summary>
    public SandboxRevocationResponder Revocation { get; private set; } = null!;

    /// <summary>Gets the SmartBridge simulator.</summary>
    public SmartBridgeSimulator SmartBridge { get; private set; } = null!;

    /// <summary>Gets the KCMR CEID simulator.</summary>
    public CeidSimulator Ceid { get; private set; } = null!;

    /// <summary>Gets the liveness vendor simulator.</summary>
    public LivenessProviderSimulator Liveness { get; private set; } = null!;

    /// <summary>Gets the SMS sender that keeps the codes (shown in the sandbox hint panel of the OTP page).</summary>
    public CapturingOtpSender Sms { get; } = new();

    /// <summary>Starts every simulator on a free loopback port.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The running sandbox.</returns>
    public static async Task<OnboardingSandbox> StartAsync(CancellationToken cancellationToken = default)
    {
        var sandbox = new OnboardingSandbox();
        try
        {
            sandbox._borrowerPki = new SandboxPki();
            sandbox._lenderPki = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Gost2015_512 });
            sandbox.Revocation = await SandboxRevocationResponder.StartAsync(sandbox._borrowerPki, cancellationToken);
            sandbox.SmartBridge = await SmartBridgeSimulator.StartAsync(
                new SmartBridgeSimulatorOptions { Pki = sandbox._lenderPki, SenderId = "sandbox-mfo", SenderPassword = "sandbox-password" },
                cancellationToken);
            sandbox.Ceid = await CeidSimulator.StartAsync(cancellationToken: cancellationToken);
            sandbox.Liveness = await LivenessProviderSimulator.StartAsync(cancellationToken: cancellationToken);
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>Registers every identification method against the simulators, the way a lender registers the real services.</summary>
    /// <param name="services">The services.</param>
    /// <param name="identification">The identification builder.</param>
    public void Register(IServiceCollection services, BorrowerIdentificationBuilder identification)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(identification);

        identification.AddNcaEds(o => o.TrustStore = NcaTrustStore.Custom([_borrowerPki.RootCertificate], [_borrowerPki.IssuingCaCertificate]));

        // Revocation endpoints are pinned in configuration, never taken from the borrower's certificate.
        identification.AddNcaRevocation(o =>
        {
            var issuing = new RevocationIssuerOptions
            {
                Name = "Sandbox issuing CA",
                CertificateSha256 = _borrowerPki.IssuingCaCertificate.GetCertHashString(HashAlgorithmName.SHA256),
                OcspUrl = Revocation.OcspUrl,
            };
            issuing.CrlUrls.Add(Revocation.CrlUrl);
            issuing.DeltaCrlUrls.Add(Revocation.DeltaCrlUrl);
            var root = new RevocationIssuerOptions { Name = "Sandbox root", CertificateSha256 = _borrowerPki.RootCertificate.GetCertHashString(HashAlgorithmName.SHA256) };
            root.CrlUrls.Add(Revocation.RootCrlUrl);
            root.Order.Add(RevocationSource.Crl);
            o.Issuers.Add(issuing);
            o.Issuers.Add(root);
        });

        identification.AddKcmrBiometrics(o => Ceid.Configure(o));

        INcaSigner lenderKey = _lenderPki.IssueLegalEntity(
            Iin.Parse("790303402568"), Bin.Parse("070840007503"), "ТОО \"SANDBOX MFO\"", "ТЕСТОВА", "АЙГУЛЬ", NcaLegalEntityRoles.FirstHead);
        identification.AddEGovPhoneOwnership(o =>
        {
            o.Endpoint = SmartBridge.Endpoint;
            o.SenderId = "sandbox-mfo";
            o.SenderPassword = "sandbox-password";
            o.Signer = lenderKey;
            o.GatewayCertificate = SmartBridge.GatewayCertificate;
            o.GatewayTrustStore = SmartBridge.TrustStore;
            o.Mode = PhoneOwnershipMode.Direct;
            o.DirectCheckServiceId = "SANDBOX_PHONE_CHECK";
            o.CompanyName = "ТОО \"SANDBOX MFO\"";
            o.CompanyBin = "070840007503";
        });

        services.AddSingleton<IOtpSender>(Sms);
        identification.AddRealTimePhotoVerification(o =>
        {
            o.Provider.Name = "sandbox-liveness";
            o.Provider.BaseAddress = Liveness.BaseAddress;
            o.Provider.WebhookSecret = Liveness.WebhookSecret;
        });
    }

    /// <summary>Scripts every simulator for one borrower.</summary>
    /// <param name="iin">The borrower's IIN.</param>
    /// <param name="phone">The borrower's phone.</param>
    /// <param name="scenario">What should happen.</param>
    public void Prepare(Iin iin, KzPhoneNumber phone, SandboxScenario scenario)
    {
        SmartBridge.Register(scenario == SandboxScenario.PhoneOtherIin ? Iin.Parse(PhoneOwnerInOtherIinScenario) : iin, phone);
        Ceid.Script(iin.Value, scenario == SandboxScenario.FaceNoMatch ? CeidSimulatedBehaviour.NoMatch : CeidSimulatedBehaviour.Match);
        Liveness.Script(iin, scenario == SandboxScenario.LivenessDown ? SimulatedPersonBehavior.Failing : SimulatedPersonBehavior.Pass);
        _ = BorrowerKey(iin);
    }

    /// <summary>Signs a challenge as the borrower would in NCALayer, with the test key the sandbox issued to the IIN.</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The CMS (attached).</returns>
    public Task<byte[]> SignAsBorrowerAsync(BorrowerChallenge challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return _borrowerPki.SignChallengeCmsAsync(challenge, BorrowerKey(challenge.Iin), detached: false, cancellationToken);
    }

    /// <summary>Plays the borrower finishing the liveness vendor's hosted flow (in production the vendor's web SDK does this).</summary>
    /// <param name="providerSessionId">The vendor's session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public Task CompleteLivenessFlowAsync(string providerSessionId, CancellationToken cancellationToken = default) =>
        Liveness.CompleteFlowAsync(providerSessionId, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Liveness is not null)
        {
            await Liveness.DisposeAsync();
        }

        if (Ceid is not null)
        {
            await Ceid.DisposeAsync();
        }

        if (SmartBridge is not null)
        {
            await SmartBridge.DisposeAsync();
        }

        if (Revocation is not null)
        {
            await Revocation.DisposeAsync();
        }

        _borrowerPki?.Dispose();
        _lenderPki?.Dispose();
    }

    /// <summary>Gets the sandbox test key of a person (issued on first use): what an eGov mobile or NCALayer simulator signs with.</summary>
    /// <param name="iin">The person's IIN.</param>
    /// <returns>The key.</returns>
    public INcaSigner BorrowerSigner(Iin iin) => BorrowerKey(iin);

    private INcaSigner BorrowerKey(Iin iin)
    {
        // SandboxPki is not meant for concurrent issuing; one key per IIN, issued on first use.
        lock (_issueLock)
        {
            return _borrowerKeys.GetOrAdd(iin.Value, _ => _borrowerPki.IssueIndividual(iin, "ТЕСТОВ", "ЗАЁМЩИК", "САНДБОКСОВИЧ"));
        }
    }
}
