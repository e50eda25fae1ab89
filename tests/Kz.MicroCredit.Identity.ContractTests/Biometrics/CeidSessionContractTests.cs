using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kz.MicroCredit.Identity.Biometrics;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.Server;
using Xunit;
using static Kz.MicroCredit.Identity.ContractTests.Biometrics.CeidContractHost;

namespace Kz.MicroCredit.Identity.ContractTests.Biometrics;

public sealed class CeidSessionContractTests : IClassFixture<CeidWireMockFixture>
{
    private const string SessionId = "ses_abc123";
    private readonly WireMockServer _server;

    public CeidSessionContractTests(CeidWireMockFixture fixture)
    {
        _server = fixture.Server;
        _server.Reset();
        StubToken(_server);
    }

    [Fact]
    public async Task Create_session_returns_the_redirect_url_and_sends_the_documented_request()
    {
        StubCreate(DateTimeOffset.UtcNow.AddMinutes(10));
        await using ServiceProvider provider = Build(_server, o =>
        {
            o.CallbackUrl = new Uri("https://mfo.example/webhooks/ceid");
            o.SessionReturnUrl = new Uri("https://mfo.example/app/done");
        });

        KcmrSessionStart start = await Sessions(provider).StartAsync(Kz.MicroCredit.Identity.Iin.Parse(DeclaredIin), IdentificationOperation.AgreementSigning, "consent-9");

        Assert.True(start.Succeeded);
        Assert.Equal(SessionId, start.SessionId);
        Assert.Equal("https://ceid.example/hosted/" + SessionId, start.RedirectUrl.AbsoluteUri);
        var call = Assert.Single(Calls(_server, SessionsPath));
        JsonNode body = JsonNode.Parse(call.RequestMessage!.Body!)!;
        Assert.Equal(DeclaredIin, (string?)body["iin"]);
        Assert.Equal("consent-9", (string?)body["consentReference"]);
        Assert.Equal("https://mfo.example/webhooks/ceid", (string?)body["callbackUrl"]);
        Assert.Equal("https://mfo.example/app/done", (string?)body["returnUrl"]);
        Assert.Equal((string?)body["requestId"], Header(call, "x-idempotency-key"));
        Assert.DoesNotContain(DeclaredIin, call.RequestMessage.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://ceid.example/hosted/x", "created", 10)]
    [InlineData("not a url", "created", 10)]
    [InlineData("https://ceid.example/hosted/x", "completed", 10)]
    [InlineData("https://ceid.example/hosted/x", "created", -1)]
    public async Task Bad_session_answers_are_protocol_errors(string redirect, string status, int expiresInMinutes)
    {
        _server.Given(Request.Create().WithPath(SessionsPath).UsingPost()).RespondWith(Json(201,
            $$"""{"sessionId":"{{SessionId}}","redirectUrl":"{{redirect}}","expiresAt":"{{DateTimeOffset.UtcNow.AddMinutes(expiresInMinutes):O}}","status":"{{status}}"}"""));
        await using ServiceProvider provider = Build(_server);
        KcmrSessionStart start = await Sessions(provider).StartAsync(Kz.MicroCredit.Identity.Iin.Parse(DeclaredIin), IdentificationOperation.AgreementSigning, "consent-9");
        Assert.False(start.Succeeded);
        Assert.Equal([ReasonCode.ProviderProtocolError], start.Failure);
    }

    [Fact]
    public async Task Polling_until_completed_then_the_method_verifies_once()
    {
        StubCreate(DateTimeOffset.UtcNow.AddMinutes(10));
        await using ServiceProvider provider = Build(_server);
        KcmrBiometricsSessions sessions = Sessions(provider);
        KcmrSessionStart start = await sessions.StartAsync(Kz.MicroCredit.Identity.Iin.Parse(DeclaredIin), IdentificationOperation.AgreementSigning, "consent-9");
        string requestId = LastSessionRequestId(_server);
        string statusPath = SessionsPath + "/" + SessionId;
        _server.Given(Request.Create().WithPath(statusPath).UsingGet()).InScenario("poll").WillSetStateTo("1").RespondWith(Json(200, Status("created")));
        _server.Given(Request.Create().WithPath(statusPath).UsingGet()).InScenario("poll").WhenStateIs("1").WillSetStateTo("2").RespondWith(Json(200, Status("in_progress")));
        _server.Given(Request.Create().WithPath(statusPath).UsingGet()).InScenario("poll").WhenStateIs("2").RespondWith(Json(200, Status("completed", MatchAnswer(requestId))));

        KcmrSessionPoll poll = await sessions.WaitForResultAsync(start.SessionId!);

        Assert.Equal(CeidSessionState.Completed, poll.State);
        Assert.Equal(3, Calls(_server, statusPath).Count);
        Assert.All(Calls(_server, statusPath), c => Assert.Null(Header(c, "x-idempotency-key")));
        MethodOutcome outcome = await Method(provider).EvaluateAsync(SessionRequest());
        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        Assert.Equal(3, Calls(_server, statusPath).Count); // final state known: no further poll
        Assert.Equal([ReasonCode.BiometricSessionAlreadyUsed], (await Method(provider).EvaluateAsync(SessionRequest())).Reasons);
    }

    [Fact]
    public async Task Polling_until_expired()
    {
        StubCreate(DateTimeOffset.UtcNow.AddSeconds(1));
        _server.Given(Request.Create().WithPath(SessionsPath + "/" + SessionId).UsingGet()).RespondWith(Json(200, Status("in_progress")));
        await using ServiceProvider provider = Build(_server, o => o.PollInterval = TimeSpan.FromMilliseconds(100));
        KcmrBiometricsSessions sessions = Sessions(provider);
        KcmrSessionStart start = await sessions.StartAsync(Kz.MicroCredit.Identity.Iin.Parse(DeclaredIin), IdentificationOperation.AgreementSigning, "consent-9");

        KcmrSessionPoll poll = await sessions.WaitForResultAsync(start.SessionId!);

        Assert.Equal(CeidSessionState.Expired, poll.State);
        Assert.True(Calls(_server, SessionsPath + "/" + SessionId).Count >= 2);
        MethodOutcome outcome = await Method(provider).EvaluateAsync(SessionRequest());
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.BiometricSessionExpired], outcome.Reasons);
    }

    [Theory]
    [InlineData("expired", "BiometricSessionExpired")]
    [InlineData("failed", "BiometricSessionFailed")]
    [InlineData("in_progress", "BiometricSessionPending")]
    public async Task Non_completed_states_are_indeterminate(string status, string reason)
    {
        StubCreate(DateTimeOffset.UtcNow.AddMinutes(10));
        _server.Given(Request.Create().WithPath(SessionsPath + "/" + SessionId).UsingGet()).RespondWith(Json(200, Status(status)));
        await using ServiceProvider provider = Build(_server);
        await Sessions(provider).StartAsync(Kz.MicroCredit.Identity.Iin.Parse(DeclaredIin), IdentificationOperation.AgreementSigning, "consent-9");
        MethodOutcome outcome = await Method(provider).EvaluateAsync(SessionRequest());
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([new ReasonCode(reason)], outcome.Reasons);
    }

    [Theory]
    [InlineData(404, "{}", "BiometricSessionUnknown")]
    [InlineData(503, "{}", "ProviderUnavailable")]
    [InlineData(200, """{"sessionId":"ses_abc123","status":"completed"}""", "ProviderProtocolError")]
    [InlineData(200, """{"sessionId":"ses_other","status":"in_progress"}""", "ProviderProtocolError")]
    [InlineData(200, """{"sessionId":"ses_abc123","status":"weird"}""", "ProviderProtocolError")]
    [InlineData(200, """{"sessionId":"ses_abc123","sta""", "ProviderProtocolError")]
    public async Task Poll_faults_are_indeterminate(int status, string body, string reason)
    {
        StubCreate(DateTimeOffset.UtcNow.AddMinutes(10));
        _server.Given(Request.Create().WithPath(SessionsPath + "/" + SessionId).UsingGet()).RespondWith(Json(status, body));
        await using ServiceProvider provider = Build(_server);
        await Sessions(provider).StartAsync(Kz.MicroCredit.Identity.Iin.Parse(DeclaredIin), IdentificationOperation.AgreementSigning, "consent-9");
        MethodOutcome outcome = await Method(provider).EvaluateAsync(SessionRequest());
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Contains(new ReasonCode(reason), outcome.Reasons);
    }

    [Fact]
    public async Task Signed_callback_completes_the_session_and_duplicates_are_idempotent()
    {
        StubCreate(DateTimeOffset.UtcNow.AddMinutes(10));
        await using ServiceProvider provider = Build(_server, o => o.PollOnEvaluate = false);
        KcmrBiometricsSessions sessions = Sessions(provider);
        await sessions.StartAsync(Kz.MicroCredit.Identity.Iin.Parse(DeclaredIin), IdentificationOperation.AgreementSigning, "consent-9");
        string requestId = LastSessionRequestId(_server);

        string body = Callback("evt_1", DateTimeOffset.UtcNow, "completed", MatchAnswer(requestId));
        KcmrCallbackResult first = await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(body), Sign(body));
        KcmrCallbackResult again = await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(body), Sign(body));
        string conflicting = Callback("evt_2", DateTimeOffset.UtcNow, "completed", MatchAnswer(requestId, decision: "no_match", similarity: 0.1));
        KcmrCallbackResult late = await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(conflicting), Sign(conflicting));

        Assert.Equal(KcmrCallbackStatus.Accepted, first.Status);
        Assert.Equal(200, first.HttpStatusCode);
        Assert.Equal(KcmrCallbackStatus.Duplicate, again.Status);
        Assert.Equal(200, again.HttpStatusCode);
        Assert.Equal(KcmrCallbackStatus.Duplicate, late.Status); // first final state wins
        MethodOutcome outcome = await Method(provider).EvaluateAsync(SessionRequest());
        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        Assert.Empty(Calls(_server, SessionsPath + "/" + SessionId));
    }

    [Fact]
    public async Task Callback_with_a_bad_hmac_or_a_stale_timestamp_is_rejected_and_changes_nothing()
    {
        StubCreate(DateTimeOffset.UtcNow.AddMinutes(10));
        await using ServiceProvider provider = Build(_server, o => o.PollOnEvaluate = false);
        KcmrBiometricsSessions sessions = Sessions(provider);
        await sessions.StartAsync(Kz.MicroCredit.Identity.Iin.Parse(DeclaredIin), IdentificationOperation.AgreementSigning, "consent-9");
        string requestId = LastSessionRequestId(_server);
        string body = Callback("evt_1", DateTimeOffset.UtcNow, "completed", MatchAnswer(requestId));
        string signature = Sign(body);
        string tampered = body.Replace("0.97", "0.99", StringComparison.Ordinal);
        string stale = Callback("evt_2", DateTimeOffset.UtcNow.AddMinutes(-6), "completed", MatchAnswer(requestId));
        string future = Callback("evt_3", DateTimeOffset.UtcNow.AddMinutes(6), "completed", MatchAnswer(requestId));

        Assert.Equal(ReasonCode.CeidCallbackSignatureInvalid, (await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(tampered), signature)).Reason);
        Assert.Equal(ReasonCode.CeidCallbackSignatureInvalid, (await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(body), null)).Reason);
        Assert.Equal(ReasonCode.CeidCallbackSignatureInvalid, (await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(body), "sha256=zz")).Reason);
        Assert.Equal(ReasonCode.CeidCallbackSignatureInvalid, (await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(body), Flip(Sign(body)))).Reason);
        KcmrCallbackResult staleResult = await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(stale), Sign(stale));
        Assert.Equal(ReasonCode.CeidCallbackStale, staleResult.Reason);
        Assert.Equal(400, staleResult.HttpStatusCode);
        Assert.Equal(ReasonCode.CeidCallbackStale, (await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(future), Sign(future))).Reason);
        Assert.Equal(401, (await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(tampered), signature)).HttpStatusCode);

        MethodOutcome outcome = await Method(provider).EvaluateAsync(SessionRequest());
        Assert.Equal([ReasonCode.BiometricSessionPending], outcome.Reasons);
    }

    [Fact]
    public async Task Callbacks_for_unknown_sessions_other_requests_or_broken_bodies_are_rejected()
    {
        StubCreate(DateTimeOffset.UtcNow.AddMinutes(10));
        await using ServiceProvider provider = Build(_server, o => o.PollOnEvaluate = false);
        KcmrBiometricsSessions sessions = Sessions(provider);
        await sessions.StartAsync(Kz.MicroCredit.Identity.Iin.Parse(DeclaredIin), IdentificationOperation.AgreementSigning, "consent-9");

        string unknown = Callback("evt_1", DateTimeOffset.UtcNow, "completed", MatchAnswer("x"), sessionId: "ses_unknown");
        string otherRequest = Callback("evt_2", DateTimeOffset.UtcNow, "completed", MatchAnswer("an-older-request"));
        string broken = "{\"eventId\":\"evt_3\",\"sessionId\":";
        string completedWithoutResult = Callback("evt_4", DateTimeOffset.UtcNow, "completed", null);

        Assert.Equal(ReasonCode.BiometricSessionUnknown, (await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(unknown), Sign(unknown))).Reason);
        Assert.Equal(ReasonCode.ProviderProtocolError, (await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(otherRequest), Sign(otherRequest))).Reason);
        Assert.Equal(ReasonCode.ProviderProtocolError, (await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(broken), Sign(broken))).Reason);
        Assert.Equal(ReasonCode.ProviderProtocolError, (await sessions.ProcessCallbackAsync(Encoding.UTF8.GetBytes(completedWithoutResult), Sign(completedWithoutResult))).Reason);
        Assert.Equal([ReasonCode.BiometricSessionPending], (await Method(provider).EvaluateAsync(SessionRequest())).Reasons);
    }

    [Fact]
    public async Task Callbacks_are_refused_when_no_secret_is_configured()
    {
        await using ServiceProvider provider = Build(_server, o => o.CallbackSecret = null);
        string body = Callback("evt_1", DateTimeOffset.UtcNow, "in_progress", null);
        KcmrCallbackResult result = await Sessions(provider).ProcessCallbackAsync(Encoding.UTF8.GetBytes(body), Sign(body));
        Assert.Equal(KcmrCallbackStatus.Rejected, result.Status);
        Assert.Equal(ReasonCode.CeidCallbackSignatureInvalid, result.Reason);
    }

    private static string Flip(string signature) => signature[..^1] + (signature[^1] == '0' ? '1' : '0');

    private static KcmrBiometricsSessions Sessions(IServiceProvider provider) => provider.GetRequiredService<KcmrBiometricsSessions>();

    private static KcmrBiometricsMethod Method(IServiceProvider provider) => provider.GetRequiredService<KcmrBiometricsMethod>();

    private static BorrowerIdentificationRequest SessionRequest()
    {
        var request = new BorrowerIdentificationRequest(Kz.MicroCredit.Identity.Iin.Parse(DeclaredIin), IdentificationOperation.AgreementSigning, "loan-1");
        request.Evidence.Add(new KcmrSessionEvidence(SessionId));
        return request;
    }

    private void StubCreate(DateTimeOffset expiresAt) =>
        _server.Given(Request.Create().WithPath(SessionsPath).UsingPost()).RespondWith(Json(201,
            $$"""{"sessionId":"{{SessionId}}","redirectUrl":"https://ceid.example/hosted/{{SessionId}}","expiresAt":"{{expiresAt.ToString("O", CultureInfo.InvariantCulture)}}","status":"created"}"""));

    private static string Status(string status, string? result = null) =>
        result is null
            ? $$"""{"sessionId":"{{SessionId}}","status":"{{status}}"}"""
            : $$"""{"sessionId":"{{SessionId}}","status":"{{status}}","result":{{result}}}""";

    private static string Callback(string eventId, DateTimeOffset sentAt, string status, string? result, string sessionId = SessionId) =>
        $$"""{"eventId":"{{eventId}}","sessionId":"{{sessionId}}","sentAt":"{{sentAt.ToString("O", CultureInfo.InvariantCulture)}}","status":"{{status}}"{{(result is null ? string.Empty : ",\"result\":" + result)}}}""";
}
