using System.Text;
using Kz.MicroCredit.Identity.Biometrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.Server;
using Xunit;
using static Kz.MicroCredit.Identity.ContractTests.Biometrics.CeidContractHost;

namespace Kz.MicroCredit.Identity.ContractTests.Biometrics;

public sealed class CeidTokenContractTests : IClassFixture<CeidWireMockFixture>
{
    private readonly WireMockServer _server;

    public CeidTokenContractTests(CeidWireMockFixture fixture)
    {
        _server = fixture.Server;
        _server.Reset();
    }

    [Fact]
    public async Task Token_is_acquired_with_client_credentials_once_and_sent_as_bearer()
    {
        StubToken(_server);
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Json(200, MatchAnswer("req-1")));
        await using ServiceProvider provider = Build(_server);
        KcmrCeidClient client = provider.GetRequiredService<KcmrCeidClient>();

        Assert.True((await client.MatchAsync(MatchRequest())).Succeeded);
        Assert.True((await client.MatchAsync(MatchRequest())).Succeeded);

        var token = Assert.Single(Calls(_server, TokenPath));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("mfo-client:mfo-secret")), Header(token, "Authorization"));
        Assert.Contains("grant_type=client_credentials", token.RequestMessage!.Body, StringComparison.Ordinal);
        Assert.Contains("scope=biometrics", token.RequestMessage!.Body, StringComparison.Ordinal);
        Assert.All(Calls(_server, MatchPath), e => Assert.Equal("Bearer tok-1", Header(e, "Authorization")));
    }

    [Fact]
    public async Task Token_is_renewed_after_expiry_minus_skew()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        StubToken(_server, expiresIn: 60);
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Json(200, MatchAnswer("req-1")));
        await using ServiceProvider provider = Build(_server, timeProvider: time);
        KcmrCeidClient client = provider.GetRequiredService<KcmrCeidClient>();

        Assert.True((await client.MatchAsync(MatchRequest())).Succeeded);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.True((await client.MatchAsync(MatchRequest())).Succeeded);
        Assert.Single(Calls(_server, TokenPath));
        time.Advance(TimeSpan.FromSeconds(2)); // 31 s: past 60 s − 30 s skew
        Assert.True((await client.MatchAsync(MatchRequest())).Succeeded);
        Assert.Equal(2, Calls(_server, TokenPath).Count);
    }

    [Fact]
    public async Task A_401_refreshes_the_token_once_and_resends()
    {
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost()).InScenario("token").WillSetStateTo("second")
            .RespondWith(Json(200, """{"access_token":"tok-1","token_type":"Bearer","expires_in":300}"""));
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost()).InScenario("token").WhenStateIs("second")
            .RespondWith(Json(200, """{"access_token":"tok-2","token_type":"bearer","expires_in":300}"""));
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost().WithHeader("Authorization", "Bearer tok-1")).RespondWith(Json(401, """{"error":"invalid_token"}"""));
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost().WithHeader("Authorization", "Bearer tok-2")).RespondWith(Json(200, MatchAnswer("req-1")));
        await using ServiceProvider provider = Build(_server);

        CeidResult<CeidMatchResult> result = await provider.GetRequiredService<KcmrCeidClient>().MatchAsync(MatchRequest());

        Assert.True(result.Succeeded);
        Assert.Equal(2, Calls(_server, TokenPath).Count);
        Assert.Equal(["Bearer tok-1", "Bearer tok-2"], Calls(_server, MatchPath).Select(e => Header(e, "Authorization")));
    }

    [Fact]
    public async Task A_second_401_is_access_denied_without_looping()
    {
        StubToken(_server);
        _server.Given(Request.Create().WithPath(MatchPath).UsingPost()).RespondWith(Json(401, """{"error":"invalid_token"}"""));
        await using ServiceProvider provider = Build(_server);

        CeidResult<CeidMatchResult> result = await provider.GetRequiredService<KcmrCeidClient>().MatchAsync(MatchRequest());

        Assert.Equal([ReasonCode.ProviderUnavailable, ReasonCode.CeidAccessDenied], result.Failure);
        Assert.Equal(2, Calls(_server, MatchPath).Count);
        Assert.Equal(2, Calls(_server, TokenPath).Count);
    }

    [Fact]
    public async Task Rejected_client_credentials_make_no_api_call()
    {
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(Json(401, """{"error":"invalid_client"}"""));
        await using ServiceProvider provider = Build(_server);
        CeidResult<CeidMatchResult> result = await provider.GetRequiredService<KcmrCeidClient>().MatchAsync(MatchRequest());
        Assert.Equal([ReasonCode.ProviderUnavailable, ReasonCode.CeidAccessDenied], result.Failure);
        Assert.Empty(Calls(_server, MatchPath));
        Assert.Single(Calls(_server, TokenPath));
    }

    [Fact]
    public async Task Unavailable_token_endpoint_is_retried_then_unavailable()
    {
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(Json(503, "{}"));
        await using ServiceProvider provider = Build(_server);
        CeidResult<CeidMatchResult> result = await provider.GetRequiredService<KcmrCeidClient>().MatchAsync(MatchRequest());
        Assert.Equal([ReasonCode.ProviderUnavailable], result.Failure);
        Assert.Equal(3, Calls(_server, TokenPath).Count); // the business request was never sent: safe to retry
        Assert.Empty(Calls(_server, MatchPath));
    }

    [Theory]
    [InlineData("""{"access_token":"x","token_type":"Bearer"}""")]
    [InlineData("""{"access_token":"x","token_type":"MAC","expires_in":300}""")]
    [InlineData("""{"access_token":"","token_type":"Bearer","expires_in":300}""")]
    [InlineData("""{"access_token":"x","token_type":"Bearer","expires_in":0}""")]
    [InlineData("""{"access_token":"x","token_ty""")]
    [InlineData("<html>oops</html>")]
    public async Task Malformed_token_answers_are_protocol_errors(string body)
    {
        _server.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(Json(200, body));
        await using ServiceProvider provider = Build(_server);
        CeidResult<CeidMatchResult> result = await provider.GetRequiredService<KcmrCeidClient>().MatchAsync(MatchRequest());
        Assert.Equal([ReasonCode.ProviderProtocolError], result.Failure);
        Assert.Empty(Calls(_server, MatchPath));
    }
}
