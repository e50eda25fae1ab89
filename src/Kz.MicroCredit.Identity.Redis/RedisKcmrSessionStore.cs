using Kz.MicroCredit.Identity.Biometrics;
using StackExchange.Redis;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>
/// KCMR hosted sessions in Redis: a hash per session (sealed record, state, sealed result, consumed flag); the
/// first-final-state-wins update and the single consumption are scripts. Callback event ids are keys set with NX.
/// </summary>
internal sealed class RedisKcmrSessionStore : IKcmrSessionStore
{
    private const string AddScript = """
        if redis.call('HSETNX', KEYS[1], 'r', ARGV[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 's', ARGV[3])
        redis.call('PEXPIREAT', KEYS[1], ARGV[2])
        return 1
        """;

    // 0 unknown, 1 applied, 2 already final (KcmrSessionUpdateStatus). ARGV: state, sealed result or '', final states list.
    private const string UpdateScript = """
        local s = redis.call('HGET', KEYS[1], 's')
        if not s then return 0 end
        for f in string.gmatch(ARGV[3], '[^,]+') do
          if s == f then return 2 end
        end
        if ARGV[2] == '' then
          redis.call('HSET', KEYS[1], 's', ARGV[1])
          redis.call('HDEL', KEYS[1], 'res')
        else
          redis.call('HSET', KEYS[1], 's', ARGV[1], 'res', ARGV[2])
        end
        return 1
        """;

    private const string ConsumeScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        return redis.call('HSETNX', KEYS[1], 'c', '1')
        """;

    private static readonly string FinalStates = string.Join(',', new[] { CeidSessionState.Completed, CeidSessionState.Expired, CeidSessionState.Failed }.Select(s => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private readonly RedisStateConnection _redis;
    private readonly TimeProvider _time;

    public RedisKcmrSessionStore(RedisStateConnection redis, TimeProvider time)
    {
        _redis = redis;
        _time = time;
    }

    public async Task AddAsync(KcmrSessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        string key = _redis.Key("kcmr", record.SessionId);
        string value = _redis.Seal(record with { Result = null, Consumed = false }, RedisStateJsonContext.Default.KcmrSessionRecord, key);
        long expiry = RedisStateConnection.UnixMs(record.ExpiresAt + InMemoryKcmrSessionStore.Retention, _time.GetUtcNow());
        RedisResult added = await _redis.RunAsync("kcmr-session.add", db => db.ScriptEvaluateAsync(AddScript, [key], [value, expiry, (int)record.State]), cancellationToken).ConfigureAwait(false);
        if ((int)added != 1)
        {
            throw new InvalidOperationException("A session with this id already exists.");
        }
    }

    public Task<KcmrSessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        string key = _redis.Key("kcmr", sessionId);
        return _redis.RunAsync(
            "kcmr-session.get",
            async db =>
            {
                RedisValue[] fields = await db.HashGetAsync(key, ["r", "s", "res", "c"]).ConfigureAwait(false);
                if (fields[0].IsNull)
                {
                    return null;
                }

                KcmrSessionRecord record = _redis.Open(fields[0], RedisStateJsonContext.Default.KcmrSessionRecord, key);
                int state = (int)fields[1];
                if (!Enum.IsDefined((CeidSessionState)state))
                {
                    throw new StateStoreUnavailableException("A stored session state is not a known state.");
                }

                CeidMatchResult? result = fields[2].IsNullOrEmpty ? null : _redis.Open(fields[2], RedisStateJsonContext.Default.CeidMatchResult, key);
                return (KcmrSessionRecord?)(record with { State = (CeidSessionState)state, Result = result, Consumed = !fields[3].IsNull });
            },
            cancellationToken);
    }

    public async Task<KcmrSessionUpdateStatus> UpdateAsync(string sessionId, CeidSessionState state, CeidMatchResult? result, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        string key = _redis.Key("kcmr", sessionId);
        string sealedResult = state == CeidSessionState.Completed && result is not null ? _redis.Seal(result, RedisStateJsonContext.Default.CeidMatchResult, key) : string.Empty;
        RedisResult status = await _redis.RunAsync("kcmr-session.update", db => db.ScriptEvaluateAsync(UpdateScript, [key], [(int)state, sealedResult, FinalStates]), cancellationToken).ConfigureAwait(false);
        return (int)status switch
        {
            0 => KcmrSessionUpdateStatus.Unknown,
            1 => KcmrSessionUpdateStatus.Applied,
            2 => KcmrSessionUpdateStatus.AlreadyFinal,
            _ => throw new StateStoreUnavailableException("The session update script answered an unknown status."),
        };
    }

    public async Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        string key = _redis.Key("kcmr", sessionId);
        RedisResult consumed = await _redis.RunAsync("kcmr-session.consume", db => db.ScriptEvaluateAsync(ConsumeScript, [key]), cancellationToken).ConfigureAwait(false);
        return (int)consumed == 1;
    }

    public Task<bool> TryRecordEventAsync(string eventId, DateTimeOffset keepUntil, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        string key = _redis.Key("kcmr-ev", eventId);
        TimeSpan ttl = keepUntil - _time.GetUtcNow();
        if (ttl < TimeSpan.FromSeconds(1))
        {
            ttl = TimeSpan.FromSeconds(1);
        }

        return _redis.RunAsync("kcmr-event.record", db => db.StringSetAsync(key, "1", ttl, When.NotExists), cancellationToken);
    }
}
