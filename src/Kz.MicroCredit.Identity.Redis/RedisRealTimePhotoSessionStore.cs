using Kz.MicroCredit.Identity.RealTimePhoto;
using StackExchange.Redis;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>Real-time photo sessions in Redis: a hash per session (sealed record + consumed flag) and a key per live frame.</summary>
internal sealed class RedisRealTimePhotoSessionStore : IRealTimePhotoSessionStore
{
    private const string AddScript = """
        if redis.call('HSETNX', KEYS[1], 'r', ARGV[1]) == 0 then return 0 end
        redis.call('PEXPIREAT', KEYS[1], ARGV[2])
        return 1
        """;

    private const string ConsumeScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        return redis.call('HSETNX', KEYS[1], 'c', '1')
        """;

    private const string BindFrameScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
        if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
        return 0
        """;

    private readonly RedisStateConnection _redis;
    private readonly TimeProvider _time;

    public RedisRealTimePhotoSessionStore(RedisStateConnection redis, TimeProvider time)
    {
        _redis = redis;
        _time = time;
    }

    public async Task AddAsync(RealTimePhotoSessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        string key = _redis.Key("rtp", record.SessionId);
        string value = _redis.Seal(record, RedisStateJsonContext.Default.RealTimePhotoSessionRecord, key);
        long expiry = RedisStateConnection.UnixMs(record.ExpiresAt + InMemoryRealTimePhotoSessionStore.SessionRetention, _time.GetUtcNow());
        RedisResult added = await _redis.RunAsync("rtp-session.add", db => db.ScriptEvaluateAsync(AddScript, [key], [value, expiry]), cancellationToken).ConfigureAwait(false);
        if ((int)added != 1)
        {
            throw new InvalidOperationException("A session with this id already exists.");
        }
    }

    public Task<(RealTimePhotoSessionRecord Record, bool Consumed)?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        string key = _redis.Key("rtp", sessionId);
        return _redis.RunAsync<(RealTimePhotoSessionRecord, bool)?>(
            "rtp-session.get",
            async db =>
            {
                RedisValue[] fields = await db.HashGetAsync(key, ["r", "c"]).ConfigureAwait(false);
                return fields[0].IsNull ? null : (_redis.Open(fields[0], RedisStateJsonContext.Default.RealTimePhotoSessionRecord, key), !fields[1].IsNull);
            },
            cancellationToken);
    }

    public async Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        string key = _redis.Key("rtp", sessionId);
        RedisResult consumed = await _redis.RunAsync("rtp-session.consume", db => db.ScriptEvaluateAsync(ConsumeScript, [key]), cancellationToken).ConfigureAwait(false);
        return (int)consumed == 1;
    }

    public async Task<bool> TryBindFrameAsync(string frameKey, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(frameKey);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        string key = _redis.Key("rtp-frame", frameKey);
        long ttl = (long)InMemoryRealTimePhotoSessionStore.FrameRetention.TotalMilliseconds;
        RedisResult bound = await _redis.RunAsync("rtp-frame.bind", db => db.ScriptEvaluateAsync(BindFrameScript, [key], [sessionId, ttl]), cancellationToken).ConfigureAwait(false);
        return (int)bound == 1;
    }
}
