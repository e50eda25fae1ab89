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
}
