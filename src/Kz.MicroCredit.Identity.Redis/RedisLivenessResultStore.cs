using System.Globalization;
using Kz.MicroCredit.Identity.RealTimePhoto;
using StackExchange.Redis;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>
/// Liveness webhook results in Redis: per provider session a hash (sealed result, decision, sequence, conflict flag)
/// and a set of seen event ids, both under one hash tag; dedupe, ordering and the sticky final rule run in one script.
/// </summary>
internal sealed class RedisLivenessResultStore : ILivenessResultStore
{
    // Return codes are the LivenessWebhookOutcome values. ARGV: event id, decision, sequence, sealed result, ttl ms.
    private const string ApplyScript = """
        if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 1 end
        redis.call('PEXPIRE', KEYS[2], ARGV[5])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        local newd = tonumber(ARGV[2])
        local news = tonumber(ARGV[3])
        local cur = redis.call('HMGET', KEYS[1], 'd', 's')
        if cur[1] then
          local cd = tonumber(cur[1])
          local cs = tonumber(cur[2])
          local curFinal = (cd == 1 or cd == 2)
          local newFinal = (newd == 1 or newd == 2)
          if curFinal and newFinal and cd ~= newd then
            redis.call('HSET', KEYS[1], 'x', '1')
            return 6
          end
          if curFinal or news <= cs then return 2 end
        end
        redis.call('HSET', KEYS[1], 'd', ARGV[2], 's', ARGV[3], 'r', ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[5])
        return 0
        """;

    private readonly RedisStateConnection _redis;

    public RedisLivenessResultStore(RedisStateConnection redis) => _redis = redis;

    public async Task<LivenessWebhookOutcome> ApplyAsync(string eventId, LivenessResult result, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        ArgumentNullException.ThrowIfNull(result);
        string key = _redis.Key("lr", result.ProviderSessionId);
        string events = _redis.Key("lr", result.ProviderSessionId, "ev");
        string sealedResult = _redis.Seal(result, RedisStateJsonContext.Default.LivenessResult, key);
        long ttl = (long)LivenessResultCache.Retention.TotalMilliseconds;
        RedisResult outcome = await _redis.RunAsync(
            "liveness-result.apply",
            db => db.ScriptEvaluateAsync(ApplyScript, [key, events], [eventId, (int)result.Decision, result.Sequence.ToString(CultureInfo.InvariantCulture), sealedResult, ttl]),
            cancellationToken).ConfigureAwait(false);
        return (int)outcome switch
        {
            0 => LivenessWebhookOutcome.Accepted,
            1 => LivenessWebhookOutcome.Duplicate,
            2 => LivenessWebhookOutcome.Stale,
            6 => LivenessWebhookOutcome.Conflict,
            _ => throw new StateStoreUnavailableException("The liveness result script answered an unknown outcome."),
        };
    }

    public Task<LivenessResultLookup> GetAsync(string providerSessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(providerSessionId);
        string key = _redis.Key("lr", providerSessionId);
        return _redis.RunAsync(
            "liveness-result.get",
            async db =>
            {
                RedisValue[] fields = await db.HashGetAsync(key, ["r", "x"]).ConfigureAwait(false);
                LivenessResult? result = fields[0].IsNull ? null : _redis.Open(fields[0], RedisStateJsonContext.Default.LivenessResult, key);
                return new LivenessResultLookup(result, !fields[1].IsNull);
            },
            cancellationToken);
    }
}
