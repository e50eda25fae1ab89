using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.SigningChannels;
using Kz.MicroCredit.Identity.Testing.SigningChannels;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests.SigningChannels;

/// <summary>API 2's auth types: Token (the default, tested with the protocol), Eds (a signed sign-in) and None (opt-in).</summary>
public sealed class EGovMobileAuthTypeTests
{
    [Theory]
    [InlineData(EGovMobileSignMethod.Xml)]
    [InlineData(EGovMobileSignMethod.CmsSignOnly)]
    public async Task With_eds_the_phone_signs_in_gets_the_documents_and_its_answer_identifies(EGovMobileSignMethod method)
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(method, configure: o => o.AuthType = EGovMobileAuthType.Eds);
        INcaSigner signer = host.Pki.IssueIndividual(EGovMobileHost.Borrower, "ТЕСТОВ", "ТЕСТ");
        EGovMobileSigningSession session = await host.Signing.StartAsync(EGovMobileDocumentListTests.Request(method, EGovMobileDocumentListTests.AgreementXml()));

        JsonNode api1 = JsonNode.Parse(await host.Client.GetStringAsync(session.Api1Url))!;
        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, signer);

        Assert.Equal("Eds", api1["document"]!["auth_type"]!.GetValue<string>());
        Assert.Null(api1["document"]!["auth_token"]);
        Assert.True(phone.Accepted, phone.ToString());
        Assert.Equal(2, JsonNode.Parse(phone.Served!)!["documentsToSign"]!.AsArray().Count);
        Assert.True((await host.IdentifyAsync((await host.Signing.GetEvidenceAsync(session.SessionId))!)).IsVerified);
    }

    [Theory]
    [InlineData(EGovMobileSimulatorFault.EdsSkipSignIn, "api2-get")]
    [InlineData(EGovMobileSimulatorFault.EdsSignInWithAnotherKey, "api2-auth")]
    [InlineData(EGovMobileSimulatorFault.EdsSignInOverOtherData, "api2-auth")]
    [InlineData(EGovMobileSimulatorFault.EdsSignInForAnotherSession, "api2-auth")]
    [InlineData(EGovMobileSimulatorFault.EdsAnswerWithAnotherKey, "api2-put")]
    public async Task A_failed_eds_sign_in_or_an_answer_by_another_key_is_401_and_changes_nothing(EGovMobileSimulatorFault fault, string step)
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(configure: o => o.AuthType = EGovMobileAuthType.Eds);
        host.Simulator.AnotherSigner = host.Pki.IssueIndividual(EGovMobileHost.Other, "ДРУГОЙ", "ЧЕЛОВЕК");
        EGovMobileSigningSession session = await host.StartSessionAsync();
        host.Simulator.Language = "kk";

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"), fault);

        Assert.Equal((step, 401), (phone.Step, phone.StatusCode));
        Assert.Equal("Рұқсат жоқ: кіру қолтаңбасы қабылданбады.", phone.Message);
        // Nobody but the signed-in borrower can close the session: a stranger's answer does not even reject it.
        Assert.Equal(EGovMobileSessionState.Pending, (await host.Signing.GetStatusAsync(session.SessionId))!.State);
        Assert.Null(await host.Signing.GetEvidenceAsync(session.SessionId));
    }

    [Fact]
    public async Task An_answer_by_another_key_of_the_same_borrower_than_the_one_signed_in_is_401()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(configure: o => o.AuthType = EGovMobileAuthType.Eds);
        host.Simulator.AnotherSigner = host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б");
        EGovMobileSigningSession session = await host.StartSessionAsync();

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"), EGovMobileSimulatorFault.EdsAnswerWithAnotherKey);

        Assert.Equal(("api2-put", 401), (phone.Step, phone.StatusCode));
        Assert.Equal(EGovMobileSessionState.Pending, (await host.Signing.GetStatusAsync(session.SessionId))!.State);
    }

    [Fact]
    public async Task An_eds_sign_in_accepted_on_one_session_is_refused_on_another_and_a_put_without_sign_in_is_401()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(configure: o => o.AuthType = EGovMobileAuthType.Eds);
        INcaSigner signer = host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б");
        EGovMobileSigningSession first = await host.StartSessionAsync();
        EGovMobileSigningSession second = await host.StartSessionAsync();
        string api2First = JsonNode.Parse(await host.Client.GetStringAsync(first.Api1Url))!["document"]!["uri"]!.GetValue<string>();
        string api2Second = JsonNode.Parse(await host.Client.GetStringAsync(second.Api1Url))!["document"]!["uri"]!.GetValue<string>();
        string signIn = await NcaXmlSigner.SignEnvelopedAsync("<login><url>" + api2First + "</url></login>", signer);

        using HttpResponseMessage accepted = await Post(host, api2First, signIn);
        using HttpResponseMessage replayed = await Post(host, api2Second, signIn);
        using HttpResponseMessage putWithoutSignIn = await host.Client.PutAsync(api2Second, new StringContent("{\"signMethod\":\"XML\",\"version\":1,\"documentsToSign\":[]}", Encoding.UTF8, "application/json"));
        using HttpResponseMessage tokenLess = await host.Client.GetAsync(api2Second);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("XML", JsonNode.Parse(await accepted.Content.ReadAsStringAsync())!["signMethod"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("Нет доступа: подпись для входа не принята.", JsonNode.Parse(await replayed.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, putWithoutSignIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenLess.StatusCode);

        // The signer who signed in first owns the session: another key (even the borrower's) cannot sign in after it.
        using HttpResponseMessage again = await Post(host, api2First, signIn);
        using HttpResponseMessage otherKey = await Post(host, api2First, await NcaXmlSigner.SignEnvelopedAsync("<login><url>" + api2First + "</url></login>", host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б")));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, otherKey.StatusCode);
    }

    [Theory]
    [InlineData("{}", HttpStatusCode.BadRequest)]
    [InlineData("{\"xml\": \"<login>not signed</login>\"}", HttpStatusCode.Unauthorized)]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    public async Task A_malformed_or_unsigned_eds_sign_in_is_refused(string body, HttpStatusCode expected)
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(configure: o => o.AuthType = EGovMobileAuthType.Eds);
        EGovMobileSigningSession session = await host.StartSessionAsync();
        string api2 = JsonNode.Parse(await host.Client.GetStringAsync(session.Api1Url))!["document"]!["uri"]!.GetValue<string>();

        using HttpResponseMessage response = await host.Client.PostAsync(api2, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>()));
        Assert.Equal(EGovMobileSessionState.Pending, (await host.Signing.GetStatusAsync(session.SessionId))!.State);
    }

    [Fact]
    public async Task A_sign_in_post_on_a_token_session_is_401()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        EGovMobileSigningSession session = await host.StartSessionAsync();
        string api2 = JsonNode.Parse(await host.Client.GetStringAsync(session.Api1Url))!["document"]!["uri"]!.GetValue<string>();
        string signIn = await NcaXmlSigner.SignEnvelopedAsync("<login><url>" + api2 + "</url></login>", host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"));

        using HttpResponseMessage response = await Post(host, api2, signIn);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task None_fails_at_start_unless_the_lender_opts_in()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => EGovMobileHost.StartAsync(configure: o => o.AuthType = EGovMobileAuthType.None));
        Assert.Contains("AllowUnauthenticatedApi2", ex.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAnyAsync<Exception>(() => EGovMobileHost.StartAsync(configure: o => o.AuthType = (EGovMobileAuthType)7));
        Assert.Contains("AuthType", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_none_opted_in_api2_needs_no_token_the_qr_stays_single_use_and_the_answer_is_still_verified()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(configure: o =>
        {
            o.AuthType = EGovMobileAuthType.None;
            o.AllowUnauthenticatedApi2 = true;
        });
        INcaSigner signer = host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б");
        EGovMobileSigningSession session = await host.StartSessionAsync();
        EGovMobileSigningSession reused = await host.StartSessionAsync();
        EGovMobileSigningSession stranger = await host.StartSessionAsync();

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, signer);
        EGovMobileSimulatorResult twice = await host.Simulator.SignAsync(reused.QrPayload, signer, EGovMobileSimulatorFault.ReuseQrCode);
        EGovMobileSimulatorResult other = await host.Simulator.SignAsync(stranger.QrPayload, host.Pki.IssueIndividual(EGovMobileHost.Other, "В", "Г"));

        Assert.True(phone.Accepted, phone.ToString());
        Assert.True((await host.IdentifyAsync((await host.Signing.GetEvidenceAsync(session.SessionId))!)).IsVerified);
        Assert.Equal(("api1", 409), (twice.Step, twice.StatusCode));
        Assert.Equal(403, other.StatusCode);
        Assert.Null(await host.Signing.GetEvidenceAsync(stranger.SessionId));
    }

    private static Task<HttpResponseMessage> Post(EGovMobileHost host, string api2, string signedXml) =>
        host.Client.PostAsync(api2, new StringContent(new JsonObject { ["xml"] = signedXml }.ToJsonString(), Encoding.UTF8, "application/json"));
}
