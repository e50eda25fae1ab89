using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Xunit;

namespace Kz.MicroCredit.Identity.Redis.Tests;

/// <summary>
/// Three independent instances (separate service providers, as separate processes would be) sharing one real Redis,
/// requests alternating between them, against the sandbox simulators.
/// </summary>
[Collection(RedisServerGroup.Name)]
public sealed class WebFarmTests : IClassFixture<FarmSimulators>, IAsyncLifetime
{
    private readonly RedisFixture _redis;
    private readonly FarmSimulators _sims;
    private readonly string _prefix = "farm-" + Guid.NewGuid().ToString("N")[..8] + ":";
    private FarmInstance _a = null!;
    private FarmInstance _b = null!;
    private FarmInstance _c = null!;

    public WebFarmTests(RedisFixture redis, FarmSimulators sims)
    {
        _redis = redis;
        _sims = sims;
    }

    public Task InitializeAsync()
    {
        _a = FarmInstance.Start(_sims, _redis.Server.ConnectionString, _prefix);
        _b = FarmInstance.Start(_sims, _redis.Server.ConnectionString, _prefix);
        _c = FarmInstance.Start(_sims, _redis.Server.ConnectionString, _prefix);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _c.DisposeAsync();
    }

    [Fact]
    public async Task A_challenge_issued_on_A_is_redeemed_on_B_and_of_fifty_concurrent_redemptions_one_succeeds()
    {
        var iin = Iin.Parse("880912300763");
        BorrowerChallenge issued = await _a.Get<IBorrowerChallengeService>().IssueAsync(iin, IdentificationOperation.Payout);
        Assert.Equal(ChallengeRedemption.Valid, await _b.Get<IBorrowerChallengeService>().RedeemAsync(new ChallengeReference(issued.Id, issued.Nonce), iin, IdentificationOperation.Payout));
        Assert.Equal(ChallengeRedemption.AlreadyUsed, await _a.Get<IBorrowerChallengeService>().RedeemAsync(new ChallengeReference(issued.Id, issued.Nonce), iin, IdentificationOperation.Payout));

        BorrowerChallenge contested = await _a.Get<IBorrowerChallengeService>().IssueAsync(iin, IdentificationOperation.Payout);
        FarmInstance[] instances = [_a, _b];
        ChallengeRedemption[] results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => instances[i % 2].Get<IBorrowerChallengeService>().RedeemAsync(new ChallengeReference(contested.Id, contested.Nonce), iin, IdentificationOperation.Payout))));
        Assert.Equal(1, results.Count(r => r == ChallengeRedemption.Valid));
        Assert.Equal(49, results.Count(r => r == ChallengeRedemption.AlreadyUsed));
    }

    [Fact]
    public async Task Failed_biometric_attempts_on_A_B_A_exhaust_the_cap_on_every_instance()
    {
        string iin = CeidSimulator.NoMatchIin;
        FarmInstance[] order = [_a, _b, _a];
        foreach (FarmInstance instance in order)
        {
            MethodOutcome failed = await instance.Get<KcmrBiometricsMethod>().EvaluateAsync(ImageRequest(iin));
            Assert.Equal(IdentificationStatus.Rejected, failed.Status);
        }

        int calls = _sims.Ceid.MatchCalls;
        foreach (FarmInstance instance in new[] { _a, _b, _c })
        {
            MethodOutcome fourth = await instance.Get<KcmrBiometricsMethod>().EvaluateAsync(ImageRequest(iin));
            Assert.Equal(IdentificationStatus.Rejected, fourth.Status);
            Assert.Contains(ReasonCode.AttemptsExhausted, fourth.Reasons);
        }

        Assert.Equal(calls, _sims.Ceid.MatchCalls); // refused before CEID is asked again
    }

    [Fact]
    public async Task An_otp_sent_through_A_is_verified_through_B()
    {
        var iin = Iin.Parse("880912300763");
        (RealTimePhotoSession session, string code) = await StartPhotoAsync(_a, iin);
        MethodOutcome outcome = await _b.Get<RealTimePhotoMethod>().EvaluateAsync(PhotoRequest(iin, session.SessionId, code));
        Assert.Equal(IdentificationStatus.Verified, outcome.Status);

        // Single use across the farm.
        MethodOutcome replay = await _c.Get<RealTimePhotoMethod>().EvaluateAsync(PhotoRequest(iin, session.SessionId, code));
        Assert.Equal(IdentificationStatus.Rejected, replay.Status);
    }

    [Fact]
    public async Task Wrong_codes_on_A_and_B_share_one_attempt_budget()
    {
        var iin = Iin.Parse("880912300763");
        (RealTimePhotoSession session, string code) = await StartPhotoAsync(_a, iin);
        string wrong = code == "000000" ? "111111" : "000000";
        MethodOutcome first = await _a.Get<RealTimePhotoMethod>().EvaluateAsync(PhotoRequest(iin, session.SessionId, wrong));
        MethodOutcome second = await _b.Get<RealTimePhotoMethod>().EvaluateAsync(PhotoRequest(iin, session.SessionId, wrong));
        MethodOutcome third = await _a.Get<RealTimePhotoMethod>().EvaluateAsync(PhotoRequest(iin, session.SessionId, wrong));
        Assert.All(new[] { first, second, third }, o => Assert.Equal(IdentificationStatus.Rejected, o.Status));
        Assert.Contains(ReasonCode.OtpInvalid, first.Reasons);
        Assert.Contains(ReasonCode.OtpInvalid, second.Reasons);

        // Three wrong codes over two instances used the budget of three: the right code is refused everywhere.
        MethodOutcome right = await _b.Get<RealTimePhotoMethod>().EvaluateAsync(PhotoRequest(iin, session.SessionId, code));
        Assert.NotEqual(IdentificationStatus.Verified, right.Status);
        OtpState state = (await _c.Get<IOtpStore>().GetAsync(session.SessionId))!.Value;
        Assert.True(state.Consumed);
        Assert.Equal(3, state.Attempts);
    }

    [Fact]
    public async Task A_photo_session_started_on_A_with_its_webhook_delivered_to_B_is_seen_by_A()
    {
        var iin = Iin.Parse("880912300763");
        (RealTimePhotoSession session, string code) = await StartPhotoAsync(_a, iin);
        (byte[] body, string signature) = _sims.Liveness.CreateSignedWebhook(session.ProviderSessionId);
        Assert.Equal(LivenessWebhookOutcome.Accepted, await _b.Get<RealTimePhotoWebhookHandler>().HandleAsync(body, signature));
        Assert.Equal(LivenessWebhookOutcome.Duplicate, await _c.Get<RealTimePhotoWebhookHandler>().HandleAsync(body, signature));

        MethodOutcome outcome = await _a.Get<RealTimePhotoMethod>().EvaluateAsync(PhotoRequest(iin, session.SessionId, code));
        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        Assert.Equal("webhook", outcome.Evidence.Facts["liveness.source"]);
    }

    [Fact]
    public async Task A_phone_consent_opened_on_A_is_confirmed_on_B()
    {
        var iin = Iin.Parse("880912300763");
        var phone = KzPhoneNumber.Parse("+77011234567");
        _sims.SmartBridge.Register(iin, phone);
        PhoneOwnershipConsentStart start = await _a.Get<IPhoneOwnershipConsentService>().StartConsentAsync(iin, phone);
        Assert.True(start.CodeSent);
        Assert.True(_sims.SmartBridge.TryGetSentCode(iin, out string? captured));
        string code = captured.Split('|')[0];

        var request = new BorrowerIdentificationRequest(iin, IdentificationOperation.AgreementSigning, "loan-farm") { PhoneNumber = phone };
        request.Evidence.Add(new EGovPhoneOwnershipEvidence(start.Handle!, code));
        MethodOutcome outcome = await _b.Get<EGovPhoneOwnershipMethod>().EvaluateAsync(request);
        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        Assert.Equal("consent", outcome.Evidence.Facts["phone.mode"]);
    }

    internal static async Task<(RealTimePhotoSession Session, string Code)> StartPhotoAsync(FarmInstance instance, Iin iin)
    {
        RealTimePhotoStartResult started = await instance.Get<IRealTimePhotoSessionService>()
            .StartAsync(new RealTimePhotoStartRequest(iin, KzPhoneNumber.Parse("+77011234567"), IdentificationOperation.AgreementSigning, "loan-farm") { Amount = 75_000m });
        Assert.True(started.IsStarted, started.Status.ToString());
        using (var http = new HttpClient())
        {
            using HttpResponseMessage page = await http.GetAsync(started.Session!.HostedFlowUrl);
            Assert.True(page.IsSuccessStatusCode);
        }

        return (started.Session, instance.Sms.CodeFor(started.Session.SessionId));
    }

    internal static BorrowerIdentificationRequest PhotoRequest(Iin iin, string sessionId, string code)
    {
        var request = new BorrowerIdentificationRequest(iin, IdentificationOperation.AgreementSigning, "loan-farm") { PhoneNumber = KzPhoneNumber.Parse("+77011234567") };
        request.Evidence.Add(new RealTimePhotoEvidence(sessionId, code) { Amount = 75_000m });
        return request;
    }

    private static BorrowerIdentificationRequest ImageRequest(string iin)
    {
        var request = new BorrowerIdentificationRequest(Iin.Parse(iin), IdentificationOperation.AgreementSigning, "loan-" + Guid.NewGuid().ToString("N")[..8]);
        request.Evidence.Add(new KcmrFaceImageEvidence(SampleFaceImage.CreateJpeg(320, 240), "consent-farm"));
        return request;
    }
}
