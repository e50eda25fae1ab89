using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kz.MicroCredit.Identity.Biometrics;
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

namespace Kz.MicroCredit.Identity.Testing;

/// <summary>
/// The whole sandbox in one object, all on loopback: a test NCA PKI with its OCSP/CRL responder, the CEID, liveness
/// provider and SmartBridge simulators, a capturing SMS sender and the lender's test legal-entity key. Wire it into a
/// host with <see cref="KzidSandboxServiceCollectionExtensions.AddKzidSandbox"/>; add borrowers with
/// <see cref="AddBorrower"/> (the sample borrower <see cref="SampleBorrowerIin"/> is there from the start).
/// </summary>
public sealed class KzidSandbox : IAsyncDisposable
{
    /// <summary>The sandbox's company name (the lender).</summary>
    public const string CompanyName = "ТОО \"SANDBOX MFO\"";

    /// <summary>The sandbox's company BIN (the lender).</summary>
    public const string CompanyBin = "070840007503";

    private const string SenderId = "sandbox-mfo";
    private const string SenderPassword = "sandbox-password";
    private const string DirectCheckServiceId = "SANDBOX_PHONE_CHECK";
    private readonly ConcurrentDictionary<string, INcaSigner> _keys = new(StringComparer.Ordinal);
    private readonly SandboxPki _lenderPki;

    private KzidSandbox(SandboxPki pki, SandboxPki lenderPki, INcaSigner lenderKey)
    {
        Pki = pki;
        _lenderPki = lenderPki;
        LenderKey = lenderKey;
    }

    /// <summary>Gets the IIN of the sandbox's sample borrower (a good borrower in every simulator).</summary>
    public static Iin SampleBorrowerIin { get; } = Iin.Parse("880912300763");

    /// <summary>Gets the sample borrower's phone (registered to <see cref="SampleBorrowerIin"/> at SmartBridge).</summary>
    public static KzPhoneNumber SampleBorrowerPhone { get; } = KzPhoneNumber.Parse("+7 701 123 45 67");

    /// <summary>Gets the test NCA PKI that issues the borrowers' keys.</summary>
    public SandboxPki Pki { get; }

    /// <summary>Gets the OCSP and CRL responder of <see cref="Pki"/>.</summary>
    public SandboxRevocationResponder Revocation { get; private set; } = null!;

    /// <summary>Gets the CEID simulator (<c>kcmr-biometrics</c>).</summary>
    public CeidSimulator Ceid { get; private set; } = null!;

    /// <summary>Gets the liveness provider simulator (<c>realtime-photo</c>).</summary>
    public LivenessProviderSimulator Liveness { get; private set; } = null!;

    /// <summary>Gets the SmartBridge simulator (<c>egov-phone-ownership</c>).</summary>
    public SmartBridgeSimulator SmartBridge { get; private set; } = null!;

    /// <summary>Gets the SMS sender that keeps the one-time codes instead of sending them.</summary>
    public CapturingOtpSender Sms { get; } = new();

    /// <summary>Gets the lender's test legal-entity key (signs SmartBridge requests).</summary>
    public INcaSigner LenderKey { get; }

    /// <summary>Gets the trust store holding the sandbox CAs (for <c>nca-eds</c>).</summary>
    public NcaTrustStore TrustStore => NcaTrustStore.Custom([Pki.RootCertificate], [Pki.IssuingCaCertificate]);

    /// <summary>Starts every simulator on a free loopback port and adds the sample borrower.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The running sandbox.</returns>
    public static async Task<KzidSandbox> StartAsync(CancellationToken cancellationToken = default)
    {
        var pki = new SandboxPki();
        var lenderPki = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Gost2015_512, NameSuffix = "LENDER" });
        INcaSigner lenderKey = lenderPki.IssueLegalEntity(Iin.Parse("790303402568"), Bin.Parse(CompanyBin), CompanyName, "ТЕСТОВА", "АЙГУЛЬ", NcaLegalEntityRoles.FirstHead);
        var sandbox = new KzidSandbox(pki, lenderPki, lenderKey);
        try
        {
            sandbox.Revocation = await SandboxRevocationResponder.StartAsync(pki, cancellationToken).ConfigureAwait(false);
            sandbox.Ceid = await CeidSimulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            sandbox.Liveness = await LivenessProviderSimulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            sandbox.SmartBridge = await SmartBridgeSimulator.StartAsync(
                new SmartBridgeSimulatorOptions { Pki = lenderPki, SenderId = SenderId, SenderPassword = SenderPassword, DirectCheckServiceId = DirectCheckServiceId },
                cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await sandbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        sandbox.AddBorrower(SampleBorrowerIin, SampleBorrowerPhone);
        return sandbox;
    }

    /// <summary>
    /// Adds a good borrower everywhere: an NCA test key for the IIN, the phone registered to the IIN at SmartBridge,
    /// a biometric match at CEID and a passing liveness script. Script a negative outcome afterwards on the simulators.
    /// </summary>
    /// <param name="iin">The borrower's IIN.</param>
    /// <param name="phone">The borrower's phone.</param>
    /// <returns>The borrower's signing key (see <see cref="KeyFor"/>).</returns>
    public INcaSigner AddBorrower(Iin iin, KzPhoneNumber phone)
    {
        SmartBridge.Register(iin, phone);
        Ceid.Script(iin, CeidSimulatedBehaviour.Match);
        Liveness.Script(iin, SimulatedPersonBehavior.Pass);
        return KeyFor(iin);
    }

    /// <summary>Gets the borrower's NCA test key, issuing one on first use.</summary>
    /// <param name="iin">The IIN.</param>
    /// <returns>The key and its certificate.</returns>
    public INcaSigner KeyFor(Iin iin) => _keys.GetOrAdd(iin.Value, _ => Pki.IssueIndividual(iin, "ТЕСТОВ", "ЗАЁМЩИК", "САНДБОКСОВИЧ"));

    /// <summary>Signs a challenge as NCALayer would (CMS, attached) with the borrower's test key.</summary>
    /// <param name="challenge">The challenge issued for the borrower.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The CMS to put into <see cref="NcaEdsEvidence"/>.</returns>
    public Task<byte[]> SignChallengeAsync(BorrowerChallenge challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return Pki.SignChallengeCmsAsync(challenge, KeyFor(challenge.Iin), detached: false, cancellationToken);
    }

    /// <summary>Revokes the borrower's key at the sandbox responder (OCSP and CRL), e.g. to show a veto.</summary>
    /// <param name="iin">The IIN.</param>
    public void RevokeKey(Iin iin) => Revocation.Revoke(KeyFor(iin).Certificate, DateTimeOffset.UtcNow.AddMinutes(-1), reason: 1);

    /// <summary>Points the <c>nca-eds</c> options at the sandbox PKI with revocation on (hard-fail).</summary>
    /// <param name="options">The options.</param>
    public void Configure(NcaEdsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TrustStore = TrustStore;
        options.Revocation = NcaEdsRevocationMode.HardFail;
    }

    /// <summary>Pins the sandbox responder's OCSP and CRL endpoints, replacing every configured issuer.</summary>
    /// <param name="options">The options.</param>
    public void Configure(RevocationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Issuers.Clear();
        options.OcspResponderUrl = null;
        options.CrlFiles.Clear();
        var issuing = new RevocationIssuerOptions
        {
            Name = "Sandbox issuing CA",
            CertificateSha256 = Pki.IssuingCaCertificate.GetCertHashString(HashAlgorithmName.SHA256),
            OcspUrl = Revocation.OcspUrl,
        };
        issuing.CrlUrls.Add(Revocation.CrlUrl);
        issuing.DeltaCrlUrls.Add(Revocation.DeltaCrlUrl);
        var root = new RevocationIssuerOptions { Name = "Sandbox root", CertificateSha256 = Pki.RootCertificate.GetCertHashString(HashAlgorithmName.SHA256) };
        root.CrlUrls.Add(Revocation.RootCrlUrl);
        root.Order.Add(RevocationSource.Crl);
        options.Issuers.Add(issuing);
        options.Issuers.Add(root);
    }

    /// <summary>Points the <c>kcmr-biometrics</c> options at the CEID simulator.</summary>
    /// <param name="options">The options.</param>
    public void Configure(KcmrBiometricsOptions options) => Ceid.Configure(options);

    /// <summary>Points the <c>realtime-photo</c> options at the liveness simulator.</summary>
    /// <param name="options">The options.</param>
    public void Configure(RealTimePhotoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Provider.Name = "sandbox-liveness";
        options.Provider.BaseAddress = Liveness.BaseAddress;
        options.Provider.WebhookSecret = Liveness.WebhookSecret;
        options.Provider.ApiKey = null;
    }

    /// <summary>Points the <c>egov-phone-ownership</c> options at the SmartBridge simulator (direct check, signed both ways).</summary>
    /// <param name="options">The options.</param>
    public void Configure(EGovPhoneOwnershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Endpoint = SmartBridge.Endpoint;
        options.SenderId = SenderId;
        options.SenderPassword = SenderPassword;
        options.SenderPasswordEnvironmentVariable = null;
        options.Signer = LenderKey;
        options.SigningKeyPath = null;
        options.GatewayCertificate = SmartBridge.GatewayCertificate;
        options.GatewayCertificatePath = null;
        options.GatewayTrustStore = SmartBridge.TrustStore;
        options.DirectCheckServiceId = DirectCheckServiceId;
        options.CompanyName = CompanyName;
        options.CompanyBin = CompanyBin;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (IAsyncDisposable? simulator in new IAsyncDisposable?[] { SmartBridge, Liveness, Ceid, Revocation })
        {
            if (simulator is not null)
            {
                await simulator.DisposeAsync().ConfigureAwait(false);
            }
        }

        Pki.Dispose();
        _lenderPki.Dispose();
    }
}
