using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Kz.MicroCredit.Identity.Testing.PhoneOwnership;
using Kz.MicroCredit.Identity.Testing.Pki;
using Kz.MicroCredit.Identity.Testing.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing.Revocation;

namespace OnboardingWeb.Sandbox;

/// <summary>
/// The sample's view of the built-in sandbox that <c>AddKzidSandbox()</c> wires in: a test NCA PKI with a revocation
/// responder, the SmartBridge (e-gov phone check), KCMR CEID and liveness-vendor simulators on loopback, and an SMS
/// sender that keeps the codes. Every simulator is scripted per IIN, so any valid IIN typed on the start page works and
/// tests running one after another do not disturb each other.
/// </summary>
public sealed class OnboardingSandbox
{
    /// <summary>The IIN the phone belongs to in the <see cref="SandboxScenario.PhoneOtherIin"/> scenario.</summary>
    public const string PhoneOwnerInOtherIinScenario = "031231500126";

    private readonly Lock _issueLock = new();
    private readonly KzidSandbox _sandbox;

    /// <summary>Initializes a new instance of the <see cref="OnboardingSandbox"/> class.</summary>
    /// <param name="sandbox">The sandbox the container started (it stops with the container).</param>
    public OnboardingSandbox(KzidSandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        _sandbox = sandbox;
    }

    /// <summary>Gets the revocation responder (OCSP and CRLs of the test CAs).</summary>
    public SandboxRevocationResponder Revocation => _sandbox.Revocation;

    /// <summary>Gets the SmartBridge simulator.</summary>
    public SmartBridgeSimulator SmartBridge => _sandbox.SmartBridge;

    /// <summary>Gets the KCMR CEID simulator.</summary>
    public CeidSimulator Ceid => _sandbox.Ceid;

    /// <summary>Gets the liveness vendor simulator.</summary>
    public LivenessProviderSimulator Liveness => _sandbox.Liveness;

    /// <summary>Gets the SMS sender that keeps the codes (shown in the sandbox hint panel of the OTP page).</summary>
    public CapturingOtpSender Sms => _sandbox.Sms;

    /// <summary>Scripts every simulator for one borrower.</summary>
    /// <param name="iin">The borrower's IIN.</param>
    /// <param name="phone">The borrower's phone.</param>
    /// <param name="scenario">What should happen.</param>
    public void Prepare(Iin iin, KzPhoneNumber phone, SandboxScenario scenario)
    {
        SmartBridge.Register(scenario == SandboxScenario.PhoneOtherIin ? Iin.Parse(PhoneOwnerInOtherIinScenario) : iin, phone);
        Ceid.Script(iin.Value, scenario == SandboxScenario.FaceNoMatch ? CeidSimulatedBehaviour.NoMatch : CeidSimulatedBehaviour.Match);
        Liveness.Script(iin, scenario == SandboxScenario.LivenessDown ? SimulatedPersonBehavior.Failing : SimulatedPersonBehavior.Pass);
        BorrowerKey(iin);
    }

    /// <summary>Signs a challenge as the borrower would in NCALayer, with the test key the sandbox issued to the IIN.</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The CMS (attached).</returns>
    public Task<byte[]> SignAsBorrowerAsync(BorrowerChallenge challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        BorrowerKey(challenge.Iin);
        return _sandbox.SignChallengeAsync(challenge, cancellationToken);
    }

    /// <summary>Plays the borrower finishing the liveness vendor's hosted flow (in production the vendor's web SDK does this).</summary>
    /// <param name="providerSessionId">The vendor's session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    public Task CompleteLivenessFlowAsync(string providerSessionId, CancellationToken cancellationToken = default) =>
        Liveness.CompleteFlowAsync(providerSessionId, cancellationToken);

    /// <summary>Gets the sandbox test key of a person (issued on first use): what an eGov mobile or NCALayer simulator signs with.</summary>
    /// <param name="iin">The person's IIN.</param>
    /// <returns>The key.</returns>
    public INcaSigner BorrowerSigner(Iin iin) => BorrowerKey(iin);

    private INcaSigner BorrowerKey(Iin iin)
    {
        // The sandbox PKI is not meant for concurrent issuing: one key per IIN, issued on first use, one at a time.
        lock (_issueLock)
        {
            return _sandbox.KeyFor(iin);
        }
    }
}
