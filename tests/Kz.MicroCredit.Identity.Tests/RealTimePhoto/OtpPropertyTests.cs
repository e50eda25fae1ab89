using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

using Xunit;

namespace Kz.MicroCredit.Identity.Tests.RealTimePhoto;

/// <summary>
/// Properties of the one-time code. The constant-time comparison is checked through the comparer abstraction (every
/// check goes through <see cref="IOtpCodeComparer"/>, whose default is <c>CryptographicOperations.FixedTimeEquals</c>);
/// no timing is measured.
/// </summary>
public sealed class OtpPropertyTests
{
    private const int MaxAttempts = 3;

    private sealed record Env(OtpManager Otp, FakeTimeProvider Time, RecordingComparer Comparer, string SessionId, string Code, DateTimeOffset ExpiresAt, string OtherCode);

    private static Env Create(int length = 6)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var options = new RealTimePhotoOptions { OtpLength = length, OtpMaxAttempts = MaxAttempts, OtpLifetime = TimeSpan.FromMinutes(2) };
        var comparer = new RecordingComparer();
        var otp = new OtpManager(new InMemoryOtpStore(time), new RealTimePhotoKeyRing(new byte[32]), comparer, time, options, NullLogger.Instance);
        (string code, OtpRecord record) = otp.IssueAsync("s1", default).GetAwaiter().GetResult();
        (string other, _) = otp.IssueAsync("s2", default).GetAwaiter().GetResult();
        return new Env(otp, time, comparer, "s1", code, record.ExpiresAt, other);
    }

    /// <summary>
    /// Any interleaving of right codes, wrong codes, another session's code and clock advances: at most one acceptance,
    /// only with the right code, only before expiry, only within the attempt cap, never after the code was used up.
    /// </summary>
    [Property(MaxTest = 300)]
    public bool Codes_are_single_use_expiring_attempt_limited_and_exact(int[] script)
    {
        Env env = Create();
        int accepted = 0;
        int attempts = 0;
        bool usedUp = false;
        foreach (int step in script ?? [])
        {
            int action = Math.Abs(step % 5);
            if (action == 4)
            {
                env.Time.Advance(TimeSpan.FromSeconds(Math.Abs(step % 50)));
                continue;
            }

            string submitted = action switch
            {
                0 or 1 => env.Code,
                2 => PhotoHarness.WrongCode(env.Code),
                _ => env.OtherCode,
            };
            bool expired = env.Time.GetUtcNow() >= env.ExpiresAt;
            (OtpCheckResult result, _) = env.Otp.CheckAsync(env.SessionId, submitted, default).GetAwaiter().GetResult();
            if (!expired && !usedUp)
            {
                attempts++;
            }

            if (result == OtpCheckResult.Accepted)
            {
                accepted++;
                bool legitimate = submitted == env.Code && !expired && !usedUp && attempts <= MaxAttempts;
                if (!legitimate)
                {
                    return false;
                }

                usedUp = true;
            }

            if (result == OtpCheckResult.AttemptsExhausted)
            {
                usedUp = true;
            }
        }

        return accepted <= 1;
    }

    [Property(MaxTest = 200)]
    public bool Wrong_codes_are_never_accepted(NonEmptyString typed)
    {
        Env env = Create();
        string text = typed.Get;
        if (text.Trim() == env.Code)
        {
            return true;
        }

        (OtpCheckResult result, _) = env.Otp.CheckAsync(env.SessionId, text, default).GetAwaiter().GetResult();
        return result == OtpCheckResult.Invalid && env.Comparer.Calls == 1;
    }

    [Property(MaxTest = 100)]
    public bool Nothing_is_accepted_after_expiry(PositiveInt secondsPastExpiry)
    {
        Env env = Create();
        env.Time.SetUtcNow(env.ExpiresAt.AddSeconds(secondsPastExpiry.Get % 100_000 - 1));
        (OtpCheckResult result, _) = env.Otp.CheckAsync(env.SessionId, env.Code, default).GetAwaiter().GetResult();
        return result == OtpCheckResult.Expired;
    }

    [Property(MaxTest = 100)]
    public bool Nothing_is_accepted_after_the_attempt_cap(PositiveInt extraTries)
    {
        Env env = Create();
        for (int i = 0; i < MaxAttempts; i++)
        {
            env.Otp.CheckAsync(env.SessionId, PhotoHarness.WrongCode(env.Code), default).GetAwaiter().GetResult();
        }

        for (int i = 0; i < extraTries.Get % 5 + 1; i++)
        {
            (OtpCheckResult result, _) = env.Otp.CheckAsync(env.SessionId, env.Code, default).GetAwaiter().GetResult();
            if (result == OtpCheckResult.Accepted)
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 50)]
    public bool Generated_codes_have_the_configured_length_and_only_digits(PositiveInt seed)
    {
        int length = 4 + (seed.Get % 7);
        string code = OtpManager.GenerateCode(length);
        return code.Length == length && code.All(char.IsAsciiDigit);
    }

    [Fact]
    public void Generated_digits_are_not_grossly_skewed()
    {
        // A coarse sanity check of the CSPRNG use (not a timing or statistical-quality assertion): 60 000 digits,
        // each digit's count within ±10 % of the expected 6 000.
        int[] counts = new int[10];
        for (int i = 0; i < 10_000; i++)
        {
            foreach (char c in OtpManager.GenerateCode(6))
            {
                counts[c - '0']++;
            }
        }

        Assert.All(counts, n => Assert.InRange(n, 5_400, 6_600));
    }

    [Fact]
    public void The_default_comparer_is_the_fixed_time_one()
    {
        Assert.True(FixedTimeOtpCodeComparer.Instance.AreEqual([1, 2, 3], [1, 2, 3]));
        Assert.False(FixedTimeOtpCodeComparer.Instance.AreEqual([1, 2, 3], [1, 2, 4]));
        Assert.False(FixedTimeOtpCodeComparer.Instance.AreEqual([1, 2, 3], [1, 2]));
    }

    [Fact]
    public async Task The_store_keeps_only_a_keyed_hash()
    {
        var time = new FakeTimeProvider();
        var store = new InMemoryOtpStore(time);
        var otp = new OtpManager(store, new RealTimePhotoKeyRing(new byte[32]), new RecordingComparer(), time, new RealTimePhotoOptions(), NullLogger.Instance);
        (string code, OtpRecord record) = await otp.IssueAsync("s9", default);
        Assert.Equal(32, record.CodeHash.Length);
        Assert.DoesNotContain(code, Convert.ToHexString(record.CodeHash), StringComparison.Ordinal);
        Assert.NotEqual(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(code)), record.CodeHash);
    }
}
