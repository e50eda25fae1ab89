using Kz.MicroCredit.Identity.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Kz.MicroCredit.Identity.BrowserTests;

/// <summary>
/// The onboarding sample end to end in headless Chromium on a phone-sized screen: every page is checked with axe and
/// photographed. Each test uses its own IIN and phone, so the per-IIN sandbox scripts do not meet.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class OnboardingFlowTests(OnboardingWebFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Happy_path_with_the_fake_camera_ends_verified_and_the_staff_page_keeps_the_evidence()
    {
        IPage page = await fixture.NewPhonePageAsync();
        var journey = new OnboardingJourney(page, "happy", output);

        await journey.StartAsync("880912300763", "+7 701 123 45 67");
        await journey.CheckPhoneAsync();
        await journey.SignWithSandboxKeyAsync();
        await journey.TakePhotoAsync();
        await journey.EnterSandboxOtpAsync();

        Assert.EndsWith("/decision", page.Url, StringComparison.Ordinal);
        Assert.Equal("verified", await journey.OutcomeAsync());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Личность подтверждена");
        await journey.CheckAsync("decision");
        string reference = ReferenceFrom(await page.Locator("p.hint").Last.InnerTextAsync());

        // The staff page lists the decision; its evidence report names every method, each verified, with no clear IIN.
        await page.GotoAsync("/staff");
        await Assertions.Expect(page.Locator($"#decisions a:text-is('{reference}')")).ToBeVisibleAsync();
        await journey.CheckAsync("staff-list");
        await page.Locator($"#decisions a:text-is('{reference}')").ClickAsync();
        await Assertions.Expect(page.Locator("#decision-status")).ToHaveTextAsync("Verified");
        string evidence = await page.Locator("#evidence").InnerTextAsync();
        foreach (string method in new[] { "nca-eds", "kcmr-biometrics", "realtime-photo", "egov-phone-ownership" })
        {
            Assert.Contains($"\"method\": \"{method}\"", evidence, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("880912300763", evidence, StringComparison.Ordinal);
        await journey.CheckAsync("staff-decision");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Phone_registered_to_another_iin_is_rejected_in_plain_words_in_three_languages()
    {
        IPage page = await fixture.NewPhonePageAsync();
        var journey = new OnboardingJourney(page, "rejected-phone", output);

        await journey.StartAsync("900115300013", "+7 702 555 01 02", scenario: "phone-other-iin");
        await journey.CheckPhoneAsync();

        Assert.EndsWith("/decision", page.Url, StringComparison.Ordinal);
        Assert.Equal("rejected", await journey.OutcomeAsync());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Не удалось подтвердить личность");
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveTextAsync(
            "Номер телефона зарегистрирован у оператора на другого человека. Укажите номер, оформленный на ваш ИИН.");
        await journey.CheckAsync("decision-ru");

        await page.GetByRole(AriaRole.Link, new() { Name = "Қазақша" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "kk");
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveTextAsync(
            "Телефон нөмірі операторда басқа адамға тіркелген. Өз ЖСН-ыңызға рәсімделген нөмірді көрсетіңіз.");
        await journey.CheckAsync("decision-kk");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveTextAsync(
            "The mobile operator has this phone number registered to someone else. Please use a number registered to your own IIN.");
        await journey.CheckAsync("decision-en");

        // The staff see the veto's reason code and the phone-check stage.
        string reference = ReferenceFrom(await page.Locator("p.hint").Last.InnerTextAsync());
        await page.GotoAsync("/staff/decisions/" + reference);
        await Assertions.Expect(page.Locator("#decision-status")).ToHaveTextAsync("Rejected");
        Assert.Contains("PhoneRegisteredToAnotherIin", await page.Locator("#evidence").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Liveness_vendor_down_shows_try_again_later_not_a_rejection()
    {
        IPage page = await fixture.NewPhonePageAsync(locale: "en-GB");
        var journey = new OnboardingJourney(page, "outage", output);

        await journey.StartAsync("910220400012", "+7 705 555 03 04", scenario: "liveness-down");
        await journey.CheckPhoneAsync();
        await journey.SignWithSandboxKeyAsync();

        Assert.EndsWith("/later", page.Url, StringComparison.Ordinal);
        Assert.Equal("try-later", await journey.OutcomeAsync());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("The service is temporarily unavailable");
        await Assertions.Expect(page.Locator("#outcome")).ToContainTextAsync("This is not a refusal");
        Assert.Equal(0, await page.Locator("[data-outcome='rejected']").CountAsync());
        await journey.CheckAsync("try-later");

        // Nothing was decided: going back to the flow's address keeps showing the try-later page.
        await page.GotoAsync(page.Url.Replace("/later", string.Empty, StringComparison.Ordinal));
        Assert.EndsWith("/later", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Face_that_does_not_match_is_rejected_after_the_last_step_with_the_biometric_reason()
    {
        IPage page = await fixture.NewPhonePageAsync(locale: "kk-KZ");
        var journey = new OnboardingJourney(page, "rejected-face", output);

        await journey.StartAsync("850301400019", "+7 707 555 05 06", scenario: "face-no-match");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "kk");
        await journey.CheckPhoneAsync();
        await journey.SignWithSandboxKeyAsync();
        await journey.TakePhotoAsync();
        await journey.EnterSandboxOtpAsync();

        Assert.Equal("rejected", await journey.OutcomeAsync());
        await Assertions.Expect(page.Locator("#reasons")).ToContainTextAsync(
            "Камерадан түсірілген фото мемлекеттік дерекқордағы суретіңізбен сәйкес келмеді.");
        await journey.CheckAsync("decision");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Invalid_iin_and_phone_are_named_on_the_start_page()
    {
        IPage page = await fixture.NewPhonePageAsync(locale: "en-US");
        await page.GotoAsync("/");
        await page.Locator("#iin").FillAsync("880912300764");
        await page.Locator("#phone").FillAsync("+7 123");
        await page.Locator("#start").ClickAsync();

        await Assertions.Expect(page.Locator("#errors li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#iin")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#phone")).ToHaveAttributeAsync("aria-invalid", "true");
        await PageChecks.CheckAsync(page, "start-errors", output);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_eds_page_has_a_section_per_signing_channel()
    {
        IPage page = await fixture.NewPhonePageAsync();
        var journey = new OnboardingJourney(page, "channels", output);
        await journey.StartAsync("771225400011", "+7 747 555 07 08");
        await journey.CheckPhoneAsync();

        Assert.EndsWith("/eds", page.Url, StringComparison.Ordinal);
        string[] channels = (await page.Locator("section.channel").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.channel)"));
        Assert.Equal(["sandbox-key", "egov-qr", "ncalayer"], channels);
        // The eGov mobile and NCALayer channels are live (their own tests: SigningChannelsTests).
        await Assertions.Expect(page.Locator("#ncalayer-sign")).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator("#egov-qr")).ToHaveAttributeAsync("data-qr-payload", new System.Text.RegularExpressions.Regex("^mobileSign:http"));
        await page.Context.CloseAsync();
    }

    private static string ReferenceFrom(string hint)
    {
        // "…: <reference>. …" — the check number is the evidence report id.
        int colon = hint.IndexOf(':', StringComparison.Ordinal);
        int dot = hint.IndexOf(". ", colon, StringComparison.Ordinal);
        Assert.True(colon > 0 && dot > colon, "No check number in: " + hint);
        return hint[(colon + 1)..dot].Trim();
    }
}
