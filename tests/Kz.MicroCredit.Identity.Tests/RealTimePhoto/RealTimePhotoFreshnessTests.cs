using Kz.MicroCredit.Identity.RealTimePhoto;

using Xunit;

namespace Kz.MicroCredit.Identity.Tests.RealTimePhoto;

/// <summary>Clock-controlled freshness: the capture, the code and the session window, all on a FakeTimeProvider.</summary>
public sealed class RealTimePhotoFreshnessTests
{
    private static readonly RealTimePhotoOptions Options = new()
    {
        SessionLifetime = TimeSpan.FromMinutes(10),
        CaptureFreshness = TimeSpan.FromMinutes(3),
        OtpLifetime = TimeSpan.FromMinutes(5),
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    [Theory]
    [InlineData(180, IdentificationStatus.Verified)] // exactly at the freshness limit
    [InlineData(181, IdentificationStatus.Rejected)]
    public async Task A_capture_older_than_the_freshness_window_is_rejected(int secondsAfterCapture, IdentificationStatus expected)
    {
        var h = new PhotoHarness(Options);
        RealTimePhotoSession session = await h.StartAsync();
        h.Time.Advance(TimeSpan.FromSeconds(30));
        h.Provider.Complete(session.ProviderSessionId);
        h.Time.Advance(TimeSpan.FromSeconds(secondsAfterCapture));

        MethodOutcome outcome = await h.EvaluateAsync(h.Request(session.SessionId, h.Sms.CodeFor(session.SessionId)));

        Assert.Equal(expected, outcome.Status);
        if (expected == IdentificationStatus.Rejected)
        {
            Assert.Contains(ReasonCode.LivenessNotFresh, outcome.Reasons);
        }
    }

    [Theory]
    [InlineData(-31)] // before the session started (beyond the skew): a capture made for something else
    [InlineData(95)] // in the future beyond the skew (evaluated 60 s after start)
    public async Task A_capture_outside_the_session_is_rejected(int captureOffsetSeconds)
    {
        var h = new PhotoHarness(Options);
        DateTimeOffset started = h.Time.GetUtcNow();
        RealTimePhotoSession session = await h.StartAsync();
        h.Provider.Complete(session.ProviderSessionId, r => r with { CapturedAt = started.AddSeconds(captureOffsetSeconds) });
        h.Time.Advance(TimeSpan.FromSeconds(60));

        MethodOutcome outcome = await h.EvaluateAsync(h.Request(session.SessionId, h.Sms.CodeFor(session.SessionId)));

        Assert.Equal(IdentificationStatus.Rejected, outcome.Status);
        Assert.Contains(ReasonCode.LivenessNotFresh, outcome.Reasons);
    }

    [Fact]
    public async Task A_capture_within_the_clock_skew_is_accepted()
    {
        var h = new PhotoHarness(Options);
        DateTimeOffset started = h.Time.GetUtcNow();
        RealTimePhotoSession session = await h.StartAsync();
        h.Provider.Complete(session.ProviderSessionId, r => r with { CapturedAt = started.AddSeconds(-29) });
        h.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(IdentificationStatus.Verified, (await h.EvaluateAsync(h.Request(session.SessionId, h.Sms.CodeFor(session.SessionId)))).Status);
    }

    [Fact]
    public async Task An_expired_code_is_rejected_even_with_a_fresh_face()
    {
        var h = new PhotoHarness(Options);
        RealTimePhotoSession session = await h.StartAsync();
        h.Time.Advance(TimeSpan.FromMinutes(5));
        h.Provider.Complete(session.ProviderSessionId);

        MethodOutcome outcome = await h.EvaluateAsync(h.Request(session.SessionId, h.Sms.CodeFor(session.SessionId)));

        Assert.Equal(IdentificationStatus.Rejected, outcome.Status);
        Assert.Contains(ReasonCode.OtpExpired, outcome.Reasons);
    }

    [Fact]
    public async Task Nothing_is_accepted_once_the_session_window_closed()
    {
        var options = new RealTimePhotoOptions { SessionLifetime = TimeSpan.FromMinutes(10), CaptureFreshness = TimeSpan.FromMinutes(10), OtpLifetime = TimeSpan.FromMinutes(15) };
        var h = new PhotoHarness(options);
        RealTimePhotoSession session = await h.StartAsync();
        h.Time.Advance(TimeSpan.FromMinutes(9));
        h.Provider.Complete(session.ProviderSessionId);
        h.Time.Advance(TimeSpan.FromMinutes(1));

        MethodOutcome outcome = await h.EvaluateAsync(h.Request(session.SessionId, h.Sms.CodeFor(session.SessionId)));

        Assert.Equal(IdentificationStatus.Rejected, outcome.Status);
        Assert.Contains(ReasonCode.RealTimePhotoSessionExpired, outcome.Reasons);
    }
}
