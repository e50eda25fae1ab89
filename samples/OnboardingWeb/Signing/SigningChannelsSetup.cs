using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.AspNetCore;
using Kz.MicroCredit.Identity.SigningChannels;

namespace OnboardingWeb.Signing;

/// <summary>Registers and maps the eGov mobile and NCALayer channels of the sample.</summary>
public static class SigningChannelsSetup
{
    /// <summary>The sample's contract: starts an eGov mobile session for a fresh challenge.</summary>
    public const string StartRoute = "/kzid/egov-mobile/sessions";

    /// <summary>Adds eGov mobile signing (the lender's names and BIN of the sandbox) and both channels.</summary>
    /// <param name="builder">The app builder.</param>
    /// <param name="identification">The identification builder.</param>
    public static void AddSigningChannels(WebApplicationBuilder builder, BorrowerIdentificationBuilder identification)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(identification);
        IConfigurationSection section = builder.Configuration.GetSection(SigningChannelOptions.SectionName);
        builder.Services.Configure<SigningChannelOptions>(section);
        Uri publicBaseUrl = section.GetValue<Uri?>(nameof(SigningChannelOptions.PublicBaseUrl)) ?? OwnAddress(builder);
        identification.AddEGovMobileSigning(o =>
        {
            o.PublicBaseUrl = publicBaseUrl;
            o.OrganisationNameRu = "ТОО «МФО Sandbox»";
            o.OrganisationNameKz = "«Sandbox МҚҰ» ЖШС";
            o.OrganisationNameEn = "Sandbox MFO LLP";
            o.OrganisationBin = "070840007503";
            o.SignMethod = EGovMobileSignMethod.Xml;
        });
        builder.Services.AddSingleton<IEdsSigningChannel, EGovMobileSigningChannel>();
        builder.Services.AddSingleton<IEdsSigningChannel, NcaLayerSigningChannel>();
    }

    /// <summary>
    /// Maps the protocol endpoints the phone calls and the sample's start endpoint:
    /// <c>POST /kzid/egov-mobile/sessions</c> with <c>{"iin":"…"}</c> answers <c>{"sessionId","qr","deepLinks","expiresAt"}</c>.
    /// A real lender starts sessions from its own authenticated flow, for the borrower it already knows.
    /// </summary>
    /// <param name="app">The app.</param>
    public static void MapSigningChannels(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapKzidEGovMobileSigning();
        app.MapPost(StartRoute, async (HttpContext http, IEGovMobileSigningService signing) =>
        {
            StartRequest? request = null;
            if (http.Request.HasJsonContentType() && http.Request.ContentLength is null or <= 1024)
            {
                try
                {
                    request = await http.Request.ReadFromJsonAsync(SampleJsonContext.Default.StartRequest, http.RequestAborted);
                }
                catch (JsonException)
                {
                    request = null;
                }
            }

            if (request?.Iin is not { } text || !Iin.TryParse(text, out Iin iin))
            {
                return Results.Json(new ErrorAnswer("A JSON body {\"iin\": \"<12 digits>\"} with a valid IIN is required."), SampleJsonContext.Default.ErrorAnswer, statusCode: 400);
            }

            EGovMobileSigningSession session = await signing.StartAsync(iin, IdentificationOperation.Registration, http.RequestAborted);
            return Results.Json(
                new StartAnswer(session.SessionId, session.QrPayload, session.DeepLinks.ToDictionary(l => l.Key, l => l.Value.AbsoluteUri), session.ExpiresAt),
                SampleJsonContext.Default.StartAnswer);
        }).DisableAntiforgery();
    }

    // The phone must reach the app: its own address, with a concrete port (a port-0 URL gets a free port picked now).
    private static Uri OwnAddress(WebApplicationBuilder builder)
    {
        string urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? OnboardingApp.DefaultUrl;
        var first = new Uri(urls.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Replace("*", "127.0.0.1", StringComparison.Ordinal).Replace("+", "127.0.0.1", StringComparison.Ordinal));
        if (first.Port != 0)
        {
            return first;
        }

        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var chosen = new UriBuilder(first) { Port = port }.Uri;
        builder.WebHost.UseUrls(chosen.GetLeftPart(UriPartial.Authority));
        return chosen;
    }

    internal sealed record StartRequest([property: JsonPropertyName("iin")] string? Iin);

    internal sealed record StartAnswer(
        [property: JsonPropertyName("sessionId")] string SessionId,
        [property: JsonPropertyName("qr")] string Qr,
        [property: JsonPropertyName("deepLinks")] Dictionary<string, string> DeepLinks,
        [property: JsonPropertyName("expiresAt")] DateTimeOffset ExpiresAt);

    internal sealed record ErrorAnswer([property: JsonPropertyName("message")] string Message);
}

[JsonSerializable(typeof(SigningChannelsSetup.StartRequest))]
[JsonSerializable(typeof(SigningChannelsSetup.StartAnswer))]
[JsonSerializable(typeof(SigningChannelsSetup.ErrorAnswer))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
