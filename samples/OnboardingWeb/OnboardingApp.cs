using System.Reflection;
using Kz.MicroCredit.Identity;
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

    /// <summary>Starts the sandbox and builds the app (not yet started).</summary>
    /// <param name="args">Command-line arguments (<c>--urls</c>, <c>--Onboarding:Policy=rules-2021</c>, …).</param>
    /// <param name="configure">Extra configuration of the builder (tests), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The app.</returns>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
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

        // The sample's own settings decide the policy, so they are read and checked before anything is registered.
        OnboardingOptions onboarding = builder.Configuration.GetSection(OnboardingOptions.SectionName).Get<OnboardingOptions>() ?? new OnboardingOptions();
        ValidateOptionsResult valid = new OnboardingOptionsValidator().Validate(null, onboarding);
        if (valid.Failed)
        {
            throw new OptionsValidationException(OnboardingOptions.SectionName, typeof(OnboardingOptions), valid.Failures);
        }

        builder.Services.AddOptions<OnboardingOptions>().BindConfiguration(OnboardingOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OnboardingOptions>, OnboardingOptionsValidator>();

        // The built-in sandbox: simulators on loopback, started before the methods are registered against them.
        OnboardingSandbox sandbox = await OnboardingSandbox.StartAsync(cancellationToken);
        builder.Services.AddSingleton(sandbox);
        builder.Services.AddHostedService<SandboxLifetime>();
        BorrowerIdentificationBuilder identification = builder.Services.AddBorrowerIdentification().UsePolicy(onboarding.BuildPolicy());
        sandbox.Register(builder.Services, identification);

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
        return app;
    }

    /// <summary>Gets the addresses the started app listens on.</summary>
    /// <param name="app">The started app.</param>
    /// <returns>The addresses, e.g. <c>http://127.0.0.1:5180</c>.</returns>
    public static IReadOnlyCollection<string> Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
    }

    /// <summary>Stops the sandbox's simulators with the app.</summary>
    private sealed class SandboxLifetime(OnboardingSandbox sandbox) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken) => await sandbox.DisposeAsync();
    }
}
