using System.Text.Json.Nodes;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;
using static Kz.MicroCredit.Identity.ContractTests.Biometrics.CeidContractHost;

namespace Kz.MicroCredit.Identity.ContractTests.Biometrics;

public sealed class CeidMatchContractTests : IClassFixture<CeidWireMockFixture>
{
    private readonly WireMockServer _server;

    public CeidMatchContractTests(CeidWireMockFixture fixture)
    {
        _server = fixture.Server;
        _server.Reset();
        StubToken(_server);
    }

    [Fact]
    public async Task Match_request_carries_fapi_headers_idempotency_key_and_no_iin_in_the_url()
    {
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Json(200, MatchAnswer("req-1")));
        await using ServiceProvider provider = Build(_server);
        KcmrCeidClient client = provider.GetRequiredService<KcmrCeidClient>();
        CeidMatchRequest request = MatchRequest();

        CeidResult<CeidMatchResult> first = await client.MatchAsync(request);
        CeidResult<CeidMatchResult> second = await client.MatchAsync(request);

        Assert.True(first.Succeeded && second.Succeeded);
        var calls = Calls(_server, MatchPath);
        Assert.Equal(2, calls.Count);
        string?[] interactionIds = calls.Select(c => Header(c, "x-fapi-interaction-id")).ToArray();
        Assert.All(interactionIds, id => Assert.True(Guid.TryParse(id, out _)));
        Assert.NotEqual(interactionIds[0], interactionIds[1]);
        Assert.Equal(first.InteractionId, interactionIds[0]);
        Assert.All(calls, c =>
        {
            Assert.Equal("mfo-provider-42", Header(c, "x-provider-id"));
            Assert.Equal("req-1", Header(c, "x-idempotency-key"));
            Assert.StartsWith("application/json", Header(c, "Content-Type"), StringComparison.Ordinal);
            Assert.DoesNotContain(DeclaredIin, c.RequestMessage!.Url, StringComparison.Ordinal);
            JsonNode body = JsonNode.Parse(c.RequestMessage.Body!)!;
            Assert.Equal(DeclaredIin, (string?)body["iin"]);
            Assert.Equal("consent-1", (string?)body["consentReference"]);
            Assert.Equal("jpeg", (string?)body["image"]!["format"]);
            Assert.Equal(request.Image.ToArray(), Convert.FromBase64String((string)body["image"]!["data"]!));
        });
        Assert.Equal(CeidMatchDecision.Match, first.Value!.Decision);
        Assert.Equal("bio-1", first.Value.ProviderId);
        Assert.Equal(64, first.ResponseSha256!.Length);
    }

    [Theory]
    [InlineData(400, new[] { "ProviderProtocolError" })]
    [InlineData(403, new[] { "ProviderUnavailable", "CeidAccessDenied" })]
    [InlineData(404, new[] { "ProviderProtocolError" })]
    [InlineData(409, new[] { "ProviderProtocolError" })]
    [InlineData(429, new[] { "ProviderUnavailable", "CeidThrottled" })]
    [InlineData(500, new[] { "ProviderUnavailable" })]
    [InlineData(502, new[] { "ProviderUnavailable" })]
    [InlineData(503, new[] { "ProviderUnavailable" })]
    [InlineData(504, new[] { "ProviderUnavailable", "Timeout" })]
    public async Task Error_statuses_are_indeterminate_and_posts_are_not_retried(int status, string[] reasons)
    {
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Json(status, """{"error":"x"}"""));
        await using ServiceProvider provider = Build(_server);
        MethodOutcome outcome = await provider.GetRequiredService<KcmrBiometricsMethod>().EvaluateAsync(ImageRequest("req-1"));
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal(reasons, outcome.Reasons.Select(r => r.Value));
        Assert.Single(Calls(_server, MatchPath)); // the service does not deduplicate by default: no blind re-POST
    }

    [Fact]
    public async Task With_an_honoured_idempotency_key_5xx_is_retried_with_the_same_key()
    {
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).InScenario("flaky").WillSetStateTo("1").RespondWith(Json(503, "{}"));
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).InScenario("flaky").WhenStateIs("1").WillSetStateTo("2").RespondWith(Json(500, "{}"));
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).InScenario("flaky").WhenStateIs("2").RespondWith(Json(200, MatchAnswer("req-7")));
        await using ServiceProvider provider = Build(_server, o => o.ServiceHonoursIdempotencyKey = true);

        MethodOutcome outcome = await provider.GetRequiredService<KcmrBiometricsMethod>().EvaluateAsync(ImageRequest("req-7"));

        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        var calls = Calls(_server, MatchPath);
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Equal("req-7", Header(c, "x-idempotency-key")));
        Assert.Equal(3, calls.Select(c => Header(c, "x-fapi-interaction-id")).Distinct().Count());
    }

    [Fact]
    public async Task A_slow_answer_times_out()
    {
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Json(200, MatchAnswer("req-1")).WithDelay(TimeSpan.FromSeconds(5)));
        await using ServiceProvider provider = Build(_server, o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(400);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(2);
        });
        MethodOutcome outcome = await provider.GetRequiredService<KcmrBiometricsMethod>().EvaluateAsync(ImageRequest("req-1"));
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.Timeout], outcome.Reasons);
    }

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task Connection_faults_are_indeterminate(FaultType fault)
    {
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(MatchAnswer("req-1")).WithFault(fault));
        await using ServiceProvider provider = Build(_server);
        MethodOutcome outcome = await provider.GetRequiredService<KcmrBiometricsMethod>().EvaluateAsync(ImageRequest("req-1"));
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Subset(new HashSet<ReasonCode> { ReasonCode.ProviderUnavailable, ReasonCode.ProviderProtocolError }, outcome.Reasons.ToHashSet());
    }

    public static TheoryData<string, string> BrokenAnswers => new()
    {
        { "malformed", "{not json" },
        { "truncated", MatchAnswer("req-1")[..60] },
        { "empty", string.Empty },
        { "null", "null" },
        { "array", "[]" },
        { "html", "<html><body>gateway</body></html>" },
        { "missing liveness", MatchAnswer("req-1").Replace(",\"liveness\":{\"passed\":true}", string.Empty, StringComparison.Ordinal) },
        { "missing iin", MatchAnswer("req-1").Replace(",\"iin\":\"880912300763\"", string.Empty, StringComparison.Ordinal) },
        { "missing matchId", MatchAnswer("req-1").Replace("\"matchId\":\"m_1a2b\",", string.Empty, StringComparison.Ordinal) },
        { "null providerId", MatchAnswer("req-1").Replace("\"bio-1\"", "null", StringComparison.Ordinal) },
        { "unknown decision", MatchAnswer("req-1", decision: "probably") },
        { "similarity above 1", MatchAnswer("req-1", similarity: 1.5) },
        { "similarity as string", MatchAnswer("req-1").Replace("0.97", "\"0.97\"", StringComparison.Ordinal) },
        { "liveness as string", MatchAnswer("req-1").Replace("\"passed\":true", "\"passed\":\"yes\"", StringComparison.Ordinal) },
        { "id with path characters", MatchAnswer("req-1").Replace("m_1a2b", "../../x", StringComparison.Ordinal) },
    };

    [Theory]
    [MemberData(nameof(BrokenAnswers))]
    public async Task Broken_answers_are_protocol_errors(string name, string body)
    {
        Assert.NotNull(name);
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Json(200, body));
        await using ServiceProvider provider = Build(_server);
        MethodOutcome outcome = await provider.GetRequiredService<KcmrBiometricsMethod>().EvaluateAsync(ImageRequest("req-1"));
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.ProviderProtocolError], outcome.Reasons);
    }

    [Fact]
    public async Task Oversized_answer_is_not_accepted()
    {
        string padding = new('x', 20_000);
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Json(200, MatchAnswer("req-1").TrimEnd('}') + ",\"pad\":\"" + padding + "\"}"));
        await using ServiceProvider provider = Build(_server, o => o.MaxResponseBytes = 4096);
        MethodOutcome outcome = await provider.GetRequiredService<KcmrBiometricsMethod>().EvaluateAsync(ImageRequest("req-1"));
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
    }

    [Fact]
    public async Task Unknown_extra_members_are_ignored()
    {
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Json(200, MatchAnswer("req-1").TrimEnd('}') + ",\"vendorExtra\":{\"a\":1}}"));
        await using ServiceProvider provider = Build(_server);
        MethodOutcome outcome = await provider.GetRequiredService<KcmrBiometricsMethod>().EvaluateAsync(ImageRequest("req-1"));
        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
    }

    [Fact]
    public async Task Score_below_the_threshold_is_rejected()
    {
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Json(200, MatchAnswer("req-2", similarity: 0.79)));
        await using ServiceProvider provider = Build(_server);
        MethodOutcome outcome = await provider.GetRequiredService<KcmrBiometricsMethod>().EvaluateAsync(ImageRequest("req-2"));
        Assert.Equal(IdentificationStatus.Rejected, outcome.Status);
        Assert.Equal([ReasonCode.BiometricScoreBelowThreshold], outcome.Reasons);
        Assert.Equal("0.79", outcome.Evidence.Facts["similarity.score"]);
        Assert.Equal("0.8", outcome.Evidence.Facts["similarity.threshold"]);
    }

    [Fact]
    public async Task A_different_iin_in_the_answer_is_a_veto()
    {
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Json(200, MatchAnswer("req-3", iin: CeidSimulator.NoMatchIin)));
        await using ServiceProvider provider = Build(_server);
        MethodOutcome outcome = await provider.GetRequiredService<KcmrBiometricsMethod>().EvaluateAsync(ImageRequest("req-3"));
        Assert.True(outcome.IsVeto);
        Assert.Equal([ReasonCode.IinMismatch], outcome.Reasons);
    }

    [Fact]
    public async Task An_answer_for_another_request_is_a_protocol_error()
    {
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Json(200, MatchAnswer("someone-elses-request")));
        await using ServiceProvider provider = Build(_server);
        MethodOutcome outcome = await provider.GetRequiredService<KcmrBiometricsMethod>().EvaluateAsync(ImageRequest("req-4"));
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.ProviderProtocolError], outcome.Reasons);
    }

    [Fact]
    public async Task Liveness_failed_and_no_match_are_rejected()
    {
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Json(200, MatchAnswer("req-5", decision: "no_match", similarity: 0.3, liveness: false)));
        await using ServiceProvider provider = Build(_server);
        MethodOutcome outcome = await provider.GetRequiredService<KcmrBiometricsMethod>().EvaluateAsync(ImageRequest("req-5"));
        Assert.Equal([ReasonCode.BiometricLivenessFailed, ReasonCode.BiometricNoMatch], outcome.Reasons);
    }
}
