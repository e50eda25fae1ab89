using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Kz.MicroCredit.Identity.ContractTests.Biometrics;

/// <summary>One WireMock server per test class (loopback).</summary>
public sealed class CeidWireMockFixture : IDisposable
{
    public WireMockServer Server { get; } = WireMockServer.Start();

    public void Dispose() => Server.Stop();
}

/// <summary>Wires the SDK to a WireMock CEID and builds the stubs of the documented contract.</summary>
internal static class CeidContractHost
{
    public const string TokenPath = "/auth/oauth/token";
    public const string MatchPath = "/ceid/v1/biometrics/matches";
    public const string SessionsPath = "/ceid/v1/biometrics/sessions";
    public const string DeclaredIin = CeidSimulator.SandboxIin;
    public const string CallbackSecret = "a-callback-secret-of-at-least-32-characters";

    public static ServiceProvider Build(WireMockServer server, Action<KcmrBiometricsOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.KcmrBiometrics))
            .AddKcmrBiometrics(o =>
            {
                o.BaseAddress = new Uri(server.Url + "/ceid/");
                o.TokenEndpoint = new Uri(server.Url + TokenPath);
                o.ClientId = "mfo-client";
                o.ClientSecret = "mfo-secret";
                o.ProviderId = "mfo-provider-42";
                o.Scope = "biometrics";
                o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(8);
                o.Resilience.TotalTimeout = TimeSpan.FromSeconds(20);
                o.Resilience.RetryBackoff = TimeSpan.FromMilliseconds(10);
                o.CallbackSecret = CallbackSecret;
                o.PollInterval = TimeSpan.FromMilliseconds(20);
                configure?.Invoke(o);
            });
        ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        provider.ValidateBorrowerIdentificationOptions();
        return provider;
    }

    public static void StubToken(WireMockServer server, string token = "tok-1", int expiresIn = 300) =>
        server.Given(Request.Create().WithPath(TokenPath).UsingPost())
            .RespondWith(Json(200, $$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":{{expiresIn}}}"""));

    public static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    public static string MatchAnswer(string requestId, string decision = "match", double similarity = 0.97, bool liveness = true, string iin = DeclaredIin) =>
        $$"""{"requestId":"{{requestId}}","matchId":"m_1a2b","providerId":"bio-1","decision":"{{decision}}","similarity":{{similarity.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"liveness":{"passed":{{(liveness ? "true" : "false")}}},"referenceSource":"gbdfl","iin":"{{iin}}"}""";

    public static CeidMatchRequest MatchRequest(string requestId = "req-1") =>
        new(requestId, Kz.MicroCredit.Identity.Iin.Parse(DeclaredIin), "consent-1", SampleFaceImage.CreateJpeg(), FaceImageFormat.Jpeg);

    public static BorrowerIdentificationRequest ImageRequest(string requestId, IdentificationOperation operation = IdentificationOperation.AgreementSigning)
    {
        var request = new BorrowerIdentificationRequest(Kz.MicroCredit.Identity.Iin.Parse(DeclaredIin), operation, "loan-1");
        request.Evidence.Add(new KcmrFaceImageEvidence(SampleFaceImage.CreateJpeg(), "consent-1", requestId));
        return request;
    }

    public static IReadOnlyList<ILogEntry> Calls(WireMockServer server, string path) =>
        server.LogEntries.Where(e => e.RequestMessage!.Path == path).OrderBy(e => e.RequestMessage!.DateTime).ToList();

    public static string? Header(ILogEntry entry, string name) =>
        entry.RequestMessage!.Headers is { } headers && headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    public static string Sign(string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(CallbackSecret), Encoding.UTF8.GetBytes(body)));

    public static string LastSessionRequestId(WireMockServer server) =>
        JsonNode.Parse(Calls(server, SessionsPath).Last(e => e.RequestMessage!.Method == "POST").RequestMessage!.Body!)!["requestId"]!.GetValue<string>();
}
