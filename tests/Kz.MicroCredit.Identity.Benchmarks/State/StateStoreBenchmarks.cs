using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Redis;
using Kz.MicroCredit.Identity.Testing;
using Kz.MicroCredit.Identity.Testing.RealTimePhoto;
using Microsoft.Extensions.DependencyInjection;

namespace Kz.MicroCredit.Identity.Benchmarks.State;

/// <summary>
/// The same operations through the same services with the in-memory stores and with the Redis stores (a loopback
/// redis-server): a challenge issued and redeemed, a one-time code checked, and a whole sandbox real-time photo
/// identification (start, hosted liveness flow at the simulator, identification with the code).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class StateStoreBenchmarks
{
    private static readonly IdentificationPolicy PhotoPolicy = IdentificationPolicy.Create("photo")
        .Require(IdentificationMethodId.RealTimePhoto)
        .Require(IdentificationMethodId.EGovPhoneOwnership)
        .Build();

    private readonly Iin _iin = Iin.Parse("880912300763");
    private BenchmarkRedisServer? _redis;
    private LivenessProviderSimulator _simulator = null!;
    private ServiceProvider _provider = null!;
    private CapturingOtpSender _sms = null!;
    private IBorrowerChallengeService _challenges = null!;
    private IOtpStore _otpStore = null!;
    private IBorrowerIdentifier _identifier = null!;
    private IRealTimePhotoSessionService _sessions = null!;
    private OtpManager _otp = null!;
    private HttpClient _http = null!;
    private int _next;

    [Params("in-memory", "redis")]
    public string Store { get; set; } = "in-memory";

    [GlobalSetup]
    public void Setup()
    {
        _simulator = LivenessProviderSimulator.StartAsync().GetAwaiter().GetResult();
        _sms = new CapturingOtpSender();
        var services = new ServiceCollection();
        services.AddSingleton<IOtpSender>(_sms);
        BorrowerIdentificationBuilder builder = services.AddBorrowerIdentification()
            .UsePolicy(PhotoPolicy)
            .AddMethod(new ScriptedIdentificationMethod(IdentificationMethodId.EGovPhoneOwnership, MethodVerdict.Verified()))
            .AddRealTimePhotoVerification(o =>
            {
                o.Provider.BaseAddress = _simulator.BaseAddress;
                o.Provider.WebhookSecret = _simulator.WebhookSecret;
                o.SecretKey = new byte[32];
                o.OtpSendLimitPerIin = 1_000_000;
                o.OtpSendLimitPerPhone = 1_000_000;
            });
        if (Store == "redis")
        {
            _redis = BenchmarkRedisServer.Start();
            builder.AddRedisState(_redis.ConnectionString, o =>
            {
                o.ActiveKeyId = "k1";
                o.Keys["k1"] = Convert.ToBase64String(new byte[32]);
            });
        }

        _provider = services.BuildServiceProvider();
        _provider.ValidateBorrowerIdentificationOptions();
        _challenges = _provider.GetRequiredService<IBorrowerChallengeService>();
        _otpStore = _provider.GetRequiredService<IOtpStore>();
        _identifier = _provider.GetRequiredService<IBorrowerIdentifier>();
        _sessions = _provider.GetRequiredService<IRealTimePhotoSessionService>();
        RealTimePhotoOptions options = _provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<RealTimePhotoOptions>>().Value;
        _otp = new OtpManager(_otpStore, _provider.GetRequiredService<RealTimePhotoKeyRing>(), FixedTimeOtpCodeComparer.Instance, TimeProvider.System, options, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        _http = new HttpClient();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _http.Dispose();
        _provider.Dispose();
        _simulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _redis?.Dispose();
    }

    [Benchmark(Description = "challenge issue + redeem")]
    public async Task<ChallengeRedemption> ChallengeIssueAndRedeem()
    {
        BorrowerChallenge challenge = await _challenges.IssueAsync(_iin, IdentificationOperation.Payout);
        return await _challenges.RedeemAsync(new ChallengeReference(challenge.Id, challenge.Nonce), _iin, IdentificationOperation.Payout);
    }

    [Benchmark(Description = "OTP issue + verify")]
    public async Task<bool> OtpVerify()
    {
        string session = "bench-" + Interlocked.Increment(ref _next);
        (string code, _) = await _otp.IssueAsync(session, CancellationToken.None);
        (OtpCheckResult result, _) = await _otp.CheckAsync(session, code, CancellationToken.None);
        return result == OtpCheckResult.Accepted; // the result type is internal; a benchmark method must be public
    }

    [Benchmark(Description = "sandbox real-time photo identification")]
    public async Task<bool> SandboxIdentification()
    {
        int n = Interlocked.Increment(ref _next);
        var phone = KzPhoneNumber.Parse("+7701" + (n % 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture));
        RealTimePhotoStartResult started = await _sessions.StartAsync(new RealTimePhotoStartRequest(_iin, phone, IdentificationOperation.AgreementSigning, "loan-bench") { Amount = 75_000m });
        using (HttpResponseMessage page = await _http.GetAsync(started.Session!.HostedFlowUrl))
        {
            page.EnsureSuccessStatusCode();
        }

        var request = new BorrowerIdentificationRequest(_iin, IdentificationOperation.AgreementSigning, "loan-bench") { PhoneNumber = phone };
        request.Evidence.Add(new RealTimePhotoEvidence(started.Session.SessionId, _sms.CodeFor(started.Session.SessionId)) { Amount = 75_000m });
        IdentificationResult result = await _identifier.IdentifyAsync(request);
        return result.IsVerified ? true : throw new InvalidOperationException("The sandbox identification was not verified: " + result);
    }
}
