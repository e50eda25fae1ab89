using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>
/// The connection every Redis store shares: names keys (prefix, kind, hash tag), runs commands with the operation
/// timeout, and turns every client failure or unreadable answer into <see cref="StateStoreUnavailableException"/>.
/// </summary>
internal sealed class RedisStateConnection : IAsyncDisposable, IDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _multiplexer;
    private readonly bool _owned;
    private readonly RedisStateOptions _options;
    private readonly ILogger _logger;

    public RedisStateConnection(IOptions<RedisStateOptions> options, RedisStateSecrets secrets, IConnectionMultiplexer? existing = null, ILogger<RedisStateConnection>? logger = null)
    {
        _options = options.Value;
        Secrets = secrets;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _owned = existing is null;
        _multiplexer = existing is not null
            ? new Lazy<Task<IConnectionMultiplexer>>(Task.FromResult(existing))
            : new Lazy<Task<IConnectionMultiplexer>>(ConnectAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public RedisStateSecrets Secrets { get; }

    /// <summary>A key: <c>{prefix}{kind}:{{id}}</c>; the braces make the id the hash tag, so keys of one record share a Cluster slot.</summary>
    public string Key(string kind, string id) => string.Concat(_options.KeyPrefix, kind, ":{", id, "}");

    /// <summary>A second key in the same Cluster slot as the record key with the same id.</summary>
    public string Key(string kind, string id, string suffix) => string.Concat(_options.KeyPrefix, kind, ":{", id, "}:", suffix);

    /// <summary>Runs one store operation: fails closed on any client error, timeout or unreadable answer.</summary>
    public async Task<T> RunAsync<T>(string operation, Func<IDatabase, Task<T>> action, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            IConnectionMultiplexer multiplexer = await _multiplexer.Value.WaitAsync(_options.OperationTimeout, cancellationToken).ConfigureAwait(false);
            IDatabase db = multiplexer.GetDatabase(_options.Database);

            // The command itself cannot be cancelled once sent (its effect is then unknown to us); the wait is bounded.
            return await action(db).WaitAsync(_options.OperationTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (StateStoreUnavailableException ex)
        {
            RedisStateLog.OperationFailed(_logger, operation, ex.GetType().Name);
            throw;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidCastException or JsonException or FormatException
            or InvalidOperationException or ArgumentException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // The exception object is not logged: a server error text can quote arguments.
            RedisStateLog.OperationFailed(_logger, operation, ex.GetType().Name);
            throw new StateStoreUnavailableException($"The Redis state store failed during '{operation}'.", ex);
        }
    }

    /// <summary>Seals a record as JSON under the active key, bound to its Redis key.</summary>
    public string Seal<T>(T value, JsonTypeInfo<T> typeInfo, string redisKey) =>
        Secrets.Seal(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), redisKey);

    /// <summary>Opens a sealed record; garbage throws (and fails closed).</summary>
    public T Open<T>(RedisValue value, JsonTypeInfo<T> typeInfo, string redisKey)
    {
        if (value.IsNullOrEmpty)
        {
            throw new StateStoreUnavailableException("A stored record is empty.");
        }

        byte[] json = Secrets.Open(value.ToString(), redisKey);
        return JsonSerializer.Deserialize(json, typeInfo) ?? throw new StateStoreUnavailableException("A stored record is empty.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned && _multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            await _multiplexer.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (_owned && _multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            _multiplexer.Value.Result.Dispose();
        }
    }

    /// <summary>Absolute expiry in Unix milliseconds, at least one second ahead (Redis refuses a past PXAT for SET).</summary>
    internal static long UnixMs(DateTimeOffset at, DateTimeOffset now) => Math.Max(at.ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds() + 1000);

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        ConfigurationOptions config = ConfigurationOptions.Parse(_options.Configuration ?? throw new InvalidOperationException("RedisStateOptions.Configuration is not set."));

        // Start even when Redis is down (operations then fail closed) and reconnect in the background.
        config.AbortOnConnectFail = false;
        int timeoutMs = (int)_options.OperationTimeout.TotalMilliseconds;
        config.ConnectTimeout = Math.Min(config.ConnectTimeout, timeoutMs);
        config.AsyncTimeout = timeoutMs;
        config.SyncTimeout = timeoutMs;
        return await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
    }
}
