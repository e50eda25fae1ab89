using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Kz.MicroCredit.Identity.Testing.SigningChannels;

/// <summary>
/// A stand-in for NCALayer on loopback (plain <c>ws://127.0.0.1:&lt;port&gt;/</c>) speaking the
/// <c>kz.gov.pki.knca.basics</c> module's <c>sign</c> request (formats <c>cms</c> and <c>xml</c>) and signing with a
/// sandbox key, for browser tests of the desktop path. It also shows why the server trusts nothing NCALayer says: it
/// signs with whatever key it is given. For tests and samples only.
/// </summary>
public sealed class NcaLayerEmulator : IAsyncDisposable
{
    private const int MaxMessageBytes = 4 * 1024 * 1024;
    private readonly LoopbackHost _host;
    private readonly TimeProvider _time;
    private int _requests;

    private NcaLayerEmulator(LoopbackHost host, INcaSigner signer, TimeProvider time)
    {
        _host = host;
        Signer = signer;
        _time = time;
        WebSocketUrl = new Uri("ws://" + host.BaseAddress.Authority + "/");
    }

    /// <summary>Gets the URL the page connects to, e.g. <c>ws://127.0.0.1:54321/</c>.</summary>
    public Uri WebSocketUrl { get; }

    /// <summary>Gets or sets the key the "borrower" picks in NCALayer.</summary>
    public INcaSigner Signer { get; set; }

    /// <summary>Gets or sets the behaviour.</summary>
    /// <value>The default value is <see cref="NcaLayerEmulatorMode.Sign"/>.</value>
    public NcaLayerEmulatorMode Mode { get; set; } = NcaLayerEmulatorMode.Sign;

    /// <summary>Gets how many signing requests arrived.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Starts an emulator on a free loopback port.</summary>
    /// <param name="signer">The key to sign with.</param>
    /// <param name="timeProvider">The clock for CMS signing times; the system clock by default.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<NcaLayerEmulator> StartAsync(INcaSigner signer, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        NcaLayerEmulator? emulator = null;
        LoopbackHost host = await LoopbackHost.StartAsync(
            app =>
            {
                app.UseWebSockets();
                app.Map("/", context => emulator!.AcceptAsync(context));
            },
            cancellationToken).ConfigureAwait(false);
        emulator = new NcaLayerEmulator(host, signer, timeProvider ?? TimeProvider.System);
        return emulator;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest || Mode == NcaLayerEmulatorMode.NotRunning)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        CancellationToken aborted = context.RequestAborted;
        try
        {
            // NCALayer greets every connection with its version.
            await SendAsync(socket, new JsonObject { ["result"] = new JsonObject { ["version"] = "1.4" } }, aborted).ConfigureAwait(false);
            while (socket.State == WebSocketState.Open)
            {
                string? message = await ReceiveAsync(socket, aborted).ConfigureAwait(false);
                if (message is null)
                {
                    break;
                }

                await SendAsync(socket, await AnswerAsync(message, aborted).ConfigureAwait(false), aborted).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The page went away.
        }
    }

    private async Task<JsonObject> AnswerAsync(string message, CancellationToken cancellationToken)
    {
        JsonNode? request;
        try
        {
            request = JsonNode.Parse(message);
        }
        catch (JsonException)
        {
            return Failure("invalid.json");
        }

        if (request?["module"]?.GetValue<string>() != "kz.gov.pki.knca.basics" || request["method"]?.GetValue<string>() != "sign" || request["args"] is not JsonObject args)
        {
            return Failure("module.not.found");
        }

        Interlocked.Increment(ref _requests);
        if (Mode == NcaLayerEmulatorMode.CancelledByUser)
        {
            return Failure("action.canceled");
        }

        string format = args["format"]?.GetValue<string>() ?? "cms";
        List<string> data = args["data"] switch
        {
            JsonArray many => [.. many.Select(d => d!.GetValue<string>())],
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        if (data.Count == 0)
        {
            return Failure("data.empty");
        }

        var results = new JsonArray();
        foreach (string item in data)
        {
            if (format == "xml")
            {
                results.Add(await NcaXmlSigner.SignEnvelopedAsync(item, Signer, cancellationToken).ConfigureAwait(false));
                continue;
            }

            bool decode = args["signingParams"]?["decode"]?.ToString() != "false";
            bool encapsulate = args["signingParams"]?["encapsulate"]?.ToString() != "false";
            byte[] content;
            try
            {
                content = decode ? Convert.FromBase64String(item) : Encoding.UTF8.GetBytes(item);
            }
            catch (FormatException)
            {
                return Failure("data.invalid");
            }

            byte[] cms = await new NcaCmsSigner(_time).SignAsync(Signer, content, detached: !encapsulate, cancellationToken).ConfigureAwait(false);
            results.Add(Convert.ToBase64String(cms));
        }

        return new JsonObject { ["status"] = true, ["body"] = new JsonObject { ["result"] = results } };
    }

    private static JsonObject Failure(string message) => new() { ["status"] = false, ["code"] = "500", ["message"] = message };

    private static async Task SendAsync(WebSocket socket, JsonObject answer, CancellationToken cancellationToken) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(answer.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);

    private static async Task<string?> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
                return null;
            }

            buffer.Write(chunk, 0, result.Count);
            if (buffer.Length > MaxMessageBytes)
            {
                await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, null, cancellationToken).ConfigureAwait(false);
                return null;
            }

            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            }
        }
    }
}
