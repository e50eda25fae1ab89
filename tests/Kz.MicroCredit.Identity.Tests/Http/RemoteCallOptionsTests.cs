using System.Security.Cryptography;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Http;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Http;

public sealed class RemoteCallOptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        var errors = new List<string>();
        RemoteCallOptionsValidator.Validate(new RemoteCallOptions(), "Resilience", errors);
        Assert.Empty(errors);
    }

    [Fact]
    public void Every_invalid_setting_is_named_by_its_path_never_by_its_value()
    {
        var options = new RemoteCallOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(-7),
            TotalTimeout = TimeSpan.FromSeconds(-9),
            MaxRetryAttempts = 11,
            RetryBackoff = TimeSpan.FromSeconds(-3),
            Breaker = new() { FailureRatio = double.NaN, MinimumThroughput = 1, SamplingDuration = TimeSpan.FromMilliseconds(499), BreakDuration = TimeSpan.Zero },
        };
        var errors = new List<string>();
        RemoteCallOptionsValidator.Validate(options, "X:Resilience", errors);
        Assert.Equal(8, errors.Count);
        foreach (string expected in new[] { "AttemptTimeout", "TotalTimeout", "MaxRetryAttempts", "RetryBackoff", "Breaker:FailureRatio", "Breaker:MinimumThroughput", "Breaker:SamplingDuration", "Breaker:BreakDuration" })
        {
            Assert.Contains(errors, e => e.StartsWith("X:Resilience:" + expected, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(errors, e => e.Contains("-7", StringComparison.Ordinal) || e.Contains("11", StringComparison.Ordinal) || e.Contains("499", StringComparison.Ordinal));
    }

    [Fact]
    public void Total_timeout_shorter_than_the_attempt_timeout_is_refused()
    {
        var errors = new List<string>();
        RemoteCallOptionsValidator.Validate(new RemoteCallOptions { AttemptTimeout = TimeSpan.FromSeconds(5), TotalTimeout = TimeSpan.FromSeconds(4) }, "Resilience", errors);
        Assert.Equal(["Resilience:TotalTimeout must be positive and at least Resilience:AttemptTimeout."], errors);
    }

    [Fact]
    public void Each_service_keeps_its_former_defaults()
    {
        RemoteCallOptions ceid = new KcmrBiometricsOptions().Resilience;
        Assert.Equal((30, 10, 2, 200, 0.5, 10, 30, 30), Shape(ceid));
        RemoteCallOptions liveness = new RealTimePhotoProviderOptions().Resilience;
        Assert.Equal((30, 10, 2, 500, 0.5, 10, 30, 30), Shape(liveness));
        RemoteCallOptions smartBridge = new EGovPhoneOwnershipOptions().Resilience;
        Assert.Equal((30, 15, 2, 200, 0.5, 20, 60, 15), Shape(smartBridge));
        var revocation = new RevocationOptions();
        Assert.Equal((12, 5, 2, 200, 0.5, 10, 30, 15), Shape(revocation.OcspResilience));
        Assert.Equal((12, 5, 2, 200, 0.5, 10, 30, 15), Shape(revocation.TsaResilience));
        Assert.Equal((150, 60, 2, 200, 0.5, 10, 120, 15), Shape(revocation.CrlResilience));
        Assert.NotSame(revocation.OcspResilience, revocation.TsaResilience);
    }

    [Fact]
    public void A_result_carries_the_value_status_and_body_digest_or_the_reason()
    {
        byte[] body = [1, 2, 3];
        RemoteCallResult<byte[]> ok = RemoteCallResult<byte[]>.Success(body, 200, body);
        Assert.True(ok.Succeeded);
        Assert.Equal(200, ok.HttpStatus);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), ok.ResponseDigest);
        RemoteCallResult<int> mapped = ok.Map(b => b.Length);
        Assert.Equal((true, 3, ok.ResponseDigest), (mapped.Succeeded, mapped.Value, mapped.ResponseDigest));

        RemoteCallResult<byte[]> failed = RemoteCallResult<byte[]>.Failure("http-503", 503);
        Assert.False(failed.Succeeded);
        Assert.False(failed.IsProtocolError);
        Assert.Null(failed.ResponseDigest);
        Assert.Equal("http-503", failed.Map(b => b.Length).Reason);
        Assert.True(RemoteCallResult<byte[]>.Failure("redirect").IsProtocolError);
    }

    private static (double, double, int, double, double, int, double, double) Shape(RemoteCallOptions o) =>
        (o.TotalTimeout.TotalSeconds, o.AttemptTimeout.TotalSeconds, o.MaxRetryAttempts, o.RetryBackoff.TotalMilliseconds,
         o.Breaker.FailureRatio, o.Breaker.MinimumThroughput, o.Breaker.SamplingDuration.TotalSeconds, o.Breaker.BreakDuration.TotalSeconds);
}
