using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using OnboardingWeb;
using OnboardingWeb.Sandbox;
using Xunit;

namespace Kz.MicroCredit.Identity.BrowserTests.Infrastructure;

/// <summary>
/// One running onboarding sample (real Kestrel on a free loopback port: a browser cannot reach a TestServer, and
/// getUserMedia needs a secure context, which http://127.0.0.1 is) and one headless Chromium, shared by the tests of
/// the <see cref="BrowserTestGroup"/>. Chromium is the OS package: Playwright's own browser download is never used.
/// </summary>
public sealed class OnboardingWebFixture : IAsyncLifetime
{
    /// <summary>Where the browser is looked for unless <c>KZID_CHROMIUM</c> names another executable.</summary>
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    private WebApplication? _app;
    private IPlaywright? _playwright;

    /// <summary>Gets the sample's base address, e.g. <c>http://127.0.0.1:43123</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Gets the browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Gets the running app's services (the sandbox, the store), for tests that script more than the UI offers.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The app is not running.");

    /// <summary>Gets the sandbox behind the app.</summary>
    public OnboardingSandbox Sandbox => (OnboardingSandbox)Services.GetService(typeof(OnboardingSandbox))!;

    /// <summary>Gets the Chromium executable used.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("KZID_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromiumPath;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // Fail, never skip: a browser test that silently does not run is worse than a red one.
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Headless Chromium was not found at {ChromiumPath}. Install the OS package (Debian/Ubuntu: apt-get install -y chromium) " +
                "or set KZID_CHROMIUM to a Chromium executable. The tests never download a browser (no `playwright install`).");
        }

        _app = await OnboardingApp.BuildAsync(
            ["--urls", "http://127.0.0.1:0", "--environment", "Development"],
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            }));
        await _app.StartAsync();
        BaseUrl = OnboardingApp.Addresses(_app).Single().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
            ],
        });
    }

    /// <summary>Opens a page the size of a phone screen (390 × 844, touch), with camera permission granted.</summary>
    /// <param name="locale">The browser's language (Accept-Language).</param>
    /// <returns>The page; close its context with <see cref="IPage.Context"/>.</returns>
    public async Task<IPage> NewPhonePageAsync(string locale = "ru-RU")
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 1,
            IsMobile = true,
            HasTouch = true,
            Locale = locale,
            Permissions = ["camera"],
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>The tests that share one running sample and one browser; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<OnboardingWebFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Onboarding web in Chromium";
}
