using Xunit;
using Kz.MicroCredit.Identity.FraudClaims;
using Kz.MicroCredit.Identity.Testing.FraudClaims;

namespace Kz.MicroCredit.Identity.Tests.FraudClaims;

public sealed class FraudClaimIdempotencyAndPortTests
{
    // (command, the state it is applied in, the port operations it must call exactly once each).
    public static TheoryData<FraudClaimCommand, FraudClaimState, string[]> Steps() => new()
    {
        { FraudClaimCommand.Register, FraudClaimState.Registered, [] },
        { FraudClaimCommand.Freeze, FraudClaimState.Registered, ["SuspendInterestAccrual", "StopCollection", "BlockAccess"] },
        { FraudClaimCommand.Refer, FraudClaimState.Frozen, ["FindByCorrelationId", "Notify"] },
        { FraudClaimCommand.Confirm, FraudClaimState.Referred, [] },
        { FraudClaimCommand.RecordNotConfirmed, FraudClaimState.Referred, ["ResumeInterestAccrual", "ResumeCollection"] },
        { FraudClaimCommand.WriteOff, FraudClaimState.Confirmed, ["WriteOff", "RequestCorrection"] },
        { FraudClaimCommand.ConfirmCreditHistoryCorrection, FraudClaimState.WrittenOff, [] },
    };

    private static async Task<(FraudClaimTestKit Kit, FraudClaimRegistration Registration)> ArrangeAsync(FraudClaimCommand command, FraudClaimState state)
    {
        var kit = new FraudClaimTestKit(new FraudClaimOptions { CreditBureaus = CreditBureaus.StateCreditBureau });
        FraudClaimRegistration registration = FraudClaimTestKit.Registration();
        if (command != FraudClaimCommand.Register)
        {
            await kit.DriveToAsync(state, registration);
        }

        kit.Ports.Recorder.Clear();
        return (kit, registration);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Each_step_calls_each_of_its_ports_exactly_once_with_the_step_key(FraudClaimCommand command, FraudClaimState state, string[] operations)
    {
        (FraudClaimTestKit kit, FraudClaimRegistration registration) = await ArrangeAsync(command, state);
        FraudClaimStepResult result = await kit.ExecuteAsync(command, registration, FraudClaimTestKit.Step(command, "-once"), CreditBureaus.StateCreditBureau);

        IReadOnlyList<FraudClaimPortCall> calls = kit.Ports.Recorder.Calls;
        Assert.Equal(operations.Order(StringComparer.Ordinal), calls.Select(c => c.Operation).Order(StringComparer.Ordinal));
        Assert.All(calls.Where(c => c.Port != "evidence-lookup"), c =>
        {
            Assert.Equal(registration.ClaimId, c.Key);
            Assert.Equal(result.Event.IdempotencyKey, c.IdempotencyKey);
        });
        if (command == FraudClaimCommand.WriteOff)
        {
            Assert.Equal(CreditBureaus.StateCreditBureau, Assert.Single(calls, c => c.Port == "credit-bureau").Bureau);
        }
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Replaying_a_step_returns_the_recorded_result_and_calls_nothing(FraudClaimCommand command, FraudClaimState state, string[] operations)
    {
        _ = operations;
        (FraudClaimTestKit kit, FraudClaimRegistration registration) = await ArrangeAsync(command, state);
        FraudClaimStep step = FraudClaimTestKit.Step(command, "-replay");
        FraudClaimStepResult first = await kit.ExecuteAsync(command, registration, step, CreditBureaus.StateCreditBureau);
        int calls = kit.Ports.Recorder.Calls.Count;
        long version = first.Claim.Version;

        kit.Time.Advance(TimeSpan.FromDays(2));
        FraudClaimStepResult again = await kit.ExecuteAsync(command, registration, step, CreditBureaus.StateCreditBureau);

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.State, again.State);
        Assert.Equal(first.Event.Sequence, again.Event.Sequence);
        Assert.Equal(first.Event.OccurredAt, again.Event.OccurredAt);
        Assert.Equal(first.Event.ToJson(), again.Event.ToJson());
        Assert.Equal(calls, kit.Ports.Recorder.Calls.Count);
        Assert.Equal(version, (await kit.Workflow.GetAsync(registration.ClaimId)).Version);

        // The same step with an explicit key and another document is a conflict, not a silent replay.
        FraudClaimStep clash = new("officer-99", new DocumentReference("other", "X-1"), first.Event.IdempotencyKey);
        FraudClaimIdempotencyConflictException conflict = await Assert.ThrowsAsync<FraudClaimIdempotencyConflictException>(
            () => kit.ExecuteAsync(command, registration, clash, CreditBureaus.StateCreditBureau));
        Assert.Equal(command, conflict.Recorded);
        Assert.Equal(calls, kit.Ports.Recorder.Calls.Count);
    }

    [Fact]
    public async Task A_replay_after_the_claim_moved_on_still_returns_the_original_result()
    {
        var kit = new FraudClaimTestKit();
        FraudClaimRegistration registration = FraudClaimTestKit.Registration();
        await kit.DriveToAsync(FraudClaimState.Frozen, registration);
        FraudClaimStep freeze = FraudClaimTestKit.Step(FraudClaimCommand.Freeze);
        await kit.Workflow.ReferToLawEnforcementAsync("C-1", FraudClaimTestKit.Step(FraudClaimCommand.Refer));
        int calls = kit.Ports.Recorder.Calls.Count;

        FraudClaimStepResult replay = await kit.Workflow.FreezeAsync("C-1", freeze);

        Assert.True(replay.Replayed);
        Assert.Equal(FraudClaimState.Frozen, replay.State);
        Assert.Equal(FraudClaimState.Referred, replay.Claim.State);
        Assert.Equal(calls, kit.Ports.Recorder.Calls.Count);
    }

    [Fact]
    public async Task Reusing_a_key_for_another_command_is_a_conflict()
    {
        var kit = new FraudClaimTestKit();
        await kit.Workflow.RegisterAsync(FraudClaimTestKit.Registration(), new FraudClaimStep("a", new DocumentReference("complaint", "1"), "k-1"));
        await Assert.ThrowsAsync<FraudClaimIdempotencyConflictException>(
            () => kit.Workflow.FreezeAsync("C-1", new FraudClaimStep("a", new DocumentReference("complaint", "1"), "k-1")));
        Assert.Empty(kit.Ports.Recorder.Calls);
    }

    [Fact]
    public async Task A_failing_port_records_nothing_and_the_retry_completes_the_step()
    {
        var kit = new FraudClaimTestKit();
        await kit.DriveToAsync(FraudClaimState.Registered);
        kit.Ports.Recorder.FailOn = op => op == "StopCollection" ? new IOException("servicing down") : null;

        await Assert.ThrowsAsync<IOException>(() => kit.Workflow.FreezeAsync("C-1", FraudClaimTestKit.Step(FraudClaimCommand.Freeze)));
        FraudClaim unchanged = await kit.Workflow.GetAsync("C-1");
        Assert.Equal(FraudClaimState.Registered, unchanged.State);
        Assert.Equal(1, unchanged.Version);

        kit.Ports.Recorder.FailOn = null;
        FraudClaimStepResult retried = await kit.Workflow.FreezeAsync("C-1", FraudClaimTestKit.Step(FraudClaimCommand.Freeze));
        Assert.False(retried.Replayed);
        Assert.Equal(FraudClaimState.Frozen, retried.State);
        Assert.Equal(1, kit.Ports.Recorder.Count("StopCollection"));
        Assert.Equal(2, kit.Ports.Recorder.Count("SuspendInterestAccrual")); // the retry repeats it under the same key
        Assert.Single(kit.Ports.Recorder.Calls.Where(c => c.Operation == "SuspendInterestAccrual").Select(c => c.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task A_concurrent_writer_of_the_same_step_turns_the_loser_into_a_replay()
    {
        var inner = new InMemoryFraudClaimStore();
        var racing = new RacingStore(inner);
        var kit = new FraudClaimTestKit(store: racing);
        await kit.DriveToAsync(FraudClaimState.Confirmed);
        FraudClaimStep step = FraudClaimTestKit.Step(FraudClaimCommand.WriteOff);

        // Another instance records the same write-off between our read and our append.
        racing.BeforeNextAppend = async () =>
        {
            var other = new FraudClaimTestKit(store: inner);
            await other.Workflow.WriteOffAsync("C-1", step);
        };
        FraudClaimStepResult result = await kit.Workflow.WriteOffAsync("C-1", step);

        Assert.True(result.Replayed);
        Assert.Equal(FraudClaimState.WrittenOff, result.State);
        Assert.Equal(5, (await inner.ReadAsync("C-1")).Count);

        // A different step racing in is a concurrency error.
        racing.BeforeNextAppend = async () =>
        {
            var other = new FraudClaimTestKit(store: inner);
            await other.Workflow.ConfirmCreditHistoryCorrectionAsync("C-1", CreditBureaus.StateCreditBureau, FraudClaimTestKit.Step(FraudClaimCommand.ConfirmCreditHistoryCorrection, "other"));
        };
        await Assert.ThrowsAsync<FraudClaimConcurrencyException>(
            () => kit.Workflow.ConfirmCreditHistoryCorrectionAsync("C-1", CreditBureaus.FirstCreditBureau, FraudClaimTestKit.Step(FraudClaimCommand.ConfirmCreditHistoryCorrection, "mine")));
    }

    private sealed class RacingStore(IFraudClaimStore inner) : IFraudClaimStore
    {
        public Func<Task>? BeforeNextAppend { get; set; }

        public Task<IReadOnlyList<FraudClaimEvent>> ReadAsync(string claimId, CancellationToken cancellationToken = default) => inner.ReadAsync(claimId, cancellationToken);

        public async Task AppendAsync(string claimId, long expectedVersion, FraudClaimEvent claimEvent, CancellationToken cancellationToken = default)
        {
            if (BeforeNextAppend is { } race)
            {
                BeforeNextAppend = null;
                await race();
            }

            await inner.AppendAsync(claimId, expectedVersion, claimEvent, cancellationToken);
        }

        public Task<IReadOnlyList<string>> ListClaimIdsAsync(CancellationToken cancellationToken = default) => inner.ListClaimIdsAsync(cancellationToken);
    }
}
