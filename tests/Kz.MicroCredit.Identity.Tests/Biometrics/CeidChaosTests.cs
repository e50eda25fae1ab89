using System.Net;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;
using Polly.Simmy.Outcomes;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Biometrics;

/// <summary>Polly chaos strategies inside the client's pipeline, on a fake clock: faults end in reason codes and the total budget holds.</summary>
public class CeidChaosTests
{
    private const string MatchJson = """
        {"requestId":"r1","matchId":"m1","providerId":"p1","decision":"match","similarity":0.97,"liveness":{"passed":true},"referenceSource":"gbdfl","iin":"880912300763"}
        """;

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Latency_beyond_every_timeout_ends_as_timeout_within_the_total_budget()
    {
        var time = new FakeTimeProvider();
        int injected = 0;
        (KcmrCeidClient client, StubCeidHandler handler) = Create(time, b => b.AddChaosLatency(new ChaosLatencyStrategyOptions
        {
            InjectionRate = 1,
            LatencyGenerator = _ =>
            {
                Interlocked.Increment(ref injected);
                return new ValueTask<TimeSpan>(TimeSpan.FromMinutes(10));
            },
        }), o => o.ServiceHonoursIdempotencyKey = true);

        (CeidResult<CeidMatchResult> result, TimeSpan elapsed) = await DriveAsync(time, client.MatchAsync(Request()));

        Assert.False(result.Succeeded);
        Assert.Equal([ReasonCode.Timeout], result.Failure);
        Assert.True(elapsed <= Budget, $"took {elapsed} of fake time");
        Assert.True(injected >= 1);
        Assert.Equal(0, handler.ApiCalls);
    }

    [Fact]
    public async Task Latency_below_the_per_call_timeout_still_succeeds()
    {
        var time = new FakeTimeProvider();
        (KcmrCeidClient client, _) = Create(time, b => b.AddChaosLatency(1, TimeSpan.FromSeconds(5)));
        (CeidResult<CeidMatchResult> result, TimeSpan elapsed) = await DriveAsync(time, client.MatchAsync(Request()));
        Assert.True(result.Succeeded);
        Assert.True(elapsed >= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Connection_failures_before_sending_are_retried_then_unavailable()
    {
        var time = new FakeTimeProvider();
        int injected = 0;
        (KcmrCeidClient client, _) = Create(time, b => b.AddChaosFault(new ChaosFaultStrategyOptions
        {
            InjectionRate = 1,
            FaultGenerator = static _ => new ValueTask<Exception?>(new HttpRequestException(HttpRequestError.ConnectionError, "refused")),
            OnFaultInjected = _ => { Interlocked.Increment(ref injected); return default; },
        }));

        (CeidResult<CeidMatchResult> result, _) = await DriveAsync(time, client.MatchAsync(Request()));

        Assert.Equal([ReasonCode.ProviderUnavailable], result.Failure);
        Assert.Equal(3, injected); // first attempt and MaxRetryAttempts = 2 retries
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 3)]
    public async Task Failures_after_sending_are_retried_only_with_an_honoured_idempotency_key(bool idempotent, int expectedAttempts)
    {
        var time = new FakeTimeProvider();
        int injected = 0;
        (KcmrCeidClient client, _) = Create(time, b => b.AddChaosFault(new ChaosFaultStrategyOptions
        {
            InjectionRate = 1,
            FaultGenerator = static _ => new ValueTask<Exception?>(new HttpRequestException(HttpRequestError.ResponseEnded, "reset")),
            OnFaultInjected = _ => { Interlocked.Increment(ref injected); return default; },
        }), o => o.ServiceHonoursIdempotencyKey = idempotent);

        (CeidResult<CeidMatchResult> result, _) = await DriveAsync(time, client.MatchAsync(Request()));

        Assert.Equal([ReasonCode.ProviderUnavailable], result.Failure);
        Assert.Equal(expectedAttempts, injected);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ProviderUnavailable")]
    [InlineData(HttpStatusCode.TooManyRequests, "CeidThrottled")]
    [InlineData(HttpStatusCode.Forbidden, "CeidAccessDenied")]
    [InlineData(HttpStatusCode.BadRequest, "ProviderProtocolError")]
    public async Task Injected_outcomes_map_to_reason_codes(HttpStatusCode status, string reason)
    {
        var time = new FakeTimeProvider();
        (KcmrCeidClient client, _) = Create(time, b => b.AddChaosOutcome(1, () => new HttpResponseMessage(status)));
        (CeidResult<CeidMatchResult> result, _) = await DriveAsync(time, client.MatchAsync(Request()));
        Assert.False(result.Succeeded);
        Assert.Contains(new ReasonCode(reason), result.Failure);
        Assert.Equal((int)status, result.HttpStatus);
    }

    [Fact]
    public async Task Circuit_opens_after_repeated_faults()
    {
        var time = new FakeTimeProvider();
        (KcmrCeidClient client, _) = Create(time, b => b.AddChaosOutcome(1, () => new HttpResponseMessage(HttpStatusCode.InternalServerError)), o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.Breaker.MinimumThroughput = 2;
        });

        var results = new List<CeidResult<CeidMatchResult>>();
        for (int i = 0; i < 3; i++)
        {
            results.Add((await DriveAsync(time, client.MatchAsync(Request()))).Result);
        }

        Assert.DoesNotContain(ReasonCode.CeidCircuitOpen, results[0].Failure);
        Assert.Equal([ReasonCode.ProviderUnavailable, ReasonCode.CeidCircuitOpen], results[2].Failure);
    }

    [Fact]
    public async Task Random_chaos_never_produces_a_value_that_was_not_answered()
    {
        var time = new FakeTimeProvider();
        var random = new Random(1234);
        (KcmrCeidClient client, _) = Create(time, b => b
            .AddChaosOutcome(new ChaosOutcomeStrategyOptions<HttpResponseMessage>
            {
                InjectionRate = 0.3,
                Randomizer = random.NextDouble,
                OutcomeGenerator = _ => new ValueTask<Outcome<HttpResponseMessage>?>(Outcome.FromResult(StubCeidHandler.Json(HttpStatusCode.OK, MatchJson[..40]))),
            })
            .AddChaosFault(new ChaosFaultStrategyOptions { InjectionRate = 0.3, Randomizer = random.NextDouble, FaultGenerator = _ => new ValueTask<Exception?>(new IOException("reset")) })
            .AddChaosLatency(new ChaosLatencyStrategyOptions { InjectionRate = 0.3, Randomizer = random.NextDouble, Latency = TimeSpan.FromSeconds(12) }),
            o => o.Resilience.Breaker.MinimumThroughput = 1000);

        int succeeded = 0;
        for (int i = 0; i < 40; i++)
        {
            (CeidResult<CeidMatchResult> result, TimeSpan elapsed) = await DriveAsync(time, client.MatchAsync(Request()));
            Assert.True(elapsed <= Budget);
            if (result.Succeeded)
            {
                succeeded++;
                Assert.Equal("m1", result.Value.MatchId); // only the real answer, never a truncated one
            }
            else
            {
                Assert.Subset(new HashSet<ReasonCode> { ReasonCode.ProviderUnavailable, ReasonCode.ProviderProtocolError, ReasonCode.Timeout }, result.Failure.ToHashSet());
            }
        }

        Assert.InRange(succeeded, 1, 39);
    }

    [Fact]
    public async Task Token_is_cached_until_expiry_minus_skew()
    {
        var time = new FakeTimeProvider();
        (KcmrCeidClient client, StubCeidHandler handler) = Create(time, _ => { });
        Assert.True((await client.MatchAsync(Request())).Succeeded);
        Assert.True((await client.MatchAsync(Request())).Succeeded);
        Assert.Equal(1, handler.TokenCalls);
        time.Advance(TimeSpan.FromSeconds(300 - 30 - 1));
        Assert.True((await client.MatchAsync(Request())).Succeeded);
        Assert.Equal(1, handler.TokenCalls);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.True((await client.MatchAsync(Request())).Succeeded);
        Assert.Equal(2, handler.TokenCalls);
    }

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private static CeidMatchRequest Request() =>
        new("r1", Iin.Parse(CeidSimulator.SandboxIin), "consent-1", SampleFaceImage.CreateJpeg(), FaceImageFormat.Jpeg);

    private static (KcmrCeidClient Client, StubCeidHandler Handler) Create(
        FakeTimeProvider time,
        Action<ResiliencePipelineBuilder<HttpResponseMessage>> chaos,
        Action<KcmrBiometricsOptions>? configure = null)
    {
        var options = new KcmrBiometricsOptions
        {
            BaseAddress = new Uri("https://ceid.test/api/"),
            TokenEndpoint = new Uri("https://auth.ceid.test/oauth/token"),
            ClientId = "client",
            ClientSecret = "secret",
            ProviderId = "provider",
            Resilience = { TotalTimeout = Budget },
        };
        configure?.Invoke(options);
        var handler = new StubCeidHandler { Api = _ => StubCeidHandler.Json(HttpStatusCode.OK, MatchJson) };
        var client = new KcmrCeidClient(new StubHttpClientFactory(handler), new DefaultCeidWireBinding(), Options.Create(options), time, logger: null, configureInner: chaos);
        return (client, handler);
    }

    /// <summary>
    /// Advances the fake clock in small steps, but never beyond the total budget, until the task completes; then gives it
    /// real time to finish. A task that needed more fake time than the budget never completes here and fails the test.
    /// </summary>
    private static async Task<(T Result, TimeSpan Elapsed)> DriveAsync<T>(FakeTimeProvider time, Task<T> task)
    {
        DateTimeOffset start = time.GetUtcNow();
        while (!task.IsCompleted && time.GetUtcNow() - start < Budget)
        {
            await Task.Delay(2);
            if (!task.IsCompleted)
            {
                TimeSpan left = Budget - (time.GetUtcNow() - start);
                time.Advance(left < Step ? left : Step);
            }
        }

        T result = await task.WaitAsync(TimeSpan.FromSeconds(20)); // throws if the budget did not hold
        return (result, time.GetUtcNow() - start);
    }
}
