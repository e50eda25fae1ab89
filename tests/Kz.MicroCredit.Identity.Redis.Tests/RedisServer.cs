using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Kz.MicroCredit.Identity.Redis.Tests;

/// <summary>
/// A real redis-server on a free loopback port with persistence off, started for the tests and killed at the end.
/// A machine without redis-server fails the tests with a clear message (they are never skipped).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server"];
    private Process? _process;

    private RedisServer(string executable, int port)
    {
        Executable = executable;
        Port = port;
    }

    public string Executable { get; }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=1000";

    public static async Task<RedisServer> StartAsync()
    {
        string? executable = Candidates.FirstOrDefault(File.Exists) ?? FindOnPath();
        if (executable is null)
        {
            throw new InvalidOperationException("redis-server was not found (looked in /usr/bin, /usr/local/bin, /usr/sbin and PATH). Install it (apt-get install redis-server): the Redis state tests need a real server and are never skipped.");
        }

        var server = new RedisServer(executable, FreePort());
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Kills the server (Redis down); its data is gone, as with persistence off.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same port.</summary>
    public Task RestartAsync() => StartProcessAsync();

    /// <summary>Freezes the server (SIGSTOP): connections stay open, commands time out; data is kept.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>Resumes a frozen server (SIGCONT).</summary>
    public void Thaw() => Signal("CONT");

    public async Task FlushAsync()
    {
        await using ConnectionMultiplexer m = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",allowAdmin=true");
        await m.GetServer("127.0.0.1", Port).FlushAllDatabasesAsync();
    }

    /// <summary>Every key and its values as text (hash fields, set and sorted-set members, strings).</summary>
    public async Task<IReadOnlyList<(string Key, string Values)>> DumpAsync()
    {
        await using ConnectionMultiplexer m = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
        IDatabase db = m.GetDatabase();
        var dump = new List<(string, string)>();
        await foreach (RedisKey key in m.GetServer("127.0.0.1", Port).KeysAsync(pattern: "*"))
        {
            RedisType type = await db.KeyTypeAsync(key);
            string values = type switch
            {
                RedisType.Hash => string.Join("|", (await db.HashGetAllAsync(key)).Select(e => e.Name + "=" + e.Value)),
                RedisType.Set => string.Join("|", await db.SetMembersAsync(key)),
                RedisType.SortedSet => string.Join("|", (await db.SortedSetRangeByRankWithScoresAsync(key)).Select(e => e.Element + "@" + e.Score)),
                RedisType.String => (string?)await db.StringGetAsync(key) ?? string.Empty,
                _ => type.ToString(),
            };
            dump.Add((key.ToString(), values));
        }

        return dump;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static string? FindOnPath() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task StartProcessAsync()
    {
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--protected-mode", "yes" })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited at start with code {_process.ExitCode} (port {Port}).");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private void Signal(string signal)
    {
        if (_process is null)
        {
            throw new InvalidOperationException("The server is not running.");
        }

        using Process kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }
}
