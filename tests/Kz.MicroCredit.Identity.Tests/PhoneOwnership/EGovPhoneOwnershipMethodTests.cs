using System.Xml.Linq;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.PhoneOwnership;

public sealed class EGovPhoneOwnershipMethodTests
{
    private static readonly Iin Borrower = Iin.Parse("880912300763");
    private static readonly KzPhoneNumber Phone = KzPhoneNumber.Parse("+77011234567");

    private sealed class StubClient(Func<string, SmartBridgeServiceData, SmartBridgeCallResult> answer) : ISmartBridgeClient
    {
        public List<string> Services { get; } = [];

        public Task<SmartBridgeCallResult> SendAsync(string serviceId, SmartBridgeServiceData data, CancellationToken cancellationToken)
        {
            Services.Add(serviceId);
            return Task.FromResult(answer(serviceId, data) with { ServiceId = serviceId });
        }
    }

    private static SmartBridgeCallResult Ok(string dataXml) => new()
    {
        RequestMessageId = "m-1",
        ServiceId = "S",
        StatusCode = "SCSS001",
        ResponseMessageId = "m-1",
        SignatureCheck = "verified",
        SignerSerial = "0a",
        ResponseBytes = [1, 2, 3],
        Data = new SmartBridgeResponseData(XElement.Parse("<data>" + dataXml + "</data>"), false),
    };

    private static SmartBridgeCallResult Failed(ReasonCode reason) => new() { RequestMessageId = "m-1", ServiceId = "S", Failure = reason };

    private static (EGovPhoneOwnershipMethod Method, StubClient Client, FakeTimeProvider Clock, PhoneOwnershipConsentService Consent) Create(
        Func<string, SmartBridgeServiceData, SmartBridgeCallResult> answer, PhoneOwnershipMode mode = PhoneOwnershipMode.Direct)
    {
        var options = new EGovPhoneOwnershipOptions
        {
            Mode = mode,
            DirectCheckServiceId = "PHONE_CHECK",
            CompanyName = "MFO",
            CompanyBin = "070840007503",
        };
        var settings = new SmartBridgeSettings(Options.Create(options));
        var client = new StubClient(answer);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var store = new InMemoryPhoneConsentStore(clock);
        var binding = new DefaultPhoneOwnershipBinding();
        var method = new EGovPhoneOwnershipMethod(client, binding, settings, store, clock, null);
        var consent = new PhoneOwnershipConsentService(client, binding, settings, store, clock);
        return (method, client, clock, consent);
    }

    private static BorrowerIdentificationRequest Request(KzPhoneNumber? phone = null) =>
        new(Borrower, IdentificationOperation.AgreementSigning, "loan-1") { PhoneNumber = phone ?? Phone };

    private const string Echo = "<iin>880912300763</iin><phoneNumber>77011234567</phoneNumber>";

    [Fact]
    public async Task Registered_for_exactly_the_declared_iin_and_number_is_verified_with_evidence()
    {
        var (method, client, _, _) = Create((_, _) => Ok(Echo + "<result>REGISTERED</result>"));
        MethodOutcome outcome = await method.EvaluateAsync(Request());
        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        Assert.Equal(["PHONE_CHECK"], client.Services);
        Assert.Equal("PHONE_CHECK", outcome.Evidence.Facts["smartbridge.service-id"]);
        Assert.Equal("m-1", outcome.Evidence.Facts["smartbridge.request.message-id"]);
        Assert.Equal("SCSS001", outcome.Evidence.Facts["smartbridge.status"]);
        Assert.Equal("0a", outcome.Evidence.Facts["smartbridge.signer.serial"]);
        Assert.Equal("verified", outcome.Evidence.Facts["smartbridge.signature"]);
        Assert.True(outcome.Evidence.Digests.ContainsKey("smartbridge.response"));
    }

    [Theory]
    [InlineData("<iin>880912300763</iin><phoneNumber>77011234568</phoneNumber><result>REGISTERED</result>")]
    [InlineData("<iin>790303402568</iin><phoneNumber>77011234567</phoneNumber><result>REGISTERED</result>")]
    [InlineData("<result>REGISTERED</result>")]
    public async Task Registered_for_another_iin_or_number_is_not_verified(string data)
    {
        var (method, _, _, _) = Create((_, _) => Ok(data));
        MethodOutcome outcome = await method.EvaluateAsync(Request());
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.SmartBridgeResponseMismatch], outcome.Reasons);
    }

    [Fact]
    public async Task Registered_to_another_iin_is_a_veto()
    {
        var (method, _, _, _) = Create((_, _) => Ok("<phoneNumber>77011234567</phoneNumber><result>REGISTERED_TO_OTHER_IIN</result>"));
        MethodOutcome outcome = await method.EvaluateAsync(Request());
        Assert.Equal(IdentificationStatus.Rejected, outcome.Status);
        Assert.True(outcome.IsVeto);
        Assert.Equal([ReasonCode.PhoneRegisteredToAnotherIin], outcome.Reasons);
    }

    [Fact]
    public async Task Not_registered_is_rejected_without_veto()
    {
        var (method, _, _, _) = Create((_, _) => Ok(Echo + "<result>NOT_REGISTERED</result>"));
        MethodOutcome outcome = await method.EvaluateAsync(Request());
        Assert.Equal(IdentificationStatus.Rejected, outcome.Status);
        Assert.False(outcome.IsVeto);
        Assert.Equal([ReasonCode.PhoneNotRegistered], outcome.Reasons);
    }

    [Theory]
    [InlineData("<result>UNKNOWN</result>", "PhoneOwnershipUnknown")]
    [InlineData("<result>SOMETHING_NEW</result>", "PhoneOwnershipUnknown")]
    [InlineData("<other/>", "ProviderProtocolError")]
    [InlineData("<iin>12</iin><result>REGISTERED</result>", "ProviderProtocolError")]
    public async Task Unknown_or_malformed_answers_are_indeterminate(string data, string reason)
    {
        var (method, _, _, _) = Create((_, _) => Ok(data));
        MethodOutcome outcome = await method.EvaluateAsync(Request());
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal(reason, outcome.Reasons.Single().Value);
    }

    [Fact]
    public async Task Transport_failure_is_indeterminate_with_its_reason()
    {
        var (method, _, _, _) = Create((_, _) => Failed(ReasonCode.SmartBridgeSignatureInvalid));
        MethodOutcome outcome = await method.EvaluateAsync(Request());
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.SmartBridgeSignatureInvalid], outcome.Reasons);
    }

    [Fact]
    public async Task No_phone_number_is_not_applicable_and_calls_nothing()
    {
        var (method, client, _, _) = Create((_, _) => Ok(Echo + "<result>REGISTERED</result>"));
        MethodOutcome outcome = await method.EvaluateAsync(new BorrowerIdentificationRequest(Borrower, IdentificationOperation.AgreementSigning, "loan-1"));
        Assert.Equal(IdentificationStatus.NotApplicable, outcome.Status);
        Assert.Empty(client.Services);
    }

    [Fact]
    public async Task Registered_to_another_iin_vetoes_Rules2021_even_though_another_method_passed()
    {
        var (phoneMethod, _, _, _) = Create((_, _) => Ok("<phoneNumber>77011234567</phoneNumber><result>REGISTERED_TO_OTHER_IIN</result>"));
        var eds = new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, MethodVerdict.Verified());
        var biometrics = new ScriptedIdentificationMethod(IdentificationMethodId.KcmrBiometrics, MethodVerdict.NotApplicable());
        var photo = new ScriptedIdentificationMethod(IdentificationMethodId.RealTimePhoto, MethodVerdict.NotApplicable());
        var identifier = new PolicyBorrowerIdentifier(IdentificationPolicies.Rules2021, [eds, biometrics, photo, phoneMethod], EvidenceReportFactory.Default, null);

        IdentificationResult result = await identifier.IdentifyAsync(Request());

        Assert.Equal(IdentificationStatus.Rejected, result.Status);
        Assert.Contains(ReasonCode.VetoFound, result.Reasons);
        Assert.Equal(1, eds.Calls);
        Assert.Contains(result.Methods, m => m.MethodId == IdentificationMethodId.EGovPhoneOwnership && m.IsVeto);
    }

    private const string Consented = "<status>CONFIRMED</status><uin>880912300763</uin><phoneNumber>77011234567</phoneNumber>";

    private static SmartBridgeCallResult ConsentServer(string service, SmartBridgeServiceData data, string confirmation) =>
        data.XsiType == DefaultPhoneOwnershipBinding.ConsentRequestType ? Ok("<status>OK</status><code>req-42</code>") : Ok(confirmation);

    [Fact]
    public async Task Consent_flow_with_the_right_code_is_verified_and_the_handle_is_single_use()
    {
        var (method, client, _, consent) = Create((s, d) => ConsentServer(s, d, Consented), PhoneOwnershipMode.Consent);
        PhoneOwnershipConsentStart start = await consent.StartConsentAsync(Borrower, Phone);
        Assert.True(start.CodeSent);
        BorrowerIdentificationRequest request = Request();
        request.Evidence.Add(new EGovPhoneOwnershipEvidence(start.Handle!, "123456"));

        MethodOutcome first = await method.EvaluateAsync(request);
        MethodOutcome second = await method.EvaluateAsync(request);

        Assert.Equal(IdentificationStatus.Verified, first.Status);
        Assert.Equal(["KDP_SERVICE", "KDP_SERVICE"], client.Services);
        Assert.Equal(IdentificationStatus.Rejected, second.Status);
        Assert.Equal([ReasonCode.ChallengeInvalid], second.Reasons);
    }

    [Fact]
    public async Task Consent_proving_another_number_for_the_iin_is_a_veto()
    {
        var (method, _, _, consent) = Create((s, d) => ConsentServer(s, d, "<status>CONFIRMED</status><uin>880912300763</uin><phoneNumber>77779998877</phoneNumber>"), PhoneOwnershipMode.Consent);
        PhoneOwnershipConsentStart start = await consent.StartConsentAsync(Borrower, Phone);
        BorrowerIdentificationRequest request = Request();
        request.Evidence.Add(new EGovPhoneOwnershipEvidence(start.Handle!, "123456"));

        MethodOutcome outcome = await method.EvaluateAsync(request);

        Assert.True(outcome.IsVeto);
        Assert.Equal([ReasonCode.PhoneNotRegisteredToIin], outcome.Reasons);
    }

    [Fact]
    public async Task Wrong_codes_are_rejected_and_exhaust_after_three_attempts()
    {
        var (method, client, _, consent) = Create((s, d) => ConsentServer(s, d, "<status>INVALID_CODE</status>"), PhoneOwnershipMode.Consent);
        PhoneOwnershipConsentStart start = await consent.StartConsentAsync(Borrower, Phone);
        BorrowerIdentificationRequest request = Request();
        request.Evidence.Add(new EGovPhoneOwnershipEvidence(start.Handle!, "000000"));

        MethodOutcome a1 = await method.EvaluateAsync(request);
        MethodOutcome a2 = await method.EvaluateAsync(request);
        MethodOutcome a3 = await method.EvaluateAsync(request);
        MethodOutcome a4 = await method.EvaluateAsync(request);

        Assert.Equal([ReasonCode.PhoneConsentCodeInvalid], a1.Reasons);
        Assert.Equal([ReasonCode.PhoneConsentCodeInvalid], a2.Reasons);
        Assert.Equal([ReasonCode.PhoneConsentCodeInvalid, ReasonCode.AttemptsExhausted], a3.Reasons);
        Assert.Equal([ReasonCode.ChallengeInvalid], a4.Reasons);
        Assert.Equal(4, client.Services.Count); // one start + three confirmations; the fourth never reached the gateway
    }

    [Fact]
    public async Task Expired_consent_is_rejected_without_calling_the_gateway()
    {
        var (method, client, clock, consent) = Create((s, d) => ConsentServer(s, d, Consented), PhoneOwnershipMode.Consent);
        PhoneOwnershipConsentStart start = await consent.StartConsentAsync(Borrower, Phone);
        clock.Advance(TimeSpan.FromMinutes(6));
        BorrowerIdentificationRequest request = Request();
        request.Evidence.Add(new EGovPhoneOwnershipEvidence(start.Handle!, "123456"));

        MethodOutcome outcome = await method.EvaluateAsync(request);

        Assert.Equal([ReasonCode.ChallengeInvalid], outcome.Reasons);
        Assert.Single(client.Services);
    }

    [Fact]
    public async Task Consent_handle_for_another_number_is_rejected()
    {
        var (method, _, _, consent) = Create((s, d) => ConsentServer(s, d, Consented), PhoneOwnershipMode.Consent);
        PhoneOwnershipConsentStart start = await consent.StartConsentAsync(Borrower, Phone);
        BorrowerIdentificationRequest request = Request(KzPhoneNumber.Parse("+77779998877"));
        request.Evidence.Add(new EGovPhoneOwnershipEvidence(start.Handle!, "123456"));

        MethodOutcome outcome = await method.EvaluateAsync(request);

        Assert.Equal([ReasonCode.ChallengeInvalid], outcome.Reasons);
    }

    [Fact]
    public async Task Consent_mode_without_evidence_is_not_applicable()
    {
        var (method, _, _, _) = Create((s, d) => ConsentServer(s, d, Consented), PhoneOwnershipMode.Consent);
        Assert.Equal(IdentificationStatus.NotApplicable, (await method.EvaluateAsync(Request())).Status);
    }

    [Fact]
    public async Task Consent_start_failure_gives_no_handle()
    {
        var (_, _, _, consent) = Create((_, _) => Failed(ReasonCode.SmartBridgeFault), PhoneOwnershipMode.Consent);
        PhoneOwnershipConsentStart start = await consent.StartConsentAsync(Borrower, Phone);
        Assert.False(start.CodeSent);
        Assert.Equal(ReasonCode.SmartBridgeFault, start.Failure);
    }
}
