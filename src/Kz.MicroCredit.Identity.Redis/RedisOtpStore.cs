using System.Security.Cryptography;
using Kz.MicroCredit.Identity.RealTimePhoto;
using StackExchange.Redis;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>
/// One-time codes in Redis: one hash per session (sealed record with the code's keyed hash, attempt count, consumed
/// flag); counting an attempt and consuming are single server-side steps, so every instance shares one attempt budget.
/// Send windows are sorted sets keyed by the HMAC rate key, trimmed and checked in one script.
/// </summary>
internal sealed class RedisOtpStore : IOtpStore
{
    private const string AddScript = """
        if redis.call('HSETNX', KEYS[1], 'r', ARGV[1]) == 0 then return 0 end
        redis.call('PEXPIREAT', KEYS[1], ARGV[2])
        return 1
        """;

    private const string IncrementScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        return redis.call('HINCRBY', KEYS[1], 'a', 1)
        """;

    private const string ConsumeScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        return redis.call('HSETNX', KEYS[1], 'c', '1')
        """;

    // ARGV: now (ms), window (ms), limit, unique member.
    private const string SendSlotScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    private readonly RedisStateConnection _redis;
    private readonly TimeProvider _time;

    public RedisOtpStore(RedisStateConnection redis, TimeProvider time)
    {
        _redis = redis;
        _time = time;
    }

    public async Task AddAsync(OtpRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        string key = _redis.Key("otp", record.SessionId);
        string value = _redis.Seal(record, RedisStateJsonContext.Default.OtpRecord, key);
        long expiry = RedisStateConnection.UnixMs(record.ExpiresAt + InMemoryOtpStore.Retention, _time.GetUtcNow());
        RedisResult added = await _redis.RunAsync("otp.add", db => db.ScriptEvaluateAsync(AddScript, [key], [value, expiry]), cancellationToken).ConfigureAwait(false);
        if ((int)added != 1)
        {
            throw new InvalidOperationException("A code for this session already exists.");
        }
    }

    public Task<OtpState?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        string key = _redis.Key("otp", sessionId);
        return _redis.RunAsync<OtpState?>(
            "otp.get",
            async db =>
            {
                RedisValue[] fields = await db.HashGetAsync(key, ["r", "a", "c"]).ConfigureAwait(false);
                if (fields[0].IsNull)
                {
                    return null;
                }

                OtpRecord record = _redis.Open(fields[0], RedisStateJsonContext.Default.OtpRecord, key);
                int attempts = fields[1].IsNull ? 0 : (int)fields[1];
                return new OtpState(record, attempts, !fields[2].IsNull);
            },
            cancellationToken);
    }

    public async Task<int> IncrementAttemptsAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        string key = _redis.Key("otp", sessionId);
        RedisResult count = await _redis.RunAsync("otp.attempt", db => db.ScriptEvaluateAsync(IncrementScript, [key]), cancellationToken).ConfigureAwait(false);
        return (int)count;
    }

    public async Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        string key = _redis.Key("otp", sessionId);
        RedisResult consumed = await _redis.RunAsync("otp.consume", db => db.ScriptEvaluateAsync(ConsumeScript, [key]), cancellationToken).ConfigureAwait(false);
        return (int)consumed == 1;
    }

    public async Task<bool> TryAcquireSendSlotAsync(string rateKey, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(rateKey);
        string key = _redis.Key("otp-rate", rateKey);
        string member = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        long windowMs = Math.Max(1, (long)window.TotalMilliseconds);
        RedisResult taken = await _redis.RunAsync(
            "otp.send-slot",
            db => db.ScriptEvaluateAsync(SendSlotScript, [key], [now.ToUnixTimeMilliseconds(), windowMs, limit, member]),
            cancellationToken).ConfigureAwait(false);
        return (int)taken == 1;
    }
}
