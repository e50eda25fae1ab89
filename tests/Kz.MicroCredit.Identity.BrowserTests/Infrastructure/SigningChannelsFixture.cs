using Kz.MicroCredit.Identity.Testing.Pki;
using Kz.MicroCredit.Identity.Testing.SigningChannels;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using OnboardingWeb;
using OnboardingWeb.Sandbox;
using Xunit;

namespace Kz.MicroCredit.Identity.BrowserTests.Infrastructure;

/// <summary>
/// The onboarding sample wired to an NCALayer emulator (its page connects to the emulator's ws:// URL instead of
/// wss://127.0.0.1:13579) and one headless Chromium, for the eGov mobile and NCALayer tests.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Disposed in DisposeAsync: xunit calls IAsyncLifetime.")]
public sealed class SigningChannelsFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private SandboxPki? _placeholderPki;

    /// <summary>Gets the sample's base address.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Gets the browser.</summary>
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Gets the NCALayer emulator the page talks to.</summary>
    public NcaLayerEmulator NcaLayer { get; private set; } = null!;

    /// <summary>Gets the sandbox behind the app (its test keys are the borrowers' keys).</summary>
    public OnboardingSandbox Sandbox => (OnboardingSandbox)_app!.Services.GetService(typeof(OnboardingSandbox))!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(OnboardingWebFixture.ChromiumPath))
        {
            throw new InvalidOperationException($"Headless Chromium was not found at {OnboardingWebFixture.ChromiumPath} (apt-get install -y chromium, or set KZID_CHROMIUM).");
        }

        // The emulator starts first so the app can be configured with its URL; each test sets the key it signs with.
        _placeholderPki = new SandboxPki();
        NcaLayer = await NcaLayerEmulator.StartAsync(_placeholderPki.IssueIndividual(Iin.Parse("880912300763"), "НЕ", "ЗАДАН"));
        _app = await OnboardingApp.BuildAsync(
            ["--urls", "http://127.0.0.1:0", "--environment", "Development"],
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["SigningChannels:NcaLayerUrl"] = NcaLayer.WebSocketUrl.AbsoluteUri.TrimEnd('/'),
            }));
        await _app.StartAsync();
        BaseUrl = OnboardingApp.Addresses(_app).Single().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = OnboardingWebFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
        });
    }

    /// <summary>Opens a desktop-sized page (mouse pointer: the QR code is shown), camera allowed.</summary>
    /// <returns>The page.</returns>
    public async Task<IPage> NewDesktopPageAsync()
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "ru-RU",
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

        if (NcaLayer is not null)
        {
            await NcaLayer.DisposeAsync();
        }

        _placeholderPki?.Dispose();
    }
}

/// <summary>The signing-channel browser tests: one sample with an NCALayer emulator, one browser.</summary>
[CollectionDefinition(Name)]
public sealed class SigningChannelsTestGroup : ICollectionFixture<SigningChannelsFixture>
{
    /// <summary>The collection name.</summary>
    public const string Name = "Signing channels in Chromium";
}
