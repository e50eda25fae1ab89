using System.Net;
using System.Net.Sockets;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit;

namespace Kz.MicroCredit.Identity.Redis.Tests;

/// <summary>What only the Redis stores must show: key layout, no personal data at rest, fail-closed, key rotation.</summary>
[Collection(RedisServerGroup.Name)]
public sealed class RedisStoreSafetyTests(RedisFixture fixture)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Keys_carry_the_prefix_and_a_hash_tag_and_no_clear_iin_phone_or_code_is_stored()
    {
        string prefix = "privacy-" + Guid.NewGuid().ToString("N")[..8] + ":";
        await using RedisStateConnection redis = TestSecrets.Connection(fixture.Server.ConnectionString, prefix);
        const string iin = "880912300763";
        const string phone = "+77011234567";
        const string code = "482916";

        var consents = new RedisPhoneConsentStore(redis, _time);
        await consents.AddAsync(new PhoneConsentRecord(Iin.Parse(iin), KzPhoneNumber.Parse(phone), "gateway-token-secret", _time.GetUtcNow().AddMinutes(5), "msg-1"));
        var kcmr = new RedisKcmrSessionStore(redis, _time);
        string kcmrId = Guid.NewGuid().ToString("N");
        await kcmr.AddAsync(new KcmrSessionRecord(kcmrId, "req", "subject-hmac", IdentificationOperation.Payout, _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(5), CeidSessionState.Created, null, false));
        await kcmr.UpdateAsync(kcmrId, CeidSessionState.Completed, new CeidMatchResult
        {
            RequestId = "req", MatchId = "m", ProviderId = "p", Decision = CeidMatchDecision.Match, Similarity = 0.9, LivenessPassed = true, ReferenceSource = "gbdfl", SubjectIin = iin,
        });

        // The OTP path through the real key ring: the code is hashed with the shared secret before it reaches the store.
        var keys = new RealTimePhotoKeyRing(redis.Secrets.DerivePurposeKey("test"));
        var otp = new RedisOtpStore(redis, _time);
        await otp.AddAsync(new OtpRecord("s1", keys.Mac("otp-code", "s1\n" + code), _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(5)));
        await otp.TryAcquireSendSlotAsync(keys.MacText("otp-rate-phone", phone), _time.GetUtcNow(), TimeSpan.FromMinutes(10), 3);
        await otp.TryAcquireSendSlotAsync(keys.MacText("otp-rate-iin", iin), _time.GetUtcNow(), TimeSpan.FromMinutes(10), 3);

        IReadOnlyList<(string Key, string Values)> dump = (await fixture.Server.DumpAsync()).Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.True(dump.Count >= 5);
        foreach ((string key, string values) in dump)
        {
            Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(prefix) + "[a-z-]+:\\{[^{}]+\\}(:[a-z]+)?$", key);
            foreach (string secret in new[] { iin, phone, phone[1..], "7011234567", code, "gateway-token-secret" })
            {
                Assert.DoesNotContain(secret, key, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, values, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task An_unreachable_redis_fails_closed_with_a_typed_exception()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        await using RedisStateConnection redis = TestSecrets.Connection($"127.0.0.1:{closedPort},abortConnect=false,connectTimeout=300", "down:");
        var challenges = new RedisChallengeStore(redis, _time);
        var attempts = new RedisBiometricAttemptStore(redis, _time);
        var otp = new RedisOtpStore(redis, _time);
        StateStoreUnavailableException ex = await Assert.ThrowsAsync<StateStoreUnavailableException>(() => challenges.ConsumeAsync("x"));
        Assert.Equal(ReasonCode.StateStoreUnavailable, StateStoreUnavailableException.Reason);
        Assert.DoesNotContain("x", ex.Message.Replace("during", string.Empty, StringComparison.Ordinal).Split('\'')[0], StringComparison.Ordinal);
        await Assert.ThrowsAsync<StateStoreUnavailableException>(() => attempts.RecordFailureAsync("subject", TimeSpan.FromMinutes(1)));
        await Assert.ThrowsAsync<StateStoreUnavailableException>(() => otp.IncrementAttemptsAsync("s"));
    }

    [Fact]
    public async Task Garbage_or_tampered_values_fail_closed()
    {
        string prefix = "garbage-" + Guid.NewGuid().ToString("N")[..8] + ":";
        await using RedisStateConnection redis = TestSecrets.Connection(fixture.Server.ConnectionString, prefix);
        await using ConnectionMultiplexer raw = await ConnectionMultiplexer.ConnectAsync(fixture.Server.ConnectionString);
        IDatabase db = raw.GetDatabase();

        await db.HashSetAsync(prefix + "ch:{c1}", "r", "not sealed");
        await Assert.ThrowsAsync<StateStoreUnavailableException>(() => new RedisChallengeStore(redis, _time).ConsumeAsync("c1"));

        var otp = new RedisOtpStore(redis, _time);
        await otp.AddAsync(new OtpRecord("o1", [1, 2], _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(5)));
        string sealedValue = (string)(await db.HashGetAsync(prefix + "otp:{o1}", "r"))!;
        char[] chars = sealedValue.ToCharArray();
        chars[^5] = chars[^5] == 'A' ? 'B' : 'A';
        await db.HashSetAsync(prefix + "otp:{o1}", "r", new string(chars));
        await Assert.ThrowsAsync<StateStoreUnavailableException>(() => otp.GetAsync("o1"));

        // A sealed value moved to another key does not open there (the key is the associated data).
        await otp.AddAsync(new OtpRecord("o2", [3], _time.GetUtcNow(), _time.GetUtcNow().AddMinutes(5)));
        await db.HashSetAsync(prefix + "otp:{o3}", "r", await db.HashGetAsync(prefix + "otp:{o2}", "r"));
        await Assert.ThrowsAsync<StateStoreUnavailableException>(() => otp.GetAsync("o3"));

        await db.HashSetAsync(prefix + "kcmr:{k1}", [new HashEntry("r", "x"), new HashEntry("s", "not-a-number")]);
        await Assert.ThrowsAsync<StateStoreUnavailableException>(() => new RedisKcmrSessionStore(redis, _time).GetAsync("k1"));

        await db.StringSetAsync(prefix + "bio-att:{b1}", "a string, not a sorted set");
        await Assert.ThrowsAsync<StateStoreUnavailableException>(() => new RedisBiometricAttemptStore(redis, _time).RecordFailureAsync("b1", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Records_sealed_under_a_retired_key_still_open_after_rotation()
    {
        string prefix = "rotation-" + Guid.NewGuid().ToString("N")[..8] + ":";
        await using RedisStateConnection before = TestSecrets.Connection(fixture.Server.ConnectionString, prefix, activeKeyId: "k1");
        await using RedisStateConnection after = TestSecrets.Connection(fixture.Server.ConnectionString, prefix, activeKeyId: "k2");
        var record = new PhoneConsentRecord(Iin.Parse("880912300763"), KzPhoneNumber.Parse("+77011234567"), null, _time.GetUtcNow().AddMinutes(5), "m");
        string handle = await new RedisPhoneConsentStore(before, _time).AddAsync(record);
        Assert.Equal(record.Iin, (await new RedisPhoneConsentStore(after, _time).GetAsync(handle))!.Iin);

        // An instance that does not know the key id fails closed rather than reading garbage.
        var onlyK2 = new RedisStateOptions { Configuration = fixture.Server.ConnectionString, KeyPrefix = prefix, ActiveKeyId = "k2" };
        onlyK2.Keys["k2"] = TestSecrets.Key2;
        IOptions<RedisStateOptions> wrapped = Options.Create(onlyK2);
        await using var stranger = new RedisStateConnection(wrapped, new RedisStateSecrets(wrapped));
        await Assert.ThrowsAsync<StateStoreUnavailableException>(() => new RedisPhoneConsentStore(stranger, _time).GetAsync(handle));
    }
}
