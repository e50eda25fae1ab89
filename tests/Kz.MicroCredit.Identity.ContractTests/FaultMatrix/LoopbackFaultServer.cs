using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Kz.MicroCredit.Identity.ContractTests.FaultMatrix;

/// <summary>What the server does with one request (the n-th request of a cell picks its own behaviour).</summary>
internal abstract record FaultBehaviour
{
    /// <summary>A normal answer.</summary>
    public sealed record Answer(int Status, string? ContentType, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null, long? DeclaredLength = null) : FaultBehaviour;

    /// <summary>Half a status line, then a TCP reset.</summary>
    public sealed record ResetMidHeaders : FaultBehaviour;

    /// <summary>Headers announcing twice <paramref name="Body"/>'s length, the body, then a TCP reset.</summary>
    public sealed record ResetMidBody(string ContentType, byte[] Body) : FaultBehaviour;

    /// <summary>Accepts the request and never answers (until the client gives up).</summary>
    public sealed record SlowHeaders : FaultBehaviour;

    /// <summary>Headers at once, then <paramref name="Body"/> one byte every <paramref name="Interval"/>.</summary>
    public sealed record TrickleBody(string ContentType, TimeSpan Interval, byte[] Body) : FaultBehaviour;

    /// <summary>A huge body of filler (with or without Content-Length), written until the client stops reading.</summary>
    public sealed record HugeBody(string ContentType, long Length, bool DeclareLength, byte[]? Prefix = null) : FaultBehaviour;
}

/// <summary>
/// A raw-socket HTTP/1.1 server on loopback for the faults WireMock cannot produce (resets mid-body, trickled bodies,
/// bodies of hundreds of MB written lazily, TLS with an untrusted certificate). It counts requests and the body
/// bytes it managed to hand to the kernel, so a test can tell how far a client read.
/// </summary>
internal sealed class LoopbackFaultServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<int, FaultBehaviour> _script;
    private readonly X509Certificate2? _tlsCertificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _requests;
    private long _bodyBytesSent;

    public LoopbackFaultServer(Func<int, FaultBehaviour> script, bool tls = false)
    {
        _script = script;
        _tlsCertificate = tls ? CreateSelfSigned() : null;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    public Uri BaseUri => new((_tlsCertificate is null ? "http" : "https") + "://127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/");

    /// <summary>Gets the number of requests whose headers were read.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Gets the body bytes written to sockets (an upper bound of what clients read: kernel buffers hold the rest).</summary>
    public long BodyBytesSent => Interlocked.Read(ref _bodyBytesSent);

    /// <summary>
    /// Reserves a loopback port that refuses connections: bound but not listening, so the OS neither accepts on it nor
    /// hands it to another test's listener while the socket lives (a probed-then-released port could be reused by a
    /// parallel test and turn "connection refused" into cross-talk).
    /// </summary>
    /// <returns>The socket; its local port refuses connections until it is disposed.</returns>
    public static Socket RefusingPort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // the loop ends on the listener's disposal
        }

        _stop.Dispose();
        _tlsCertificate?.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        socket.NoDelay = true;
        socket.SendBufferSize = 64 * 1024;
        Stream stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            if (_tlsCertificate is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsServerAsync(_tlsCertificate, false, false).WaitAsync(TimeSpan.FromSeconds(10), _stop.Token);
            }

            while (!_stop.IsCancellationRequested)
            {
                if (!await ReadRequestAsync(stream))
                {
                    return;
                }

                int index = Interlocked.Increment(ref _requests) - 1;
                if (!await RespondAsync(socket, stream, _script(index)))
                {
                    return;
                }
            }
        }
        catch (Exception)
        {
            // the client went away (that is what most faults provoke)
        }
        finally
        {
            try
            {
                await stream.DisposeAsync();
            }
            catch (Exception)
            {
            }

            socket.Dispose();
        }
    }

    /// <summary>Reads one request (headers and a Content-Length body); false when the connection ended.</summary>
    private async Task<bool> ReadRequestAsync(Stream stream)
    {
        var head = new List<byte>(1024);
        byte[] one = new byte[1];
        while (true)
        {
            int n = await stream.ReadAsync(one, _stop.Token);
            if (n == 0)
            {
                return false;
            }

            head.Add(one[0]);
            int c = head.Count;
            if (c >= 4 && head[c - 4] == '\r' && head[c - 3] == '\n' && head[c - 2] == '\r' && head[c - 1] == '\n')
            {
                break;
            }

            if (c > 64 * 1024)
            {
                return false;
            }
        }

        string text = Encoding.ASCII.GetString(head.ToArray());
        long length = 0;
        foreach (string line in text.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = long.Parse(line.AsSpan(15).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        byte[] sink = new byte[8192];
        while (length > 0)
        {
            int n = await stream.ReadAsync(sink.AsMemory(0, (int)Math.Min(sink.Length, length)), _stop.Token);
            if (n == 0)
            {
                return false;
            }

            length -= n;
        }

        return true;
    }

    /// <summary>Plays one behaviour; true when the connection may serve another request.</summary>
    private async Task<bool> RespondAsync(Socket socket, Stream stream, FaultBehaviour behaviour)
    {
        CancellationToken ct = _stop.Token;
        switch (behaviour)
        {
            case FaultBehaviour.Answer a:
                {
                    var headers = new StringBuilder();
                    headers.Append("HTTP/1.1 ").Append(a.Status).Append(' ').Append(Reason(a.Status)).Append("\r\n");
                    if (a.ContentType is not null)
                    {
                        headers.Append("Content-Type: ").Append(a.ContentType).Append("\r\n");
                    }

                    headers.Append("Content-Length: ").Append(a.DeclaredLength ?? a.Body.Length).Append("\r\n");
                    foreach (KeyValuePair<string, string> h in a.Headers ?? new Dictionary<string, string>())
                    {
                        headers.Append(h.Key).Append(": ").Append(h.Value).Append("\r\n");
                    }

                    headers.Append("\r\n");
                    await WriteAsync(stream, Encoding.ASCII.GetBytes(headers.ToString()), ct);
                    await WriteBodyAsync(stream, a.Body, ct);
                    if (a.DeclaredLength is { } declared && declared != a.Body.Length)
                    {
                        // A Content-Length that lies: close so that the client sees the mismatch now, not at its timeout.
                        socket.Shutdown(SocketShutdown.Both);
                        return false;
                    }

                    return true;
                }

            case FaultBehaviour.ResetMidHeaders:
                await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Ty"u8.ToArray(), ct);
                await Task.Delay(50, ct);
                Reset(socket);
                return false;

            case FaultBehaviour.ResetMidBody r:
                await WriteAsync(stream, Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: " + r.ContentType + "\r\nContent-Length: " + (r.Body.Length * 2).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\r\n\r\n"), ct);
                await WriteBodyAsync(stream, r.Body, ct);
                await Task.Delay(50, ct);
                Reset(socket);
                return false;

            case FaultBehaviour.SlowHeaders:
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                return false;

            case FaultBehaviour.TrickleBody t:
                await WriteAsync(stream, Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: " + t.ContentType + "\r\nContent-Length: " + t.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\r\n\r\n"), ct);
                for (int i = 0; i < t.Body.Length; i++)
                {
                    await WriteBodyAsync(stream, t.Body.AsMemory(i, 1), ct);
                    await Task.Delay(t.Interval, ct);
                }

                return false;

            case FaultBehaviour.HugeBody h:
                {
                    string head = "HTTP/1.1 200 OK\r\nContent-Type: " + h.ContentType + "\r\n"
                        + (h.DeclareLength ? "Content-Length: " + h.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : "Connection: close") + "\r\n\r\n";
                    await WriteAsync(stream, Encoding.ASCII.GetBytes(head), ct);
                    long left = h.Length;
                    if (h.Prefix is { } prefix)
                    {
                        await WriteBodyAsync(stream, prefix, ct);
                        left -= prefix.Length;
                    }

                    byte[] filler = new byte[64 * 1024];
                    filler.AsSpan().Fill((byte)'7');
                    while (left > 0)
                    {
                        int n = (int)Math.Min(filler.Length, left);
                        await WriteBodyAsync(stream, filler.AsMemory(0, n), ct);
                        left -= n;
                    }

                    socket.Shutdown(SocketShutdown.Both);
                    return false;
                }

            default:
                throw new InvalidOperationException("unknown behaviour");
        }
    }

    private static async Task WriteAsync(Stream stream, byte[] bytes, CancellationToken ct)
    {
        await stream.WriteAsync(bytes, ct);
        await stream.FlushAsync(ct);
    }

    private async Task WriteBodyAsync(Stream stream, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        await stream.WriteAsync(bytes, ct);
        await stream.FlushAsync(ct);
        Interlocked.Add(ref _bodyBytesSent, bytes.Length);
    }

    private static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        302 => "Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };

    private static X509Certificate2 CreateSelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using X509Certificate2 cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }
}
