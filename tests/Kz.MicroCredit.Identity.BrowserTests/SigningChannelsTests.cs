using System.Text.Json.Nodes;
using Kz.MicroCredit.Identity.BrowserTests.Infrastructure;
using Kz.MicroCredit.Identity.Testing.SigningChannels;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Kz.MicroCredit.Identity.BrowserTests;

[Collection(SigningChannelsTestGroup.Name)]
public sealed class SigningChannelsTests(SigningChannelsFixture fixture, ITestOutputHelper output)
{
    // One borrower (IIN and phone) per journey: the sandbox limits how often one phone is sent an SMS code.
    private const string Stranger = "790303402568";

    [Fact]
    public async Task Phone_path_the_page_shows_the_qr_the_phone_signs_and_the_borrower_is_verified()
    {
        string iin = "850505400127";
        IPage page = await fixture.NewDesktopPageAsync();
        var journey = new OnboardingJourney(page, "egov-phone", output);
        await journey.StartAsync(iin, "+7 701 000 00 01");
        await journey.CheckPhoneAsync();

        string payload = await QrPayloadAsync(page);
        await Assertions.Expect(page.Locator("#egov-qr-image")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#egov-qr-payload")).ToHaveTextAsync(payload);
        await journey.CheckAsync("eds-qr");
        using var http = new HttpClient();
        var phone = new EGovMobileSimulator(http);
        EGovMobileSimulatorResult answered = await phone.SignAsync(payload, fixture.Sandbox.BorrowerSigner(Iin.Parse(iin)));
        Assert.True(answered.Accepted, answered.ToString());

        // The page learns the outcome by itself (server-sent events) and goes on to the camera step.
        await page.WaitForURLAsync("**/camera");
        await journey.TakePhotoAsync();
        await journey.EnterSandboxOtpAsync();
        Assert.Equal("verified", await journey.OutcomeAsync());
        await journey.CheckAsync("decision");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Rejected_path_a_signer_with_another_iin_is_refused_and_the_page_says_so()
    {
        string iin = "920303300455";
        IPage page = await fixture.NewDesktopPageAsync();
        var journey = new OnboardingJourney(page, "egov-other-iin", output);
        await journey.StartAsync(iin, "+7 701 000 00 02");
        await journey.CheckPhoneAsync();

        string payload = await QrPayloadAsync(page);
        using var http = new HttpClient();
        EGovMobileSimulatorResult answered = await new EGovMobileSimulator(http).SignAsync(payload, fixture.Sandbox.BorrowerSigner(Iin.Parse(Stranger)));

        Assert.Equal(403, answered.StatusCode);
        await Assertions.Expect(page.Locator("#egov-status")).ToHaveAttributeAsync("data-state", "rejected");
        await Assertions.Expect(page.Locator("#egov-status")).ToContainTextAsync("ИИН не совпадает");
        await Assertions.Expect(page.Locator("#egov-qr")).ToBeHiddenAsync();
        Assert.EndsWith("/eds", page.Url, StringComparison.Ordinal);
        await journey.CheckAsync("eds-rejected");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("#ncalayer-sign")]
    [InlineData("#ncalayer-sign-xml")]
    public async Task Desktop_path_ncalayer_signs_the_challenge_and_the_borrower_is_verified(string button)
    {
        bool xml = button.EndsWith("xml", StringComparison.Ordinal);
        string iin = xml ? "950606500212" : "871111400332";
        fixture.NcaLayer.Mode = NcaLayerEmulatorMode.Sign;
        fixture.NcaLayer.Signer = fixture.Sandbox.BorrowerSigner(Iin.Parse(iin));
        IPage page = await fixture.NewDesktopPageAsync();
        var journey = new OnboardingJourney(page, "ncalayer" + (xml ? "-xml" : string.Empty), output);
        await journey.StartAsync(iin, xml ? "+7 701 000 00 06" : "+7 701 000 00 03");
        await journey.CheckPhoneAsync();
        int before = fixture.NcaLayer.RequestCount;

        await page.Locator(button).ClickAsync();

        await page.WaitForURLAsync("**/camera");
        Assert.Equal(before + 1, fixture.NcaLayer.RequestCount);
        await journey.TakePhotoAsync();
        await journey.EnterSandboxOtpAsync();
        Assert.Equal("verified", await journey.OutcomeAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Ncalayer_signing_with_another_persons_key_ends_in_a_rejection()
    {
        string iin = "880912300763";
        fixture.NcaLayer.Mode = NcaLayerEmulatorMode.Sign;
        // A fake or misused NCALayer can sign with any key: the server's IIN check decides.
        fixture.NcaLayer.Signer = fixture.Sandbox.BorrowerSigner(Iin.Parse(Stranger));
        IPage page = await fixture.NewDesktopPageAsync();
        var journey = new OnboardingJourney(page, "ncalayer-other-iin", output);
        await journey.StartAsync(iin, "+7 701 000 00 04");
        await journey.CheckPhoneAsync();

        await page.Locator("#ncalayer-sign").ClickAsync();
        await page.WaitForURLAsync("**/camera");
        await journey.TakePhotoAsync();
        await journey.EnterSandboxOtpAsync();

        Assert.Equal("rejected", await journey.OutcomeAsync());
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(NcaLayerEmulatorMode.NotRunning, "not-running", "NCALayer не запущен")]
    [InlineData(NcaLayerEmulatorMode.CancelledByUser, "cancelled", "Подпись отменена")]
    public async Task Ncalayer_not_running_or_cancelled_gives_a_clear_message_and_stays_on_the_page(NcaLayerEmulatorMode mode, string state, string text)
    {
        string iin = "771225400011";
        fixture.NcaLayer.Mode = mode;
        IPage page = await fixture.NewDesktopPageAsync();
        try
        {
            var journey = new OnboardingJourney(page, "ncalayer-" + state, output);
            await journey.StartAsync(iin, "+7 701 000 00 05");
            await journey.CheckPhoneAsync();

            await page.Locator("#ncalayer-sign").ClickAsync();

            await Assertions.Expect(page.Locator("#ncalayer-message")).ToHaveAttributeAsync("data-state", state);
            await Assertions.Expect(page.Locator("#ncalayer-message")).ToContainTextAsync(text);
            await Assertions.Expect(page.Locator("#ncalayer-sign")).ToBeEnabledAsync();
            Assert.EndsWith("/eds", page.Url, StringComparison.Ordinal);
            await journey.CheckAsync("eds-message");
        }
        finally
        {
            fixture.NcaLayer.Mode = NcaLayerEmulatorMode.Sign;
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_start_endpoint_answers_the_contract()
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        using HttpResponseMessage ok = await http.PostAsync("/kzid/egov-mobile/sessions", new StringContent("{\"iin\":\"880912300763\"}", System.Text.Encoding.UTF8, "application/json"));
        using HttpResponseMessage bad = await http.PostAsync("/kzid/egov-mobile/sessions", new StringContent("{\"iin\":\"123\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        JsonObject json = JsonNode.Parse(await ok.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["sessionId", "qr", "deepLinks", "expiresAt"], json.Select(p => p.Key));
        Assert.Equal("mobileSign:" + fixture.BaseUrl + "/kzid/egov-mobile/api1/" + json["sessionId"]!.GetValue<string>(), json["qr"]!.GetValue<string>());
        Assert.NotEmpty(json["deepLinks"]!.AsObject());
        Assert.True(json["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["message"]!.GetValue<string>()));
    }

    private static async Task<string> QrPayloadAsync(IPage page)
    {
        Assert.EndsWith("/eds", page.Url, StringComparison.Ordinal);
        ILocator qr = page.Locator("#egov-qr[data-qr-payload]");
        await Assertions.Expect(qr).ToBeVisibleAsync();
        string payload = await qr.GetAttributeAsync("data-qr-payload") ?? string.Empty;
        Assert.StartsWith("mobileSign:http://127.0.0.1:", payload, StringComparison.Ordinal);
        return payload;
    }
}
