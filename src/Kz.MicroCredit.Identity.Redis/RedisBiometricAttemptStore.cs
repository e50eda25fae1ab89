using System.Security.Cryptography;
using Kz.MicroCredit.Identity.Biometrics;
using StackExchange.Redis;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>
/// Failed biometric attempts in Redis: a sorted set per borrower-and-operation token (the HMAC, never the IIN) whose
/// scores are the failures' expiry times; trimming, adding and counting are one script, so the cap is shared by every
/// instance.
/// </summary>
internal sealed class RedisBiometricAttemptStore : IBiometricAttemptStore
{
    private const string CountScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        return redis.call('ZCARD', KEYS[1])
        """;

    // ARGV: now (ms), expiry of this failure (ms), unique member.
    private const string RecordScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
        redis.call('PEXPIREAT', KEYS[1], ARGV[2])
        return redis.call('ZCARD', KEYS[1])
        """;

    // ARGV: now (ms), expiry (ms), reservation id, cap. Trim, refuse at the cap, or count this attempt: one step.
    private const string ReserveScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return -1 end
        redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
        if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) - tonumber(ARGV[1]) then redis.call('PEXPIREAT', KEYS[1], ARGV[2]) end
        return redis.call('ZCARD', KEYS[1])
        """;

    // ARGV: now (ms), reservation id, cap. Drop this attempt; forget the failures unless the others reach the cap.
    private const string SuccessScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        redis.call('ZREM', KEYS[1], ARGV[2])
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('DEL', KEYS[1])
        return 1
        """;

    private readonly RedisStateConnection _redis;
    private readonly TimeProvider _time;

    public RedisBiometricAttemptStore(RedisStateConnection redis, TimeProvider time)
    {
        _redis = redis;
        _time = time;
    }

    public async Task<int> GetFailedAttemptsAsync(string subjectKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        string key = _redis.Key("bio-att", subjectKey);
        RedisResult count = await _redis.RunAsync("biometric-attempts.count", db => db.ScriptEvaluateAsync(CountScript, [key], [_time.GetUtcNow().ToUnixTimeMilliseconds()]), cancellationToken).ConfigureAwait(false);
        return (int)count;
    }

    public async Task<int> RecordFailureAsync(string subjectKey, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        string key = _redis.Key("bio-att", subjectKey);
        DateTimeOffset now = _time.GetUtcNow();
        long expiry = (now + window).ToUnixTimeMilliseconds();
        string member = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        RedisResult count = await _redis.RunAsync(
            "biometric-attempts.record",
            db => db.ScriptEvaluateAsync(RecordScript, [key], [now.ToUnixTimeMilliseconds(), expiry, member]),
            cancellationToken).ConfigureAwait(false);
        return (int)count;
    }

    public Task ResetAsync(string subjectKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        string key = _redis.Key("bio-att", subjectKey);
        return _redis.RunAsync("biometric-attempts.reset", db => db.KeyDeleteAsync(key), cancellationToken);
    }

    public async Task<int?> TryReserveAttemptAsync(string subjectKey, string reservationId, int cap, TimeSpan window, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        ArgumentException.ThrowIfNullOrEmpty(reservationId);
        string key = _redis.Key("bio-att", subjectKey);
        DateTimeOffset now = _time.GetUtcNow();
        RedisResult count = await _redis.RunAsync(
            "biometric-attempts.reserve",
            db => db.ScriptEvaluateAsync(ReserveScript, [key], [now.ToUnixTimeMilliseconds(), (now + window).ToUnixTimeMilliseconds(), reservationId, cap]),
            cancellationToken).ConfigureAwait(false);
        int value = (int)count;
        return value < 0 ? null : value;
    }

    public Task<int> ConfirmFailureAsync(string subjectKey, string reservationId, TimeSpan window, CancellationToken cancellationToken = default) =>
        GetFailedAttemptsAsync(subjectKey, cancellationToken);

    public Task ReleaseAttemptAsync(string subjectKey, string reservationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        string key = _redis.Key("bio-att", subjectKey);
        return _redis.RunAsync("biometric-attempts.release", db => db.SortedSetRemoveAsync(key, reservationId), cancellationToken);
    }

    public async Task<bool> ConfirmSuccessAsync(string subjectKey, string reservationId, int cap, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subjectKey);
        string key = _redis.Key("bio-att", subjectKey);
        RedisResult forgotten = await _redis.RunAsync(
            "biometric-attempts.success",
            db => db.ScriptEvaluateAsync(SuccessScript, [key], [_time.GetUtcNow().ToUnixTimeMilliseconds(), reservationId, cap]),
            cancellationToken).ConfigureAwait(false);
        return (int)forgotten == 1;
    }
}
