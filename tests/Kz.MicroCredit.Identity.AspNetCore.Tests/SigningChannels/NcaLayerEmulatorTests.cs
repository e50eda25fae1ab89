using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Testing.SigningChannels;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests.SigningChannels;

public sealed class NcaLayerEmulatorTests
{
    [Theory]
    [InlineData("cms", true)]
    [InlineData("cms", false)]
    [InlineData("xml", true)]
    public async Task A_basics_sign_request_is_answered_with_a_signature_nca_eds_verifies(string format, bool encapsulate)
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        await using NcaLayerEmulator ncaLayer = await NcaLayerEmulator.StartAsync(host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"), host.Time);
        BorrowerChallenge challenge = await host.App.Services.GetRequiredServiceOf<IBorrowerChallengeService>().IssueAsync(EGovMobileHost.Borrower, IdentificationOperation.AgreementSigning);
        string data = format == "xml" ? challenge.ToSignedXml() : Convert.ToBase64String(challenge.ToSignedBytes());

        JsonNode answer = await SignAsync(ncaLayer.WebSocketUrl, format, data, encapsulate);

        Assert.True(answer["status"]!.GetValue<bool>(), answer.ToJsonString());
        string signature = Assert.Single(answer["body"]!["result"]!.AsArray())!.GetValue<string>();
        NcaEdsEvidence evidence = format == "xml"
            ? new NcaEdsEvidence(Encoding.UTF8.GetBytes(signature), EdsSignatureFormat.Xml)
            : new NcaEdsEvidence(Convert.FromBase64String(signature), EdsSignatureFormat.Cms, encapsulate ? null : challenge.ToSignedBytes());
        IdentificationResult result = await host.IdentifyAsync(evidence);
        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal(1, ncaLayer.RequestCount);
    }

    [Fact]
    public async Task Cancelled_by_the_user_is_a_failed_answer_without_a_signature()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        await using NcaLayerEmulator ncaLayer = await NcaLayerEmulator.StartAsync(host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"));
        ncaLayer.Mode = NcaLayerEmulatorMode.CancelledByUser;

        JsonNode answer = await SignAsync(ncaLayer.WebSocketUrl, "cms", "dGVzdA==", true);

        Assert.False(answer["status"]!.GetValue<bool>());
        Assert.Equal("action.canceled", answer["message"]!.GetValue<string>());
        Assert.Null(answer["body"]);
    }

    [Fact]
    public async Task Not_running_refuses_the_connection()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        await using NcaLayerEmulator ncaLayer = await NcaLayerEmulator.StartAsync(host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"));
        ncaLayer.Mode = NcaLayerEmulatorMode.NotRunning;

        using var socket = new ClientWebSocket();
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(ncaLayer.WebSocketUrl, CancellationToken.None));
        Assert.Equal(0, ncaLayer.RequestCount);
    }

    private static async Task<JsonNode> SignAsync(Uri url, string format, string data, bool encapsulate)
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await socket.ConnectAsync(url, timeout.Token);
        JsonNode greeting = await ReceiveAsync(socket, timeout.Token);
        Assert.Equal("1.4", greeting["result"]!["version"]!.GetValue<string>());
        var request = new JsonObject
        {
            ["module"] = "kz.gov.pki.knca.basics",
            ["method"] = "sign",
            ["args"] = new JsonObject
            {
                ["allowedStorages"] = new JsonArray("PKCS12"),
                ["format"] = format,
                ["data"] = data,
                ["signingParams"] = new JsonObject { ["decode"] = "true", ["encapsulate"] = encapsulate ? "true" : "false", ["digested"] = "false" },
                ["signerParams"] = new JsonObject { ["extKeyUsageOids"] = new JsonArray("1.3.6.1.5.5.7.3.4"), ["chain"] = new JsonArray() },
                ["locale"] = "ru",
            },
        };
        await socket.SendAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), WebSocketMessageType.Text, true, timeout.Token);
        JsonNode answer = await ReceiveAsync(socket, timeout.Token);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        return answer;
    }

    private static async Task<JsonNode> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(chunk, cancellationToken);
            buffer.Write(chunk, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonNode.Parse(buffer.ToArray())!;
    }
}

internal static class ServiceProviderExtensions
{
    public static T GetRequiredServiceOf<T>(this IServiceProvider services)
        where T : notnull => (T)(services.GetService(typeof(T)) ?? throw new InvalidOperationException(typeof(T).Name));
}
