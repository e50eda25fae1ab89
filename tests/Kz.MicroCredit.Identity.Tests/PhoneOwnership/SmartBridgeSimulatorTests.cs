using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing;
using Kz.MicroCredit.Identity.Testing.PhoneOwnership;
using Kz.MicroCredit.Identity.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.PhoneOwnership;

#pragma warning disable CA1001 // disposed in IAsyncLifetime.DisposeAsync
/// <summary>End to end over loopback HTTP: the method with its real client against the sandbox SmartBridge.</summary>
public sealed class SmartBridgeSimulatorTests : IAsyncLifetime
{
    private static readonly Iin Borrower = Iin.Parse("880912300763");
    private static readonly Iin Other = Iin.Parse("031231500126");
    private static readonly KzPhoneNumber Phone = KzPhoneNumber.Parse("+77011234567");
    private readonly SandboxPki _pki = new(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Rsa });
    private SmartBridgeSimulator _simulator = null!;
    private INcaSigner _lender = null!;

    public async Task InitializeAsync()
    {
        _lender = _pki.IssueLegalEntity(Iin.Parse("790303402568"), Bin.Parse("070840007503"), "MFO", "TEST", "LENDER", NcaLegalEntityRoles.FirstHead);
        _simulator = await SmartBridgeSimulator.StartAsync(new SmartBridgeSimulatorOptions { Pki = _pki, SenderId = "mfo", SenderPassword = "pw" });
    }

    public async Task DisposeAsync()
    {
        await _simulator.DisposeAsync();
        _pki.Dispose();
    }

    private ServiceProvider Provider(PhoneOwnershipMode mode = PhoneOwnershipMode.Direct, INcaSigner? signer = null, Action<EGovPhoneOwnershipOptions>? tweak = null)
    {
        var services = new ServiceCollection();
        services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicies.Rules2021)
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, MethodVerdict.Verified()))
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.KcmrBiometrics, MethodVerdict.NotApplicable()))
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.RealTimePhoto, MethodVerdict.NotApplicable()))
            .AddEGovPhoneOwnership(o =>
            {
                o.Endpoint = _simulator.Endpoint;
                o.SenderId = "mfo";
                o.SenderPassword = "pw";
                o.Signer = signer ?? _lender;
                o.GatewayCertificate = _simulator.GatewayCertificate;
                o.GatewayTrustStore = _simulator.TrustStore;
                o.Mode = mode;
                o.DirectCheckServiceId = "SANDBOX_PHONE_CHECK";
                o.CompanyName = "MFO";
                o.CompanyBin = "070840007503";
                o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(20);
                o.Resilience.TotalTimeout = TimeSpan.FromSeconds(30);
                tweak?.Invoke(o);
            });
        ServiceProvider provider = services.BuildServiceProvider();
        provider.ValidateBorrowerIdentificationOptions();
        return provider;
    }

    private static BorrowerIdentificationRequest Request(Iin? iin = null) =>
        new(iin ?? Borrower, IdentificationOperation.AgreementSigning, "loan-9") { PhoneNumber = Phone };

    private async Task<MethodOutcome> DirectAsync(Iin? iin = null, Action<EGovPhoneOwnershipOptions>? tweak = null, INcaSigner? signer = null)
    {
        await using ServiceProvider provider = Provider(signer: signer, tweak: tweak);
        return await provider.GetRequiredService<EGovPhoneOwnershipMethod>().EvaluateAsync(Request(iin));
    }

    [Fact]
    public async Task Registered_person_is_verified_through_signed_requests_and_answers()
    {
        _simulator.Register(Borrower, Phone);
        MethodOutcome outcome = await DirectAsync();
        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        Assert.Equal("verified", outcome.Evidence.Facts["smartbridge.signature"]);
        Assert.Equal(_simulator.GatewayCertificate.SerialNumber.ToLowerInvariant(), outcome.Evidence.Facts["smartbridge.signer.serial"]);
        Assert.Equal(0, _simulator.RejectedCount);
    }

    [Fact]
    public async Task Escaped_payloads_from_the_simulator_are_verified()
    {
        await _simulator.DisposeAsync();
        _simulator = await SmartBridgeSimulator.StartAsync(new SmartBridgeSimulatorOptions { Pki = _pki, EscapePayloads = true });
        _simulator.Register(Borrower, Phone);
        Assert.Equal(IdentificationStatus.Verified, (await DirectAsync()).Status);
    }

    [Fact]
    public async Task Answers_naming_the_gateway_by_issuer_and_serial_only_verify_with_the_configured_certificate()
    {
        await _simulator.DisposeAsync();
        _simulator = await SmartBridgeSimulator.StartAsync(new SmartBridgeSimulatorOptions { Pki = _pki, IssuerSerialKeyInfo = true });
        _simulator.Register(Borrower, Phone);
        Assert.Equal(IdentificationStatus.Verified, (await DirectAsync()).Status);

        // With another (trusted) certificate configured, the issuer+serial hint matches nothing: not verified.
        INcaSigner other = _pki.IssueServiceCertificate("OTHER GATEWAY", SandboxServiceKind.InformationSystem);
        MethodOutcome outcome = await DirectAsync(tweak: o => o.GatewayCertificate = other.Certificate);
        Assert.Equal([ReasonCode.SmartBridgeSignatureInvalid], outcome.Reasons);
    }

    [Fact]
    public async Task Not_registered_number_is_rejected()
    {
        MethodOutcome outcome = await DirectAsync();
        Assert.Equal([ReasonCode.PhoneNotRegistered], outcome.Reasons);
    }

    [Fact]
    public async Task Number_of_another_iin_vetoes_the_whole_Rules2021_policy_although_eds_passed()
    {
        _simulator.Register(Other, Phone);
        await using ServiceProvider provider = Provider();
        IdentificationResult result = await provider.GetRequiredService<IBorrowerIdentifier>().IdentifyAsync(Request());
        Assert.Equal(IdentificationStatus.Rejected, result.Status);
        Assert.Contains(ReasonCode.VetoFound, result.Reasons);
        Assert.Equal(IdentificationStatus.Verified, result.Methods.Single(m => m.MethodId == IdentificationMethodId.NcaEds).Status);
        MethodOutcome phone = result.Methods.Single(m => m.MethodId == IdentificationMethodId.EGovPhoneOwnership);
        Assert.True(phone.IsVeto);
        Assert.Equal([ReasonCode.PhoneRegisteredToAnotherIin], phone.Reasons);
    }

    [Fact]
    public async Task Soap_fault_is_indeterminate()
    {
        _simulator.Register(Borrower, Phone).ScriptFault(Borrower);
        Assert.Equal([ReasonCode.SmartBridgeFault], (await DirectAsync()).Reasons);
    }

    [Fact]
    public async Task Slow_gateway_is_indeterminate_timeout()
    {
        _simulator.Register(Borrower, Phone).ScriptDelay(Borrower, TimeSpan.FromSeconds(5));
        MethodOutcome outcome = await DirectAsync(tweak: o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(1);
        });
        Assert.Equal([ReasonCode.Timeout], outcome.Reasons);
    }

    [Fact]
    public async Task Request_signed_by_a_key_outside_the_sandbox_pki_is_refused_by_the_simulator()
    {
        _simulator.Register(Borrower, Phone);
        using var foreignPki = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Rsa });
        INcaSigner foreign = foreignPki.IssueLegalEntity(Iin.Parse("790303402568"), Bin.Parse("070840007503"), "MFO", "X", "Y", NcaLegalEntityRoles.FirstHead);
        MethodOutcome outcome = await DirectAsync(signer: foreign);
        Assert.Equal([ReasonCode.SmartBridgeFault], outcome.Reasons);
        Assert.Equal(1, _simulator.RejectedCount);
    }

    [Fact]
    public async Task Wrong_sender_password_is_refused()
    {
        _simulator.Register(Borrower, Phone);
        MethodOutcome outcome = await DirectAsync(tweak: o => o.SenderPassword = "wrong");
        Assert.Equal([ReasonCode.SmartBridgeFault], outcome.Reasons);
    }

    [Fact]
    public async Task Consent_flow_with_the_captured_code_is_verified_and_a_wrong_code_is_rejected()
    {
        _simulator.Register(Borrower, Phone);
        await using ServiceProvider provider = Provider(PhoneOwnershipMode.Consent);
        IPhoneOwnershipConsentService consent = provider.GetRequiredService<IPhoneOwnershipConsentService>();
        EGovPhoneOwnershipMethod method = provider.GetRequiredService<EGovPhoneOwnershipMethod>();

        PhoneOwnershipConsentStart start = await consent.StartConsentAsync(Borrower, Phone);
        Assert.True(start.CodeSent);
        Assert.True(_simulator.TryGetSentCode(Borrower, out string? captured));
        string code = captured.Split('|')[0];
        string wrong = code == "000000" ? "111111" : "000000";

        BorrowerIdentificationRequest bad = Request();
        bad.Evidence.Add(new EGovPhoneOwnershipEvidence(start.Handle!, wrong));
        Assert.Equal([ReasonCode.PhoneConsentCodeInvalid], (await method.EvaluateAsync(bad)).Reasons);

        BorrowerIdentificationRequest good = Request();
        good.Evidence.Add(new EGovPhoneOwnershipEvidence(start.Handle!, code));
        MethodOutcome outcome = await method.EvaluateAsync(good);
        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        Assert.Equal("consent", outcome.Evidence.Facts["phone.mode"]);
    }

    [Fact]
    public async Task Consent_for_a_person_without_a_registered_number_sends_no_code()
    {
        await using ServiceProvider provider = Provider(PhoneOwnershipMode.Consent);
        PhoneOwnershipConsentStart start = await provider.GetRequiredService<IPhoneOwnershipConsentService>().StartConsentAsync(Borrower, Phone);
        Assert.False(start.CodeSent);
        Assert.False(_simulator.TryGetSentCode(Borrower, out _));
    }
}
