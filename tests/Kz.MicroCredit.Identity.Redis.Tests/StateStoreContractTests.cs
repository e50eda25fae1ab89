using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.SigningChannels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.Redis.Tests;

/// <summary>
/// The behaviour every implementation of the state ports must have, written once and run against the in-memory stores
/// and the Redis stores, so that both keep one behaviour.
/// </summary>
public abstract class StateStoreContractTests
{
    protected StateStoreContractTests()
    {
        // Now, not a fixed date: the Redis stores set absolute expiries, which the real server enforces on its own clock.
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
    }

    protected FakeTimeProvider Time { get; }

    private protected abstract IChallengeStore Challenges();

    private protected abstract IOtpStore Otps();

    private protected abstract IRealTimePhotoSessionStore PhotoSessions();

    private protected abstract ILivenessResultStore LivenessResults();

    private protected abstract IBiometricAttemptStore BiometricAttempts();

    private protected abstract IKcmrSessionStore KcmrSessions();

    private protected abstract IPhoneConsentStore PhoneConsents();

    private protected abstract IEGovMobileSessionStore EGovMobileSessions();

    /// <summary>The store as two instances of a farm see it (one store in memory; two service providers over one Redis).</summary>
    private protected abstract (IEGovMobileSessionStore First, IEGovMobileSessionStore Second) EGovMobileSessionsOnTwoInstances();

    protected static string NewId() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_challenge_is_consumed_once_and_kept_as_used()
    {
        IChallengeStore store = Challenges();
        var record = new ChallengeRecord(NewId(), [1, 2, 3], [4, 5, 6], IdentificationOperation.Payout, Time.GetUtcNow().AddMinutes(5));
        await store.AddAsync(record);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAsync(record));

        (ChallengeRecord? first, bool firstUse) = await store.ConsumeAsync(record.Id);
        (ChallengeRecord? second, bool secondUse) = await store.ConsumeAsync(record.Id);
        Assert.True(firstUse);
        Assert.False(secondUse);
        Assert.Equal(record.NonceDigest, first!.NonceDigest);
        Assert.Equal(record.SubjectDigest, second!.SubjectDigest);
        Assert.Equal(IdentificationOperation.Payout, second.Operation);
        Assert.Equal(record.ExpiresAt.ToUnixTimeMilliseconds(), second.ExpiresAt.ToUnixTimeMilliseconds());
        Assert.Equal((null, false), await store.ConsumeAsync(NewId()));
    }

    [Fact]
    public async Task Of_fifty_concurrent_redemptions_exactly_one_is_first()
    {
        IChallengeStore store = Challenges();
        var record = new ChallengeRecord(NewId(), [1], [2], IdentificationOperation.Registration, Time.GetUtcNow().AddMinutes(5));
        await store.AddAsync(record);
        (ChallengeRecord? Record, bool FirstUse)[] results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => store.ConsumeAsync(record.Id))));
        Assert.Equal(1, results.Count(r => r.FirstUse));
        Assert.All(results, r => Assert.NotNull(r.Record));
    }

    [Fact]
    public async Task Otp_attempts_are_counted_atomically_and_the_code_is_consumed_once()
    {
        IOtpStore store = Otps();
        string session = NewId();
        var record = new OtpRecord(session, [9, 9, 9], Time.GetUtcNow(), Time.GetUtcNow().AddMinutes(5));
        await store.AddAsync(record);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAsync(record));

        int[] counts = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.IncrementAttemptsAsync(session))));
        Assert.Equal(Enumerable.Range(1, 20), counts.Order());

        OtpState state = (await store.GetAsync(session))!.Value;
        Assert.Equal(20, state.Attempts);
        Assert.False(state.Consumed);
        Assert.Equal(record.CodeHash, state.Record.CodeHash);

        bool[] consumed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => store.TryConsumeAsync(session))));
        Assert.Equal(1, consumed.Count(c => c));
        Assert.True((await store.GetAsync(session))!.Value.Consumed);

        Assert.Null(await store.GetAsync(NewId()));
        Assert.Equal(0, await store.IncrementAttemptsAsync(NewId()));
        Assert.False(await store.TryConsumeAsync(NewId()));
    }

    [Fact]
    public async Task Send_slots_slide_with_the_window()
    {
        IOtpStore store = Otps();
        string rateKey = NewId();
        DateTimeOffset now = Time.GetUtcNow();
        var window = TimeSpan.FromMinutes(10);
        bool[] taken = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.TryAcquireSendSlotAsync(rateKey, now, window, 3))));
        Assert.Equal(3, taken.Count(t => t));
        Assert.False(await store.TryAcquireSendSlotAsync(rateKey, now.AddMinutes(9), window, 3));
        Assert.True(await store.TryAcquireSendSlotAsync(rateKey, now.AddMinutes(10).AddSeconds(1), window, 3));
        Assert.True(await store.TryAcquireSendSlotAsync(NewId(), now, window, 3));
    }

    [Fact]
    public async Task A_photo_session_is_consumed_once_and_a_frame_binds_to_one_session()
    {
        IRealTimePhotoSessionStore store = PhotoSessions();
        RealTimePhotoSessionRecord record = PhotoSession(NewId());
        await store.AddAsync(record);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAsync(record));

        (RealTimePhotoSessionRecord Record, bool Consumed) got = (await store.GetAsync(record.SessionId))!.Value;
        Assert.False(got.Consumed);
        Assert.Equal(record.Nonce, got.Record.Nonce);
        Assert.Equal(record.Commands, got.Record.Commands);
        Assert.Equal(record.Amount, got.Record.Amount);

        bool[] consumed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => store.TryConsumeAsync(record.SessionId))));
        Assert.Equal(1, consumed.Count(c => c));
        Assert.True((await store.GetAsync(record.SessionId))!.Value.Consumed);
        Assert.Null(await store.GetAsync(NewId()));

        string frame = NewId();
        Assert.True(await store.TryBindFrameAsync(frame, record.SessionId));
        Assert.True(await store.TryBindFrameAsync(frame, record.SessionId));
        Assert.False(await store.TryBindFrameAsync(frame, NewId()));
    }

    [Fact]
    public async Task Liveness_results_are_deduplicated_ordered_and_final_results_are_sticky()
    {
        ILivenessResultStore store = LivenessResults();
        string provider = NewId();
        Assert.Equal(new LivenessResultLookup(null, false), await store.GetAsync(provider));

        Assert.Equal(LivenessWebhookOutcome.Accepted, await store.ApplyAsync("e2", Result(provider, LivenessDecision.Retry, 2)));
        Assert.Equal(LivenessWebhookOutcome.Duplicate, await store.ApplyAsync("e2", Result(provider, LivenessDecision.Retry, 2)));
        Assert.Equal(LivenessWebhookOutcome.Stale, await store.ApplyAsync("e1", Result(provider, LivenessDecision.Pending, 1)));
        Assert.Equal(LivenessDecision.Retry, (await store.GetAsync(provider)).Result!.Decision);

        Assert.Equal(LivenessWebhookOutcome.Accepted, await store.ApplyAsync("e3", Result(provider, LivenessDecision.Approved, 3)));
        Assert.Equal(LivenessWebhookOutcome.Stale, await store.ApplyAsync("e4", Result(provider, LivenessDecision.Retry, 4)));
        LivenessResultLookup approved = await store.GetAsync(provider);
        Assert.Equal(LivenessDecision.Approved, approved.Result!.Decision);
        Assert.Equal(0.97, approved.Result.LivenessScore);
        Assert.Equal("frame-1", approved.Result.FrameId);
        Assert.False(approved.Conflicted);

        Assert.Equal(LivenessWebhookOutcome.Conflict, await store.ApplyAsync("e5", Result(provider, LivenessDecision.RejectedFinal, 5)));
        Assert.True((await store.GetAsync(provider)).Conflicted);
    }

    [Fact]
    public async Task Concurrent_webhook_deliveries_of_one_event_apply_once()
    {
        ILivenessResultStore store = LivenessResults();
        string provider = NewId();
        LivenessWebhookOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.ApplyAsync("same", Result(provider, LivenessDecision.Approved, 1)))));
        Assert.Equal(1, outcomes.Count(o => o == LivenessWebhookOutcome.Accepted));
        Assert.Equal(19, outcomes.Count(o => o == LivenessWebhookOutcome.Duplicate));
    }

    [Fact]
    public async Task Biometric_failures_are_counted_atomically_within_the_window_and_reset()
    {
        IBiometricAttemptStore store = BiometricAttempts();
        string subject = NewId();
        var window = TimeSpan.FromHours(1);
        Assert.Equal(0, await store.GetFailedAttemptsAsync(subject));
        int[] counts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => store.RecordFailureAsync(subject, window))));
        Assert.Equal(Enumerable.Range(1, 10), counts.Order());
        Assert.Equal(10, await store.GetFailedAttemptsAsync(subject));

        Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(11, await store.RecordFailureAsync(subject, window));
        Time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, await store.GetFailedAttemptsAsync(subject));

        await store.ResetAsync(subject);
        Assert.Equal(0, await store.GetFailedAttemptsAsync(subject));
    }

    [Fact]
    public async Task Biometric_attempts_are_reserved_before_the_call_up_to_the_cap_and_released_or_settled()
    {
        IBiometricAttemptStore store = BiometricAttempts();
        string subject = NewId();
        var window = TimeSpan.FromHours(1);
        int?[] reserved = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => store.TryReserveAttemptAsync(subject, "r" + i, 3, window))));
        Assert.Equal([1, 2, 3], reserved.Where(r => r is not null).Select(r => r!.Value).Order());
        Assert.Equal(17, reserved.Count(r => r is null));
        Assert.Equal(3, await store.GetFailedAttemptsAsync(subject)); // a reservation whose answer is lost stays counted

        string[] holders = [.. Enumerable.Range(0, 20).Where(i => reserved[i] is not null).Select(i => "r" + i)];
        await store.ReleaseAttemptAsync(subject, holders[0]);
        Assert.Equal(2, await store.GetFailedAttemptsAsync(subject));
        Assert.Equal(2, await store.ConfirmFailureAsync(subject, holders[1], window));
        Assert.Equal(3, await store.TryReserveAttemptAsync(subject, "again", 3, window));
        Assert.False(await store.ConfirmSuccessAsync(subject, "again", 2)); // the others reached a cap of 2
        Assert.True(await store.ConfirmSuccessAsync(subject, holders[2], 3));
        Assert.Equal(0, await store.GetFailedAttemptsAsync(subject));

        Assert.Equal(1, await store.TryReserveAttemptAsync(subject, "late", 3, window));
        Time.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(0, await store.GetFailedAttemptsAsync(subject));
    }

    [Fact]
    public async Task A_kcmr_session_keeps_its_first_final_state_and_is_consumed_once()
    {
        IKcmrSessionStore store = KcmrSessions();
        string id = NewId();
        DateTimeOffset now = Time.GetUtcNow();
        var record = new KcmrSessionRecord(id, "req-1", "subject-token", IdentificationOperation.AgreementSigning, now, now.AddMinutes(10), CeidSessionState.Created, null, Consumed: false);
        await store.AddAsync(record);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAsync(record));
        Assert.Equal(CeidSessionState.Created, (await store.GetAsync(id))!.State);

        Assert.Equal(KcmrSessionUpdateStatus.Applied, await store.UpdateAsync(id, CeidSessionState.InProgress, null));
        Assert.Equal(KcmrSessionUpdateStatus.Applied, await store.UpdateAsync(id, CeidSessionState.Completed, Match("req-1")));
        Assert.Equal(KcmrSessionUpdateStatus.AlreadyFinal, await store.UpdateAsync(id, CeidSessionState.Failed, null));
        Assert.Equal(KcmrSessionUpdateStatus.Unknown, await store.UpdateAsync(NewId(), CeidSessionState.Completed, null));

        KcmrSessionRecord got = (await store.GetAsync(id))!;
        Assert.Equal(CeidSessionState.Completed, got.State);
        Assert.Equal("match-1", got.Result!.MatchId);
        Assert.Equal(0.91, got.Result.Similarity);
        Assert.Equal("subject-token", got.SubjectKey);
        Assert.False(got.Consumed);

        bool[] consumed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => store.TryConsumeAsync(id))));
        Assert.Equal(1, consumed.Count(c => c));
        Assert.True((await store.GetAsync(id))!.Consumed);
        Assert.Null(await store.GetAsync(NewId()));

        string eventId = NewId();
        Assert.True(await store.TryRecordEventAsync(eventId, now.AddMinutes(5)));
        Assert.False(await store.TryRecordEventAsync(eventId, now.AddMinutes(5)));
    }

    [Fact]
    public async Task A_phone_consent_round_trips_counts_attempts_and_is_removed()
    {
        IPhoneConsentStore store = PhoneConsents();
        var record = new PhoneConsentRecord(Iin.Parse("880912300763"), KzPhoneNumber.Parse("+77011234567"), "token-1", Time.GetUtcNow().AddMinutes(5), "msg-1");
        string handle = await store.AddAsync(record);
        Assert.NotEqual(handle, await store.AddAsync(record));

        PhoneConsentRecord got = (await store.GetAsync(handle))!;
        Assert.Equal(record.Iin, got.Iin);
        Assert.Equal(record.PhoneNumber, got.PhoneNumber);
        Assert.Equal("token-1", got.RequestToken);
        Assert.Equal("msg-1", got.RequestMessageId);

        int[] counts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(() => store.IncrementAttemptsAsync(handle))));
        Assert.Equal(Enumerable.Range(1, 5), counts.Order());
        Assert.Equal(0, await store.IncrementAttemptsAsync("pc_unknown"));

        await store.RemoveAsync(handle);
        Assert.Null(await store.GetAsync(handle));
        Assert.Equal(0, await store.IncrementAttemptsAsync(handle));
    }

    [Fact]
    public async Task An_expired_consent_is_gone()
    {
        IPhoneConsentStore store = PhoneConsents();
        var record = new PhoneConsentRecord(Iin.Parse("880912300763"), KzPhoneNumber.Parse("+77011234567"), null, Time.GetUtcNow().AddMinutes(5), "msg-2");
        string handle = await store.AddAsync(record);
        Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Null(await store.GetAsync(handle));
    }

    [Fact]
    public async Task A_signing_session_round_trips_is_claimed_once_and_closed_once()
    {
        IEGovMobileSessionStore store = EGovMobileSessions();
        EGovMobileSession session = SigningSession(NewId());
        await store.AddAsync(session);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AddAsync(session));

        EGovMobileSession read = (await store.GetAsync(session.Id))!;
        Assert.Equal(session.IinDigits, read.IinDigits);
        Assert.Equal(session.ChallengeId, read.ChallengeId);
        Assert.Equal(session.ChallengeNonce, read.ChallengeNonce);
        Assert.Equal(IdentificationOperation.AgreementSigning, read.Operation);
        Assert.Equal(EGovMobileSignMethod.CmsWithData, read.SignMethod);
        Assert.Equal(session.ExpiresAt.ToUnixTimeMilliseconds(), read.ExpiresAt.ToUnixTimeMilliseconds());
        Assert.Equal(EGovMobileSessionState.Pending, read.State);
        Assert.Null(read.TokenDigest);

        byte[] digest = [7, 7, 7, 7];
        Assert.True(await store.TryClaimAsync(session.Id, digest));
        Assert.False(await store.TryClaimAsync(session.Id, [8, 8]));
        Assert.Equal(digest, (await store.GetAsync(session.Id))!.TokenDigest);

        Assert.True(await store.TryCompleteAsync(session.Id, EGovMobileSessionState.Accepted, ["nca-eds.verified"], [1, 2, 3]));
        Assert.False(await store.TryCompleteAsync(session.Id, EGovMobileSessionState.Rejected, ["nca-eds.iin-mismatch"], null));
        EGovMobileSession closed = (await store.GetAsync(session.Id))!;
        Assert.Equal(EGovMobileSessionState.Accepted, closed.State);
        Assert.Equal(["nca-eds.verified"], closed.Reasons);
        Assert.Equal([1, 2, 3], closed.Signature);
        Assert.Equal(digest, closed.TokenDigest);

        string unknown = NewId();
        Assert.Null(await store.GetAsync(unknown));
        Assert.False(await store.TryClaimAsync(unknown, digest));
        Assert.False(await store.TryCompleteAsync(unknown, EGovMobileSessionState.Accepted, [], null));
    }

    [Fact]
    public async Task A_closed_signing_session_cannot_be_claimed_and_a_rejection_keeps_no_signature()
    {
        IEGovMobileSessionStore store = EGovMobileSessions();
        EGovMobileSession session = SigningSession(NewId());
        await store.AddAsync(session);
        Assert.True(await store.TryCompleteAsync(session.Id, EGovMobileSessionState.Rejected, ["nca-eds.iin-mismatch"], null));
        Assert.False(await store.TryClaimAsync(session.Id, [1]));
        EGovMobileSession closed = (await store.GetAsync(session.Id))!;
        Assert.Equal(EGovMobileSessionState.Rejected, closed.State);
        Assert.Equal(["nca-eds.iin-mismatch"], closed.Reasons);
        Assert.Null(closed.Signature);
        Assert.Null(closed.TokenDigest);
    }

    [Fact]
    public async Task A_signing_session_keeps_its_documents_and_auth_type()
    {
        IEGovMobileSessionStore store = EGovMobileSessions();
        EGovMobileDocument agreement = EGovMobileDocument.Xml("<loan amount=\"150000\"/>", "Договор", "Шарт", "Agreement");
        EGovMobileDocument schedule = EGovMobileDocument.Cms([1, 2, 3], "application/pdf", EGovMobileSignMethod.CmsSignOnly, "График", "Кесте", "Schedule");
        EGovMobileSession session = SigningSession(NewId()) with { AuthType = EGovMobileAuthType.Eds, Documents = [agreement, schedule] };
        await store.AddAsync(session);

        EGovMobileSession read = (await store.GetAsync(session.Id))!;

        Assert.Equal(EGovMobileAuthType.Eds, read.AuthType);
        Assert.Equal(2, read.Documents.Count);
        Assert.Equal((agreement.NameRu, agreement.NameKz, agreement.NameEn, agreement.SignMethod, agreement.Mime), (read.Documents[0].NameRu, read.Documents[0].NameKz, read.Documents[0].NameEn, read.Documents[0].SignMethod, read.Documents[0].Mime));
        Assert.Equal(agreement.Content, read.Documents[0].Content);
        Assert.Equal((EGovMobileSignMethod.CmsSignOnly, "application/pdf"), (read.Documents[1].SignMethod, read.Documents[1].Mime));
        Assert.Equal(schedule.Content, read.Documents[1].Content);
    }

    [Fact]
    public async Task A_signing_session_stays_readable_ten_minutes_past_expiry_then_is_gone()
    {
        IEGovMobileSessionStore store = EGovMobileSessions();
        EGovMobileSession session = SigningSession(NewId());
        await store.AddAsync(session);
        Time.Advance(TimeSpan.FromMinutes(5 + 9));
        Assert.Equal(EGovMobileSessionState.Pending, (await store.GetAsync(session.Id))!.State);
        Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await store.GetAsync(session.Id));
    }

    [Fact]
    public async Task Of_fifty_concurrent_answers_on_two_instances_exactly_one_closes_the_session()
    {
        (IEGovMobileSessionStore first, IEGovMobileSessionStore second) = EGovMobileSessionsOnTwoInstances();
        EGovMobileSession session = SigningSession(NewId());
        await first.AddAsync(session);
        bool[] closed = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).TryCompleteAsync(
                session.Id,
                i % 3 == 0 ? EGovMobileSessionState.Rejected : EGovMobileSessionState.Accepted,
                ["answer-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                i % 3 == 0 ? null : [(byte)i]))));
        Assert.Equal(1, closed.Count(c => c));
        int winner = Array.IndexOf(closed, true);
        EGovMobileSession seen = (await second.GetAsync(session.Id))!;
        Assert.Equal(winner % 3 == 0 ? EGovMobileSessionState.Rejected : EGovMobileSessionState.Accepted, seen.State);
        Assert.Equal(["answer-" + winner.ToString(System.Globalization.CultureInfo.InvariantCulture)], seen.Reasons);
        Assert.Equal(seen.State, (await first.GetAsync(session.Id))!.State);
    }

    [Fact]
    public async Task Of_fifty_concurrent_phones_on_two_instances_exactly_one_claims_the_token()
    {
        (IEGovMobileSessionStore first, IEGovMobileSessionStore second) = EGovMobileSessionsOnTwoInstances();
        EGovMobileSession session = SigningSession(NewId());
        await second.AddAsync(session);
        bool[] claimed = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).TryClaimAsync(session.Id, [(byte)i]))));
        Assert.Equal(1, claimed.Count(c => c));
        Assert.Equal([(byte)Array.IndexOf(claimed, true)], (await first.GetAsync(session.Id))!.TokenDigest!);
    }

    private protected EGovMobileSession SigningSession(string id) => new()
    {
        Id = id,
        IinDigits = "880912300763",
        Operation = IdentificationOperation.AgreementSigning,
        ChallengeId = "ch-" + id,
        ChallengeNonce = "nonce-" + id,
        ChallengeIssuedAt = Time.GetUtcNow(),
        ChallengeExpiresAt = Time.GetUtcNow().AddMinutes(5),
        SignMethod = EGovMobileSignMethod.CmsWithData,
        CreatedAt = Time.GetUtcNow(),
        ExpiresAt = Time.GetUtcNow().AddMinutes(5),
    };

    private protected RealTimePhotoSessionRecord PhotoSession(string id) => new()
    {
        SessionId = id,
        Nonce = "nonce-" + id,
        IinKey = "iin-hmac",
        PhoneKey = "phone-hmac",
        Operation = IdentificationOperation.AgreementSigning,
        CorrelationId = "loan-1",
        Amount = 75_000m,
        Commands = [LivenessCommand.Blink, LivenessCommand.Smile],
        Provider = "reference-http",
        ProviderSessionId = "ls-" + id,
        ReferenceSource = FaceReferenceSource.CallerSupplied,
        CreatedAt = Time.GetUtcNow(),
        ExpiresAt = Time.GetUtcNow().AddMinutes(10),
    };

    private static LivenessResult Result(string provider, LivenessDecision decision, long sequence) => new()
    {
        ProviderSessionId = provider,
        ExternalReference = "ref",
        Nonce = "n",
        Decision = decision,
        Sequence = sequence,
        LivenessScore = 0.97,
        FrameId = "frame-1",
        CommandsPerformed = [LivenessCommand.Blink],
    };

    private static CeidMatchResult Match(string requestId) => new()
    {
        RequestId = requestId,
        MatchId = "match-1",
        ProviderId = "p",
        Decision = CeidMatchDecision.Match,
        Similarity = 0.91,
        LivenessPassed = true,
        ReferenceSource = "gbdfl",
        SubjectIin = "880912300763",
    };
}

/// <summary>The contract against the in-memory stores.</summary>
public sealed class InMemoryStateStoreContractTests : StateStoreContractTests
{
    private protected override IChallengeStore Challenges() => new InMemoryChallengeStore(Time);

    private protected override IOtpStore Otps() => new InMemoryOtpStore(Time);

    private protected override IRealTimePhotoSessionStore PhotoSessions() => new InMemoryRealTimePhotoSessionStore(Time);

    private protected override ILivenessResultStore LivenessResults() => new LivenessResultCache(Time);

    private protected override IBiometricAttemptStore BiometricAttempts() => new InMemoryBiometricAttemptStore(Time);

    private protected override IKcmrSessionStore KcmrSessions() => new InMemoryKcmrSessionStore(Time);

    private protected override IPhoneConsentStore PhoneConsents() => new InMemoryPhoneConsentStore(Time);

    private protected override IEGovMobileSessionStore EGovMobileSessions() => new InMemoryEGovMobileSessionStore(Time);

    private protected override (IEGovMobileSessionStore First, IEGovMobileSessionStore Second) EGovMobileSessionsOnTwoInstances()
    {
        IEGovMobileSessionStore store = EGovMobileSessions();
        return (store, store);
    }
}

/// <summary>The contract against the Redis stores on a real redis-server.</summary>
[Collection(RedisServerGroup.Name)]
public sealed class RedisStateStoreContractTests(RedisFixture fixture) : StateStoreContractTests, IAsyncLifetime
{
    private readonly string _prefix = "contract-" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly List<ServiceProvider> _instances = [];
    private RedisStateConnection _redis = null!;

    public Task InitializeAsync()
    {
        _redis = TestSecrets.Connection(fixture.Server.ConnectionString, _prefix);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (ServiceProvider instance in _instances)
        {
            await instance.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }

    private protected override IChallengeStore Challenges() => new RedisChallengeStore(_redis, Time);

    private protected override IOtpStore Otps() => new RedisOtpStore(_redis, Time);

    private protected override IRealTimePhotoSessionStore PhotoSessions() => new RedisRealTimePhotoSessionStore(_redis, Time);

    private protected override ILivenessResultStore LivenessResults() => new RedisLivenessResultStore(_redis);

    private protected override IBiometricAttemptStore BiometricAttempts() => new RedisBiometricAttemptStore(_redis, Time);

    private protected override IKcmrSessionStore KcmrSessions() => new RedisKcmrSessionStore(_redis, Time);

    private protected override IPhoneConsentStore PhoneConsents() => new RedisPhoneConsentStore(_redis, Time);

    private protected override IEGovMobileSessionStore EGovMobileSessions() => new RedisEGovMobileSessionStore(_redis, Time);

    /// <summary>Two service providers (as two processes would have) over one Redis; eGov signing added before and after Redis.</summary>
    private protected override (IEGovMobileSessionStore First, IEGovMobileSessionStore Second) EGovMobileSessionsOnTwoInstances() =>
        (Instance(redisFirst: true), Instance(redisFirst: false));

    private IEGovMobileSessionStore Instance(bool redisFirst)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        BorrowerIdentificationBuilder builder = services.AddBorrowerIdentification();
        if (redisFirst)
        {
            builder.AddRedisState(fixture.Server.ConnectionString, o => TestSecrets.Apply(o, _prefix));
        }

        builder.AddEGovMobileSigning(o => o.PublicBaseUrl = new Uri("https://lender.example/"));
        if (!redisFirst)
        {
            builder.AddRedisState(fixture.Server.ConnectionString, o => TestSecrets.Apply(o, _prefix));
        }

        ServiceProvider provider = services.BuildServiceProvider();
        _instances.Add(provider);
        return Assert.IsType<RedisEGovMobileSessionStore>(provider.GetRequiredService<IEGovMobileSessionStore>());
    }
}
