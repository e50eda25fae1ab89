using Kz.MicroCredit.Identity.RealTimePhoto;
using Xunit;

namespace Kz.MicroCredit.Identity.Redis.Tests;

/// <summary>
/// Redis going away in the middle of a flow, on a server of its own (these tests stop it): the outcome is
/// Indeterminate with a reason code, never Verified; once Redis is back the flow can be retried and nothing was
/// counted twice.
/// </summary>
public sealed class RedisDownTests : IClassFixture<FarmSimulators>, IAsyncLifetime
{
    private static readonly Iin Borrower = Iin.Parse("880912300763");
    private readonly FarmSimulators _sims;
    private RedisServer _server = null!;
    private FarmInstance _a = null!;
    private FarmInstance _b = null!;

    public RedisDownTests(FarmSimulators sims) => _sims = sims;

    public async Task InitializeAsync()
    {
        _server = await RedisServer.StartAsync();
        _a = FarmInstance.Start(_sims, _server.ConnectionString, "down:", TimeSpan.FromSeconds(2));
        _b = FarmInstance.Start(_sims, _server.ConnectionString, "down:", TimeSpan.FromSeconds(2));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Redis_frozen_mid_flow_gives_Indeterminate_and_after_it_resumes_the_retry_verifies_with_one_attempt_counted()
    {
        (RealTimePhotoSession session, string code) = await WebFarmTests.StartPhotoAsync(_a, Borrower);
        _server.Freeze();
        MethodOutcome during;
        try
        {
            during = await _b.Get<RealTimePhotoMethod>().EvaluateAsync(WebFarmTests.PhotoRequest(Borrower, session.SessionId, code));
        }
        finally
        {
            _server.Thaw();
        }

        Assert.Equal(IdentificationStatus.Indeterminate, during.Status);
        Assert.Equal([ReasonCode.StateStoreUnavailable], during.Reasons);

        MethodOutcome retry = await RetryUntilAnsweredAsync(() => _b.Get<RealTimePhotoMethod>().EvaluateAsync(WebFarmTests.PhotoRequest(Borrower, session.SessionId, code)));
        Assert.Equal(IdentificationStatus.Verified, retry.Status);
        OtpState state = (await _a.Get<IOtpStore>().GetAsync(session.SessionId))!.Value;
        Assert.Equal(1, state.Attempts); // the attempt during the outage was not counted, the retry once
        Assert.True(state.Consumed);
    }

    [Fact]
    public async Task Redis_stopped_mid_flow_gives_Indeterminate_everywhere_and_after_a_restart_a_new_flow_verifies()
    {
        (RealTimePhotoSession session, string code) = await WebFarmTests.StartPhotoAsync(_a, Borrower);
        BorrowerChallenge challenge = await _a.Get<IBorrowerChallengeService>().IssueAsync(Borrower, IdentificationOperation.Payout);
        await _server.StopAsync();

        MethodOutcome photo = await _b.Get<RealTimePhotoMethod>().EvaluateAsync(WebFarmTests.PhotoRequest(Borrower, session.SessionId, code));
        Assert.Equal(IdentificationStatus.Indeterminate, photo.Status);
        Assert.Equal([ReasonCode.StateStoreUnavailable], photo.Reasons);
        await Assert.ThrowsAsync<StateStoreUnavailableException>(() => _b.Get<IBorrowerChallengeService>().RedeemAsync(new ChallengeReference(challenge.Id, challenge.Nonce), Borrower, IdentificationOperation.Payout));
        await Assert.ThrowsAsync<StateStoreUnavailableException>(() => _a.Get<IRealTimePhotoSessionService>()
            .StartAsync(new RealTimePhotoStartRequest(Borrower, KzPhoneNumber.Parse("+77011234567"), IdentificationOperation.AgreementSigning, "loan-farm") { Amount = 75_000m }));

        await _server.RestartAsync();

        // Persistence is off, so the restarted server is empty: the old session is unknown (never Verified), a new flow works.
        MethodOutcome old = await RetryUntilAnsweredAsync(() => _b.Get<RealTimePhotoMethod>().EvaluateAsync(WebFarmTests.PhotoRequest(Borrower, session.SessionId, code)));
        Assert.Equal(IdentificationStatus.Rejected, old.Status);
        (RealTimePhotoSession again, string againCode) = await WebFarmTests.StartPhotoAsync(_a, Borrower);
        MethodOutcome verified = await _b.Get<RealTimePhotoMethod>().EvaluateAsync(WebFarmTests.PhotoRequest(Borrower, again.SessionId, againCode));
        Assert.Equal(IdentificationStatus.Verified, verified.Status);
        Assert.Equal(1, (await _a.Get<IOtpStore>().GetAsync(again.SessionId))!.Value.Attempts);
    }

    /// <summary>Retries while the connection re-establishes (bounded: a hang fails the test).</summary>
    private static async Task<MethodOutcome> RetryUntilAnsweredAsync(Func<Task<MethodOutcome>> evaluate)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            MethodOutcome outcome = await evaluate();
            if (!outcome.Reasons.Contains(ReasonCode.StateStoreUnavailable) || DateTime.UtcNow > deadline)
            {
                return outcome;
            }

            await Task.Delay(250);
        }
    }
}
