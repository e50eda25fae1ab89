using System.Reflection;
using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OnboardingWeb.Flow;
using OnboardingWeb.Sandbox;
using OnboardingWeb.Signing;
using OnboardingWeb.Staff;

namespace OnboardingWeb;

/// <summary>
/// Builds the onboarding web app. <c>Program.cs</c> runs it; the browser tests build it in-process on a free loopback
/// port with Kestrel (a browser cannot reach a TestServer).
/// </summary>
public static class OnboardingApp
{
    /// <summary>Where the sample listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5180";

    /// <summary>Builds the app (not yet started); the sandbox starts with it.</summary>
    /// <param name="args">Command-line arguments (<c>--urls</c>, <c>--Kzid:Policy=rules-2021</c>, …).</param>
    /// <param name="configure">Extra configuration of the builder (tests), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The app.</returns>
    public static Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(OnboardingApp).Assembly.GetName().Name,
        });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        configure?.Invoke(builder);

        // The SDK's one configuration layout: every method whose sub-section is present under "Kzid", the rule set named
        // by Kzid:Policy and the start-up checks (appsettings.json is the complete annotated file).
        IConfigurationSection kzid = builder.Configuration.GetSection("Kzid");
        BorrowerIdentificationBuilder identification = builder.Services.AddBorrowerIdentification(kzid);

        // The sample's own extra requirement on top of that rule set (Onboarding:RequireRealTimePhoto). An unknown
        // Kzid:Policy is left to the SDK, which refuses to start and names the key.
        OnboardingOptions onboarding = builder.Configuration.GetSection(OnboardingOptions.SectionName).Get<OnboardingOptions>() ?? new OnboardingOptions();
        builder.Services.AddOptions<OnboardingOptions>().BindConfiguration(OnboardingOptions.SectionName);
        string? ruleSet = kzid[KzidConfigurationSections.Policy];
        if ((ruleSet is null ? IdentificationPolicies.Rules2025 : BorrowerIdentificationConfigurationExtensions.FindPolicy(ruleSet)) is { } preset)
        {
            identification.UsePolicy(onboarding.BuildPolicy(preset));
        }

        // The built-in sandbox, always on in this sample: every method above is pointed at loopback simulators (test
        // PKI and revocation responder, SmartBridge, CEID, liveness vendor) and the SMS sender keeps the codes, whatever
        // addresses and secrets the section holds. A lender's app drops this line (and the Testing package).
        builder.Services.AddKzidSandbox();
        builder.Services.AddSingleton<OnboardingSandbox>();

        // Step 2 checks the phone alone; the final decision reuses that check rather than asking SmartBridge again.
        identification.AddMethod<PhoneCheckedOnce>(IdentificationMethodId.EGovPhoneOwnership);

        // The signing channels of the EDS page, in order: sandbox key, eGov mobile (QR / deep link), NCALayer.
        builder.Services.AddSingleton<IEdsSigningChannel, SandboxKeySigningChannel>();
        SigningChannelsSetup.AddSigningChannels(builder, identification);

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OnboardingStore>();
        builder.Services.AddScoped<OnboardingFlow>();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "kzid-onboarding-af");

        WebApplication app = builder.Build();
        string ncaLayerUrl = app.Services.GetRequiredService<IOptions<SigningChannelOptions>>().Value.NcaLayerUrl;
        app.Use(async (http, next) =>
        {
            // The session id is in the URL: never send it on as a Referer. The camera is for this site only.
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            http.Response.Headers["X-Content-Type-Options"] = "nosniff";
            http.Response.Headers["Permissions-Policy"] = "camera=(self), microphone=()";
            http.Response.Headers["Content-Security-Policy"] =
                "default-src 'self'; connect-src 'self' " + ncaLayerUrl + "; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'";
            http.Response.OnStarting(() =>
            {
                // Pages carry personal data: not cached. (Pages with forms get this from antiforgery already.)
                if (string.IsNullOrEmpty(http.Response.Headers.CacheControl))
                {
                    http.Response.Headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(http);
        });
        app.UseAntiforgery();
        app.MapGet("/assets/{name}", (string name) =>
        {
            Stream? stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("assets/" + name);
            string type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            return stream is null ? Results.NotFound() : Results.Stream(stream, type);
        });
        app.MapOnboarding();
        SigningChannelsSetup.MapSigningChannels(app);
        app.MapStaffPages();
        return Task.FromResult(app);
    }

    /// <summary>Gets the addresses the started app listens on.</summary>
    /// <param name="app">The started app.</param>
    /// <returns>The addresses, e.g. <c>http://127.0.0.1:5180</c>.</returns>
    public static IReadOnlyCollection<string> Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
    }
}
