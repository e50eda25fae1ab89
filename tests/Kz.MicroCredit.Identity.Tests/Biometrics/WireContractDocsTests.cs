using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Biometrics;

/// <summary>The JSON examples in docs/biometrics.md are the contract: the binding reads and writes them, the simulator accepts them.</summary>
public sealed partial class WireContractDocsTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Examples = new(LoadExamples);
    private readonly DefaultCeidWireBinding _binding = new();

    [Fact]
    public void Docs_have_an_example_of_every_message()
    {
        Assert.Equal(
            ["callback", "match-request", "match-response", "session-created", "session-request", "session-status-completed", "session-status-pending", "token-response"],
            Examples.Value.Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Match_request_example_is_what_the_binding_writes()
    {
        JsonNode doc = Parse("match-request");
        byte[] image = Convert.FromBase64String((string)doc["image"]!["data"]!);
        Assert.True(FaceImageInspector.TryInspect(image, out FaceImageInfo info));
        Assert.Null(FaceImageInspector.Check(image, new KcmrBiometricsOptions(), out _)); // a valid image within the default limits
        Assert.Equal(FaceImageFormat.Jpeg, info.Format);

        var request = new CeidMatchRequest((string)doc["requestId"]!, Iin.Parse((string)doc["iin"]!), (string)doc["consentReference"]!, image, info.Format);
        using CeidWireRequest wire = _binding.CreateMatchRequest(request);
        Assert.Equal(HttpMethod.Post, wire.Method);
        Assert.Equal("v1/biometrics/matches", wire.RelativePath);
        Assert.True(JsonNode.DeepEquals(doc, JsonNode.Parse(wire.Body.Span)));
    }

    [Fact]
    public void Session_request_example_is_what_the_binding_writes()
    {
        JsonNode doc = Parse("session-request");
        var request = new CeidSessionRequest(
            (string)doc["requestId"]!,
            Iin.Parse((string)doc["iin"]!),
            (string)doc["consentReference"]!,
            new Uri((string)doc["returnUrl"]!),
            new Uri((string)doc["callbackUrl"]!));
        using CeidWireRequest wire = _binding.CreateSessionRequest(request);
        Assert.Equal("v1/biometrics/sessions", wire.RelativePath);
        Assert.True(JsonNode.DeepEquals(doc, JsonNode.Parse(wire.Body.Span)));
    }

    [Fact]
    public void Answer_examples_parse_with_the_binding()
    {
        CeidMatchResult match = _binding.ParseMatchResponse(Bytes("match-response"));
        Assert.Equal((string)Parse("match-request")["requestId"]!, match.RequestId);
        Assert.Equal(CeidMatchDecision.Match, match.Decision);
        Assert.Equal(0.97, match.Similarity);
        Assert.True(match.LivenessPassed);
        Assert.Equal("gbdfl", match.ReferenceSource);

        CeidSessionCreated created = _binding.ParseSessionCreated(Bytes("session-created"));
        Assert.Equal("ses_5f1e2d3c4b5a69788796a5b4", created.SessionId);
        Assert.Equal(Uri.UriSchemeHttps, created.RedirectUrl.Scheme);

        CeidSessionStatus pending = _binding.ParseSessionStatus(Bytes("session-status-pending"));
        Assert.Equal(CeidSessionState.InProgress, pending.State);
        Assert.Null(pending.Result);

        CeidSessionStatus completed = _binding.ParseSessionStatus(Bytes("session-status-completed"));
        Assert.Equal(CeidSessionState.Completed, completed.State);
        Assert.Equal((string)Parse("session-request")["requestId"]!, completed.Result!.RequestId);

        CeidCallback callback = _binding.ParseCallback(Bytes("callback"));
        Assert.Equal(CeidSessionState.Completed, callback.State);
        Assert.Equal(created.SessionId, callback.SessionId);
        Assert.Equal(0.93, callback.Result!.Similarity);

        OAuthTokenDto? token = JsonSerializer.Deserialize(Bytes("token-response"), OAuthJsonContext.Default.OAuthTokenDto);
        Assert.Equal("Bearer", token!.TokenType);
        Assert.Equal(300, token.ExpiresIn);
    }

    [Fact]
    public async Task Simulator_accepts_the_documented_requests()
    {
        await using CeidSimulator simulator = await CeidSimulator.StartAsync();
        using var http = new HttpClient();
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, simulator.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(simulator.ClientId + ":" + simulator.ClientSecret)));
        using HttpResponseMessage tokenResponse = await http.SendAsync(tokenRequest);
        tokenResponse.EnsureSuccessStatusCode();
        string accessToken = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();

        using HttpResponseMessage matchResponse = await PostAsync(http, simulator, accessToken, "v1/biometrics/matches", "match-request");
        Assert.Equal(200, (int)matchResponse.StatusCode);
        CeidMatchResult match = _binding.ParseMatchResponse(await matchResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal((string)Parse("match-request")["requestId"]!, match.RequestId);
        Assert.Equal(CeidMatchDecision.Match, match.Decision); // the docs' IIN is the sandbox borrower

        using HttpResponseMessage sessionResponse = await PostAsync(http, simulator, accessToken, "v1/biometrics/sessions", "session-request");
        Assert.Equal(201, (int)sessionResponse.StatusCode);
        CeidSessionCreated created = _binding.ParseSessionCreated(await sessionResponse.Content.ReadAsByteArrayAsync());

        using var statusRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(simulator.BaseAddress, "v1/biometrics/sessions/" + created.SessionId));
        AddHeaders(statusRequest, simulator, accessToken);
        using HttpResponseMessage statusResponse = await http.SendAsync(statusRequest);
        Assert.Equal(CeidSessionState.Created, _binding.ParseSessionStatus(await statusResponse.Content.ReadAsByteArrayAsync()).State);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, CeidSimulator simulator, string token, string path, string example)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(simulator.BaseAddress, path))
        {
            Content = new StringContent(Examples.Value[example], Encoding.UTF8, "application/json"),
        };
        AddHeaders(request, simulator, token);
        return await http.SendAsync(request);
    }

    private static void AddHeaders(HttpRequestMessage request, CeidSimulator simulator, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("x-fapi-interaction-id", Guid.NewGuid().ToString());
        request.Headers.Add("x-provider-id", simulator.ProviderId);
    }

    private static JsonNode Parse(string name) => JsonNode.Parse(Examples.Value[name])!;

    private static byte[] Bytes(string name) => Encoding.UTF8.GetBytes(Examples.Value[name]);

    private static Dictionary<string, string> LoadExamples()
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "biometrics.md"));
        var examples = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in ExampleRegex().Matches(text))
        {
            examples.Add(m.Groups["name"].Value, m.Groups["json"].Value);
        }

        return examples;
    }

    [GeneratedRegex(@"<!-- wire-example: (?<name>[a-z-]+) -->\s*```json\s*\n(?<json>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex ExampleRegex();
}
