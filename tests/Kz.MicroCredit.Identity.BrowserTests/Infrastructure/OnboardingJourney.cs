using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace Kz.MicroCredit.Identity.BrowserTests.Infrastructure;

/// <summary>
/// A borrower going through the sample in the browser, step by step, checking (axe) and photographing every page on the
/// way. Screenshots are named <c>{prefix}-{nn}-{page}</c>. Reusable by tests of other signing channels: stop after
/// <see cref="CheckPhoneAsync"/>, sign your own way, then go on with <see cref="TakePhotoAsync"/>.
/// </summary>
public sealed class OnboardingJourney(IPage page, string prefix, ITestOutputHelper output)
{
    private int _shot;

    /// <summary>Gets the page.</summary>
    public IPage Page => page;

    /// <summary>Checks the current page and keeps its screenshot.</summary>
    /// <param name="name">The page name.</param>
    /// <returns>A task.</returns>
    public Task CheckAsync(string name) => PageChecks.CheckAsync(page, $"{prefix}-{++_shot:00}-{name}", output);

    /// <summary>Opens the start page (optionally with a sandbox scenario) and submits IIN and phone.</summary>
    /// <param name="iin">The IIN.</param>
    /// <param name="phone">The phone.</param>
    /// <param name="scenario">The sandbox scenario name, or <see langword="null"/> for the default.</param>
    /// <returns>A task.</returns>
    public async Task StartAsync(string iin, string phone, string? scenario = null)
    {
        await page.GotoAsync(scenario is null ? "/" : "/?scenario=" + scenario);
        await CheckAsync("start");
        await page.Locator("#iin").FillAsync(iin);
        await page.Locator("#phone").FillAsync(phone);
        await page.Locator("#start").ClickAsync();
        await page.WaitForURLAsync("**/phone");
    }

    /// <summary>Runs the phone check.</summary>
    /// <returns>A task.</returns>
    public async Task CheckPhoneAsync()
    {
        await CheckAsync("phone");
        await page.Locator("#check-phone").ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>Signs the challenge with the sandbox test key.</summary>
    /// <returns>A task.</returns>
    public async Task SignWithSandboxKeyAsync()
    {
        Assert.EndsWith("/eds", page.Url, StringComparison.Ordinal);
        await CheckAsync("eds");
        await page.Locator("#sign-sandbox").ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>Turns the (fake) camera on, takes the photo and sends it.</summary>
    /// <returns>A task.</returns>
    public async Task TakePhotoAsync()
    {
        Assert.EndsWith("/camera", page.Url, StringComparison.Ordinal);
        await page.Locator("#camera-start").ClickAsync();
        await Assertions.Expect(page.Locator("#camera-capture")).ToBeEnabledAsync();

        // A real frame from the fake device: the video has a size once frames flow.
        await page.WaitForFunctionAsync("() => document.getElementById('camera-video').videoWidth > 0");
        await Assertions.Expect(page.Locator("#camera-start")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#liveness-commands li")).Not.ToHaveCountAsync(0);
        await CheckAsync("camera");
        await page.Locator("#camera-capture").ClickAsync();
        await Assertions.Expect(page.Locator("#camera-photo")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#camera-video")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#camera-start")).ToBeHiddenAsync();
        Assert.True(await page.Locator("#camera-photo").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The taken photo is not shown.");
        string photo = await page.Locator("#photo").InputValueAsync();
        Assert.StartsWith("data:image/jpeg;base64,", photo, StringComparison.Ordinal);
        await CheckAsync("camera-taken");
        await page.Locator("#camera-send").ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>Reads the code from the sandbox hint panel and confirms it.</summary>
    /// <returns>A task.</returns>
    public async Task EnterSandboxOtpAsync()
    {
        Assert.EndsWith("/otp", page.Url, StringComparison.Ordinal);
        string code = (await page.Locator("#sandbox-otp").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9]{4,10}$", code);
        await page.Locator("#otp").FillAsync(code);
        await CheckAsync("otp");
        await page.Locator("#confirm-otp").ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    /// <summary>Gets the outcome shown (<c>verified</c>, <c>rejected</c> or <c>try-later</c>).</summary>
    /// <returns>The outcome.</returns>
    public async Task<string> OutcomeAsync() => await page.Locator("#outcome").GetAttributeAsync("data-outcome") ?? string.Empty;
}
