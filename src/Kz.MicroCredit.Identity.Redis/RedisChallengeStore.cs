using StackExchange.Redis;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>
/// Challenges in Redis: one hash per challenge (sealed record + used flag); redemption is one script, so of any number
/// of concurrent redemptions on any number of instances exactly one sees the first use.
/// </summary>
internal sealed class RedisChallengeStore : IChallengeStore
{
    private const string AddScript = """
        if redis.call('HSETNX', KEYS[1], 'r', ARGV[1]) == 0 then return 0 end
        redis.call('PEXPIREAT', KEYS[1], ARGV[2])
        return 1
        """;

    private const string ConsumeScript = """
        local r = redis.call('HGET', KEYS[1], 'r')
        if not r then return false end
        local first = redis.call('HSETNX', KEYS[1], 'u', '1')
        return {r, first}
        """;

    /// <summary>Kept after expiry, as in memory, so that a late replay says AlreadyUsed.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    private readonly RedisStateConnection _redis;
    private readonly TimeProvider _time;

    public RedisChallengeStore(RedisStateConnection redis, TimeProvider time)
    {
        _redis = redis;
        _time = time;
    }

    public async Task AddAsync(ChallengeRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        string key = _redis.Key("ch", record.Id);
        string value = _redis.Seal(record, RedisStateJsonContext.Default.ChallengeRecord, key);
        long expiry = RedisStateConnection.UnixMs(record.ExpiresAt + Retention, _time.GetUtcNow());
        RedisResult added = await _redis.RunAsync("challenge.add", db => db.ScriptEvaluateAsync(AddScript, [key], [value, expiry]), cancellationToken).ConfigureAwait(false);
        if ((int)added != 1)
        {
            throw new InvalidOperationException("A challenge with this id already exists.");
        }
    }

    public Task<(ChallengeRecord? Record, bool FirstUse)> ConsumeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        string key = _redis.Key("ch", id);
        return _redis.RunAsync<(ChallengeRecord?, bool)>(
            "challenge.consume",
            async db =>
            {
                RedisResult result = await db.ScriptEvaluateAsync(ConsumeScript, [key]).ConfigureAwait(false);
                if (result.IsNull)
                {
                    return (null, false);
                }

                RedisResult[] parts = (RedisResult[])result!;
                ChallengeRecord record = _redis.Open((RedisValue)parts[0], RedisStateJsonContext.Default.ChallengeRecord, key);
                return (record, (int)parts[1] == 1);
            },
            cancellationToken);
    }
}
