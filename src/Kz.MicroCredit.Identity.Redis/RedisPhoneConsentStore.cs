using Kz.MicroCredit.Identity.PhoneOwnership;
using StackExchange.Redis;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>
/// Phone-ownership consents in Redis: a hash per handle with the consent sealed (it holds the IIN, the number and the
/// gateway's token) and an attempt counter incremented on the server; the key lives until the consent expires.
/// </summary>
internal sealed class RedisPhoneConsentStore : IPhoneConsentStore
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

    private readonly RedisStateConnection _redis;
    private readonly TimeProvider _time;

    public RedisPhoneConsentStore(RedisStateConnection redis, TimeProvider time)
    {
        _redis = redis;
        _time = time;
    }

    public async Task<string> AddAsync(PhoneConsentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stored = new StoredPhoneConsent
        {
            Iin = record.Iin.Value,
            PhoneNumber = record.PhoneNumber.E164,
            RequestToken = record.RequestToken,
            ExpiresAt = record.ExpiresAt,
            RequestMessageId = record.RequestMessageId,
        };
        long expiry = RedisStateConnection.UnixMs(record.ExpiresAt, _time.GetUtcNow());
        while (true)
        {
            string handle = InMemoryPhoneConsentStore.NewHandle();
            string key = _redis.Key("pc", handle);
            string value = _redis.Seal(stored, RedisStateJsonContext.Default.StoredPhoneConsent, key);
            RedisResult added = await _redis.RunAsync("phone-consent.add", db => db.ScriptEvaluateAsync(AddScript, [key], [value, expiry]), cancellationToken).ConfigureAwait(false);
            if ((int)added == 1)
            {
                return handle;
            }
        }
    }

    public Task<PhoneConsentRecord?> GetAsync(string handle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(handle);
        string key = _redis.Key("pc", handle);
        return _redis.RunAsync(
            "phone-consent.get",
            async db =>
            {
                RedisValue value = await db.HashGetAsync(key, "r").ConfigureAwait(false);
                if (value.IsNull)
                {
                    return null;
                }

                StoredPhoneConsent stored = _redis.Open(value, RedisStateJsonContext.Default.StoredPhoneConsent, key);
                if (stored.ExpiresAt <= _time.GetUtcNow())
                {
                    return null;
                }

                if (!Iin.TryParse(stored.Iin, out Iin iin) || !KzPhoneNumber.TryParse(stored.PhoneNumber, out KzPhoneNumber phone))
                {
                    throw new StateStoreUnavailableException("A stored consent is not readable.");
                }

                return new PhoneConsentRecord(iin, phone, stored.RequestToken, stored.ExpiresAt, stored.RequestMessageId);
            },
            cancellationToken);
    }

    public async Task<int> IncrementAttemptsAsync(string handle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(handle);
        string key = _redis.Key("pc", handle);
        RedisResult count = await _redis.RunAsync("phone-consent.attempt", db => db.ScriptEvaluateAsync(IncrementScript, [key]), cancellationToken).ConfigureAwait(false);
        return (int)count;
    }

    public Task RemoveAsync(string handle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(handle);
        string key = _redis.Key("pc", handle);
        return _redis.RunAsync("phone-consent.remove", db => db.KeyDeleteAsync(key), cancellationToken);
    }
}
