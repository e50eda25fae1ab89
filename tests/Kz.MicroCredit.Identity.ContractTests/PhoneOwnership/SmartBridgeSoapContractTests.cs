using System.Text;
using System.Xml;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using Xunit;

namespace Kz.MicroCredit.Identity.ContractTests.PhoneOwnership;

/// <summary>SOAP contract of the SmartBridge client and the egov-phone-ownership method against a WireMock gateway.</summary>
public sealed class SmartBridgeSoapContractTests : IDisposable
{
    private const string Path = "/bip-sync-wss-gost/";
    private const string Iin = "880912300763";
    private const string PhoneDigits = "77011234567";
    private const string Password = "s3cr3t-sender-pa55";
    private static readonly TestRsaPki Pki = TestRsaPki.Instance;
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly FakeLogCollector _logs = new();

    public void Dispose() => _server.Stop();

    private ServiceProvider Provider(Action<EGovPhoneOwnershipOptions>? tweak = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(_logs)));
        services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.EGovPhoneOwnership))
            .AddEGovPhoneOwnership(o =>
            {
                o.Endpoint = new Uri(_server.Url + Path);
                o.SenderId = "mfo-sender";
                o.SenderPassword = Password;
                o.Signer = Pki.Lender;
                o.GatewayCertificate = Pki.Gateway.Certificate;
                o.GatewayTrustStore = Pki.TrustStore;
                o.DirectCheckServiceId = "PHONE_CHECK";
                // Generous budgets: the first request of a run pays for JIT and WireMock's warm-up on a shared machine.
                o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
                o.Resilience.TotalTimeout = TimeSpan.FromSeconds(20);
                tweak?.Invoke(o);
            });
        ServiceProvider provider = services.BuildServiceProvider();
        provider.ValidateBorrowerIdentificationOptions();
        return provider;
    }

    private static BorrowerIdentificationRequest Request() =>
        new(Kz.MicroCredit.Identity.Iin.Parse(Iin), IdentificationOperation.AgreementSigning, "loan-7") { PhoneNumber = KzPhoneNumber.Parse("+" + PhoneDigits) };

    private async Task<MethodOutcome> EvaluateAsync(Action<EGovPhoneOwnershipOptions>? tweak = null)
    {
        await using ServiceProvider provider = Provider(tweak);
        return await provider.GetRequiredService<EGovPhoneOwnershipMethod>().EvaluateAsync(Request());
    }

    private static IRequestBuilder DirectCheck() => WireMock.RequestBuilders.Request.Create().WithPath(Path).UsingPost()
        .WithHeader("Content-Type", "text/xml*", MatchBehaviour.AcceptOnMatch)
        .WithBody(new XPathMatcher(
            "/*[local-name()='Envelope']/*[local-name()='Body']/*[local-name()='SendMessage']/request/requestInfo/serviceId[text()='PHONE_CHECK']"
            + " and //requestInfo/sender/senderId[text()='mfo-sender']"
            + " and //requestData/*[local-name()='data' and @*[local-name()='type']='checkSubscriberRequest']/iin[text()='" + Iin + "']"
            + " and //requestData/*[local-name()='data']/phoneNumber[text()='" + PhoneDigits + "']"
            + " and /*[local-name()='Envelope']/*[local-name()='Header']/*[local-name()='Security']/*[local-name()='Signature']"));

    /// <summary>Builds the gateway's answer to a captured request: echoes its message id, signs with the gateway key.</summary>
    internal static string Answer(string requestBody, string status, string? dataXml, Func<string, string>? echo = null, RsaTestSigner? signer = null, bool sign = true, bool escape = false, Func<string, string>? tamper = null)
    {
        XmlDocument request = SmartBridgeXml.Load(Encoding.UTF8.GetBytes(requestBody), 1 << 20);
        (string? messageId, _, _) = SmartBridgeResponseBuilder.ReadRequest(request);
        XmlDocument response = SmartBridgeResponseBuilder.Response(
            echo is null ? messageId : echo(messageId!), null, status, DateTimeOffset.UtcNow, dataXml is null ? null : w => w.WriteRaw(dataXml), escape);
        if (sign)
        {
            WsseEnvelopeSigner.SignAsync(response, signer ?? Pki.Gateway, CancellationToken.None).GetAwaiter().GetResult();
        }

        string text = Encoding.UTF8.GetString(SmartBridgeEnvelope.ToBytes(response));
        return tamper is null ? text : tamper(text);
    }

    private void Gateway(string status, string? dataXml, Func<string, string>? echo = null, RsaTestSigner? signer = null, bool sign = true, bool escape = false, Func<string, string>? tamper = null, int httpStatus = 200) =>
        _server.Given(DirectCheck()).RespondWith(Response.Create()
            .WithStatusCode(httpStatus)
            .WithHeader("Content-Type", "text/xml; charset=utf-8")
            .WithBody(req => Answer(req.Body!, status, dataXml, echo, signer, sign, escape, tamper)));

    private const string Echo = "<iin>" + Iin + "</iin><phoneNumber>" + PhoneDigits + "</phoneNumber>";

    [Fact]
    public async Task Registered_signed_answer_is_verified_and_the_request_is_signed_by_the_lender()
    {
        Gateway("SCSS001", Echo + "<result>REGISTERED</result>");

        MethodOutcome outcome = await EvaluateAsync();

        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        Assert.Equal("verified", outcome.Evidence.Facts["smartbridge.signature"]);
        Assert.Equal(Pki.Gateway.Certificate.SerialNumber.ToLowerInvariant(), outcome.Evidence.Facts["smartbridge.signer.serial"]);
        Assert.Equal("SCSS001", outcome.Evidence.Facts["smartbridge.status"]);
        Assert.Equal("PHONE_CHECK", outcome.Evidence.Facts["smartbridge.service-id"]);
        Assert.Equal(outcome.Evidence.Facts["smartbridge.request.message-id"], outcome.Evidence.Facts["smartbridge.response.message-id"]);
        Assert.Matches("^[0-9a-f]{64}$", outcome.Evidence.Digests["smartbridge.response"]);

        // The request that reached the gateway carries a valid WS-Security signature by the lender's key over its Body.
        string body = Assert.Single(_server.LogEntries).RequestMessage!.Body!;
        XmlDocument request = SmartBridgeXml.Load(Encoding.UTF8.GetBytes(body), 1 << 20);
        XmlElement soapBody = (XmlElement)request.DocumentElement!.LastChild!;
        SmartBridgeSignatureCheck check = EdsSmartBridgeResponseVerifier.Check(request, soapBody, Pki.Lender.Certificate, Pki.TrustStore, TimeProvider.System);
        Assert.True(check.IsValid, check.FailureCode);
    }

    [Fact]
    public async Task Escaped_inner_xml_answer_is_verified()
    {
        Gateway("SCSS001", "<checkSubscriberResponse>" + Echo + "<result>REGISTERED</result></checkSubscriberResponse>", escape: true);
        Assert.Equal(IdentificationStatus.Verified, (await EvaluateAsync()).Status);
    }

    [Fact]
    public async Task Not_registered_is_rejected()
    {
        Gateway("SCSS001", Echo + "<result>NOT_REGISTERED</result>");
        MethodOutcome outcome = await EvaluateAsync();
        Assert.Equal(IdentificationStatus.Rejected, outcome.Status);
        Assert.False(outcome.IsVeto);
        Assert.Equal([ReasonCode.PhoneNotRegistered], outcome.Reasons);
    }

    [Fact]
    public async Task Registered_to_another_iin_is_a_veto()
    {
        Gateway("SCSS001", "<phoneNumber>" + PhoneDigits + "</phoneNumber><result>REGISTERED_TO_OTHER_IIN</result>");
        MethodOutcome outcome = await EvaluateAsync();
        Assert.True(outcome.IsVeto);
        Assert.Equal([ReasonCode.PhoneRegisteredToAnotherIin], outcome.Reasons);
    }

    [Fact]
    public async Task Unknown_result_is_indeterminate()
    {
        Gateway("SCSS001", Echo + "<result>UNKNOWN</result>");
        MethodOutcome outcome = await EvaluateAsync();
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.PhoneOwnershipUnknown], outcome.Reasons);
    }

    [Theory]
    [InlineData("SCE_INTERNAL_ERROR")]
    [InlineData("SE0001")]
    public async Task Error_status_code_is_indeterminate_and_recorded(string code)
    {
        Gateway(code, null);
        MethodOutcome outcome = await EvaluateAsync();
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.SmartBridgeStatusError], outcome.Reasons);
        Assert.Equal(code, outcome.Evidence.Facts["smartbridge.status"]);
    }

    [Fact]
    public async Task Soap_fault_is_indeterminate_and_its_text_is_not_kept()
    {
        _server.Given(DirectCheck()).RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "text/xml")
            .WithBody(Encoding.UTF8.GetString(SmartBridgeEnvelope.ToBytes(SmartBridgeResponseBuilder.Fault("SOAP-ENV:Server", "Sender password wrong for " + Iin)))));
        MethodOutcome outcome = await EvaluateAsync();
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.SmartBridgeFault], outcome.Reasons);
        Assert.Equal("SOAP-ENV:Server", outcome.Evidence.Facts["smartbridge.fault"]);
        Assert.DoesNotContain(outcome.Evidence.Facts.Values, v => v.Contains(Iin, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unsigned_answer_is_indeterminate_when_a_gateway_certificate_is_configured()
    {
        Gateway("SCSS001", Echo + "<result>REGISTERED</result>", sign: false);
        MethodOutcome outcome = await EvaluateAsync();
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.SmartBridgeSignatureInvalid], outcome.Reasons);
    }

    [Fact]
    public async Task Unsigned_answer_is_accepted_only_when_explicitly_allowed_without_a_gateway_certificate()
    {
        Gateway("SCSS001", Echo + "<result>REGISTERED</result>", sign: false);
        MethodOutcome outcome = await EvaluateAsync(o =>
        {
            o.GatewayCertificate = null;
            o.AllowUnsignedResponses = true;
        });
        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        Assert.Equal("not-configured", outcome.Evidence.Facts["smartbridge.signature"]);
    }

    [Fact]
    public async Task Tampered_answer_is_indeterminate()
    {
        // Signed NOT_REGISTERED, then flipped to REGISTERED in transit.
        Gateway("SCSS001", Echo + "<result>NOT_REGISTERED</result>", tamper: t => t.Replace("NOT_REGISTERED", "REGISTERED", StringComparison.Ordinal));
        MethodOutcome outcome = await EvaluateAsync();
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.SmartBridgeSignatureInvalid], outcome.Reasons);
    }

    [Fact]
    public async Task Answer_signed_by_another_trusted_key_is_indeterminate()
    {
        Gateway("SCSS001", Echo + "<result>REGISTERED</result>", signer: Pki.Lender);
        MethodOutcome outcome = await EvaluateAsync();
        Assert.Equal([ReasonCode.SmartBridgeSignatureInvalid], outcome.Reasons);
    }

    [Fact]
    public async Task Answer_with_another_message_id_is_indeterminate()
    {
        Gateway("SCSS001", Echo + "<result>REGISTERED</result>", echo: _ => Guid.NewGuid().ToString());
        MethodOutcome outcome = await EvaluateAsync();
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.SmartBridgeResponseMismatch], outcome.Reasons);
    }

    [Fact]
    public async Task Slow_gateway_times_out()
    {
        _server.Given(DirectCheck()).RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(5))
            .WithBody(req => Answer(req.Body!, "SCSS001", Echo + "<result>REGISTERED</result>")));
        MethodOutcome outcome = await EvaluateAsync(o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(1);
        });
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.Timeout], outcome.Reasons);
    }

    [Fact]
    public async Task Connection_reset_is_indeterminate_and_not_retried()
    {
        _server.Given(DirectCheck()).RespondWith(Response.Create().WithFault(FaultType.EMPTY_RESPONSE));
        MethodOutcome outcome = await EvaluateAsync();
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Contains(outcome.Reasons.Single(), new[] { ReasonCode.ProviderUnavailable, ReasonCode.ProviderProtocolError });
        Assert.Single(_server.LogEntries);
    }

    private static readonly string SmartBridgeXmlSample = Encoding.UTF8.GetString(SmartBridgeEnvelope.ToBytes(
        SmartBridgeResponseBuilder.Response(Guid.NewGuid().ToString(), null, "SCSS001", DateTimeOffset.UnixEpoch, w => w.WriteRaw(Echo + "<result>REGISTERED</result>"))));

    [Fact]
    public async Task Malformed_chunk_is_indeterminate()
    {
        _server.Given(DirectCheck()).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/xml")
            .WithBody(SmartBridgeXmlSample).WithFault(FaultType.MALFORMED_RESPONSE_CHUNK));
        MethodOutcome outcome = await EvaluateAsync();
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Contains(outcome.Reasons.Single(), new[] { ReasonCode.ProviderUnavailable, ReasonCode.ProviderProtocolError });
    }

    [Theory]
    [InlineData("this is not xml")]
    [InlineData("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><SendMessageResponse")]
    [InlineData("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body/></soap:Envelope>")]
    public async Task Garbage_or_truncated_answer_is_a_protocol_error(string body)
    {
        _server.Given(DirectCheck()).RespondWith(Response.Create().WithHeader("Content-Type", "text/xml").WithBody(body));
        MethodOutcome outcome = await EvaluateAsync();
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.ProviderProtocolError], outcome.Reasons);
    }

    [Fact]
    public async Task Huge_answer_is_refused()
    {
        _server.Given(DirectCheck()).RespondWith(Response.Create().WithHeader("Content-Type", "text/xml")
            .WithBody("<x>" + new string('a', 300_000) + "</x>"));
        MethodOutcome outcome = await EvaluateAsync(o => o.MaxResponseBytes = 64 * 1024);
        Assert.Equal([ReasonCode.ProviderProtocolError], outcome.Reasons);
    }

    [Fact]
    public async Task Dtd_in_an_answer_is_refused()
    {
        const string Bomb = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&lol2;</soap:Body></soap:Envelope>""";
        _server.Given(DirectCheck()).RespondWith(Response.Create().WithHeader("Content-Type", "text/xml").WithBody(Bomb));
        MethodOutcome outcome = await EvaluateAsync();
        Assert.Equal([ReasonCode.ProviderProtocolError], outcome.Reasons);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(404)]
    public async Task Http_errors_are_provider_unavailable(int status)
    {
        _server.Given(DirectCheck()).RespondWith(Response.Create().WithStatusCode(status).WithBody("down"));
        MethodOutcome outcome = await EvaluateAsync();
        Assert.Equal([ReasonCode.ProviderUnavailable], outcome.Reasons.ToArray());
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), outcome.Evidence.Facts["smartbridge.http"]);
    }

    [Fact]
    public async Task Request_without_the_expected_payload_does_not_match_the_contract()
    {
        // Guard of the XPath contract itself: a request for another service id gets no mapping (WireMock answers 404).
        Gateway("SCSS001", Echo + "<result>REGISTERED</result>");
        MethodOutcome outcome = await EvaluateAsync(o => o.DirectCheckServiceId = "OTHER_SERVICE");
        Assert.Equal([ReasonCode.ProviderUnavailable], outcome.Reasons);
    }

    [Fact]
    public async Task Nothing_personal_or_secret_reaches_the_logs()
    {
        Gateway("SCSS001", Echo + "<result>REGISTERED</result>");
        await EvaluateAsync();
        _server.Reset();
        _server.Given(DirectCheck()).RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "text/xml")
            .WithBody(Encoding.UTF8.GetString(SmartBridgeEnvelope.ToBytes(SmartBridgeResponseBuilder.Fault("SOAP-ENV:Server", "bad " + Iin + " " + PhoneDigits)))));
        await EvaluateAsync();
        _server.Reset();
        _server.Given(DirectCheck()).RespondWith(Response.Create().WithBody("<garbage " + Iin));
        await EvaluateAsync();

        IReadOnlyList<FakeLogRecord> records = _logs.GetSnapshot();
        Assert.NotEmpty(records);
        foreach (FakeLogRecord record in records)
        {
            string text = record.Message + " " + string.Join(" ", record.StructuredState?.Select(p => p.Value) ?? []) + " " + record.Exception;
            Assert.DoesNotContain(Iin, text, StringComparison.Ordinal);
            Assert.DoesNotContain(PhoneDigits, text, StringComparison.Ordinal);
            Assert.DoesNotContain("7011234567", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Envelope", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        }
    }
}
