using Xunit;
using Kz.MicroCredit.Identity.FraudClaims;
using Kz.MicroCredit.Identity.Testing.FraudClaims;

namespace Kz.MicroCredit.Identity.Tests.FraudClaims;

public sealed class FraudClaimTransitionTests
{
    // The workflow of the memorandum, written out independently of FraudClaimTransitions (one bureau configured, so a
    // single confirmation completes the correction).
    private static readonly Dictionary<(FraudClaimState, FraudClaimCommand), FraudClaimState> Legal = new()
    {
        [(FraudClaimState.Registered, FraudClaimCommand.Freeze)] = FraudClaimState.Frozen,
        [(FraudClaimState.Frozen, FraudClaimCommand.Refer)] = FraudClaimState.Referred,
        [(FraudClaimState.Referred, FraudClaimCommand.Confirm)] = FraudClaimState.Confirmed,
        [(FraudClaimState.Referred, FraudClaimCommand.RecordNotConfirmed)] = FraudClaimState.NotConfirmed,
        [(FraudClaimState.Confirmed, FraudClaimCommand.WriteOff)] = FraudClaimState.WrittenOff,
        [(FraudClaimState.WrittenOff, FraudClaimCommand.ConfirmCreditHistoryCorrection)] = FraudClaimState.CreditHistoryCorrected,
    };

    public static TheoryData<FraudClaimState, FraudClaimCommand> Matrix()
    {
        var data = new TheoryData<FraudClaimState, FraudClaimCommand>();
        foreach (FraudClaimState state in Enum.GetValues<FraudClaimState>())
        {
            foreach (FraudClaimCommand command in Enum.GetValues<FraudClaimCommand>())
            {
                data.Add(state, command);
            }
        }

        return data;
    }

    [Fact]
    public void The_matrix_covers_seven_states_by_seven_commands()
    {
        Assert.Equal(49, Matrix().Count);
        Assert.Equal(6, Legal.Count);
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Every_state_and_command_pair_is_applied_or_rejected(FraudClaimState state, FraudClaimCommand command)
    {
        var kit = new FraudClaimTestKit(new FraudClaimOptions { CreditBureaus = CreditBureaus.FirstCreditBureau });
        FraudClaimRegistration registration = FraudClaimTestKit.Registration();
        FraudClaimStepResult before = await kit.DriveToAsync(state, registration);
        int callsBefore = kit.Ports.Recorder.Calls.Count;

        Task<FraudClaimStepResult> act = kit.ExecuteAsync(command, registration, FraudClaimTestKit.Step(command, "-matrix"));

        if (Legal.TryGetValue((state, command), out FraudClaimState expected))
        {
            FraudClaimStepResult result = await act;
            Assert.False(result.Replayed);
            Assert.Equal(expected, result.State);
            Assert.Equal(expected, (await kit.Workflow.GetAsync(registration.ClaimId)).State);
            Assert.Equal(before.Claim.Version + 1, result.Claim.Version);
            Assert.Equal(command, result.Event.Command);
            Assert.Equal(kit.Time.GetUtcNow(), result.Event.OccurredAt);
            Assert.Equal("officer-17", result.Event.Actor);
            Assert.Equal("N-" + command + "-matrix", result.Event.Document.Number);
        }
        else
        {
            IllegalFraudClaimTransitionException ex = await Assert.ThrowsAsync<IllegalFraudClaimTransitionException>(() => act);
            Assert.Equal(state, ex.FromState);
            Assert.Equal(command, ex.Command);
            Assert.Contains(state.ToString(), ex.Message, StringComparison.Ordinal);
            Assert.Contains(command.ToString(), ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(FraudClaimTestKit.SandboxIin, ex.Message, StringComparison.Ordinal);
            Assert.Equal(callsBefore, kit.Ports.Recorder.Calls.Count);
            FraudClaim after = await kit.Workflow.GetAsync(registration.ClaimId);
            Assert.Equal(state, after.State);
            Assert.Equal(before.Claim.Version, after.Version);
        }

        Assert.Equal(Legal.ContainsKey((state, command)), FraudClaimTransitions.IsLegal(state, command));
    }

    [Theory]
    [InlineData(FraudClaimCommand.Freeze)]
    [InlineData(FraudClaimCommand.Refer)]
    [InlineData(FraudClaimCommand.Confirm)]
    [InlineData(FraudClaimCommand.WriteOff)]
    [InlineData(FraudClaimCommand.ConfirmCreditHistoryCorrection)]
    [InlineData(FraudClaimCommand.RecordNotConfirmed)]
    public async Task A_step_on_an_unknown_claim_is_not_found(FraudClaimCommand command)
    {
        var kit = new FraudClaimTestKit();
        await Assert.ThrowsAsync<FraudClaimNotFoundException>(() => kit.ExecuteAsync(command, FraudClaimTestKit.Registration("nope"), FraudClaimTestKit.Step(command)));
        Assert.Empty(kit.Ports.Recorder.Calls);
    }

    [Fact]
    public async Task With_both_bureaus_the_claim_is_corrected_only_after_the_second_confirmation()
    {
        var kit = new FraudClaimTestKit();
        Assert.Equal(CreditBureaus.FirstCreditBureau | CreditBureaus.StateCreditBureau, kit.Options.CreditBureaus);
        await kit.DriveToAsync(FraudClaimState.WrittenOff);

        FraudClaimStepResult first = await kit.Workflow.ConfirmCreditHistoryCorrectionAsync("C-1", CreditBureaus.StateCreditBureau, FraudClaimTestKit.Step(FraudClaimCommand.ConfirmCreditHistoryCorrection, "gkb"));
        Assert.Equal(FraudClaimState.WrittenOff, first.State);
        Assert.Equal(CreditBureaus.FirstCreditBureau, first.Claim.CorrectionPending);

        await Assert.ThrowsAsync<ArgumentException>(() => kit.Workflow.ConfirmCreditHistoryCorrectionAsync("C-1", CreditBureaus.StateCreditBureau, FraudClaimTestKit.Step(FraudClaimCommand.ConfirmCreditHistoryCorrection, "gkb-again")));

        FraudClaimStepResult second = await kit.Workflow.ConfirmCreditHistoryCorrectionAsync("C-1", CreditBureaus.FirstCreditBureau, FraudClaimTestKit.Step(FraudClaimCommand.ConfirmCreditHistoryCorrection, "pkb"));
        Assert.Equal(FraudClaimState.CreditHistoryCorrected, second.State);
        Assert.Equal(CreditBureaus.None, second.Claim.CorrectionPending);
    }

    [Fact]
    public async Task A_bureau_that_was_not_asked_cannot_confirm()
    {
        var kit = new FraudClaimTestKit(new FraudClaimOptions { CreditBureaus = CreditBureaus.StateCreditBureau });
        await kit.DriveToAsync(FraudClaimState.WrittenOff);
        await Assert.ThrowsAsync<ArgumentException>(() => kit.Workflow.ConfirmCreditHistoryCorrectionAsync("C-1", CreditBureaus.FirstCreditBureau, FraudClaimTestKit.Step(FraudClaimCommand.ConfirmCreditHistoryCorrection)));
        await Assert.ThrowsAsync<ArgumentException>(() => kit.Workflow.ConfirmCreditHistoryCorrectionAsync("C-1", CreditBureaus.FirstCreditBureau | CreditBureaus.StateCreditBureau, FraudClaimTestKit.Step(FraudClaimCommand.ConfirmCreditHistoryCorrection)));
    }

    [Fact]
    public async Task The_history_is_append_only_and_records_time_actor_document_and_payloads()
    {
        var kit = new FraudClaimTestKit();
        FraudClaimStepResult result = await kit.DriveToAsync(FraudClaimState.CreditHistoryCorrected);
        FraudClaim claim = result.Claim;
        Assert.Equal(
            [FraudClaimCommand.Register, FraudClaimCommand.Freeze, FraudClaimCommand.Refer, FraudClaimCommand.Confirm, FraudClaimCommand.WriteOff, FraudClaimCommand.ConfirmCreditHistoryCorrection, FraudClaimCommand.ConfirmCreditHistoryCorrection],
            claim.History.Select(e => e.Command));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), claim.History.Select(e => e.Sequence));
        Assert.True(claim.History.Zip(claim.History.Skip(1)).All(p => p.First.OccurredAt < p.Second.OccurredAt));
        Assert.Equal(FraudConfirmationKind.VictimRecognition, claim.ConfirmationKind);
        Assert.Equal(CreditBureaus.FirstCreditBureau | CreditBureaus.StateCreditBureau, claim.History[4].Bureaus);
        Assert.Equal(claim.History[5].OccurredAt, claim.History[6].OccurredAt.AddHours(-1));
        Assert.Equal(claim.History[6].OccurredAt, claim.StateEnteredAt);

        // Rebuilding from the stored events gives the same claim; an out-of-order history is refused.
        FraudClaim rebuilt = FraudClaim.FromHistory(await kit.Ports.Store.ReadAsync("C-1"));
        Assert.Equal(claim.State, rebuilt.State);
        Assert.Throws<ArgumentException>(() => FraudClaim.FromHistory(claim.History.Reverse()));
        Assert.Throws<ArgumentException>(() => FraudClaim.FromHistory(claim.History.Where(e => e.Command != FraudClaimCommand.Refer)));
    }

    [Fact]
    public async Task Not_confirmed_records_the_reason()
    {
        var kit = new FraudClaimTestKit();
        FraudClaimStepResult result = await kit.DriveToAsync(FraudClaimState.NotConfirmed);
        Assert.Equal(ReasonCode.FraudCaseRefused, result.Claim.NotConfirmedReason);
        Assert.Equal(ReasonCode.FraudCaseRefused, result.Event.Reason);
        Assert.True(FraudClaimTransitions.IsFinal(result.State));
    }

    [Fact]
    public async Task Registration_and_results_print_no_personal_data()
    {
        var kit = new FraudClaimTestKit();
        FraudClaimStepResult result = await kit.DriveToAsync(FraudClaimState.Referred);
        LawEnforcementReferral referral = Assert.Single(kit.Ports.LawEnforcement.Referrals);
        foreach (object o in new object[] { result, result.Claim, result.Event, result.Claim.Registration, referral })
        {
            Assert.DoesNotContain(FraudClaimTestKit.SandboxIin, o.ToString()!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Invalid_registrations_are_refused_and_nothing_is_stored()
    {
        var kit = new FraudClaimTestKit();
        FraudClaimStep step = FraudClaimTestKit.Step(FraudClaimCommand.Register);
        await Assert.ThrowsAsync<ArgumentException>(() => kit.Workflow.RegisterAsync(FraudClaimTestKit.Registration(amount: 0m), step));
        await Assert.ThrowsAsync<ArgumentException>(() => kit.Workflow.RegisterAsync(FraudClaimTestKit.Registration(amount: 10.005m), step));
        FraudClaimRegistration noIin = new()
        {
            ClaimId = "C-9",
            LoanId = "L-9",
            ClaimantIin = default,
            AmountKzt = 1m,
            Source = FraudClaimSource.CitizenComplaint,
            ReceivedAt = FraudClaimTestKit.Start,
        };
        await Assert.ThrowsAsync<ArgumentException>(() => kit.Workflow.RegisterAsync(noIin, step));
        Assert.Equal(0, ((InMemoryFraudClaimStore)kit.Ports.Store).EventCount);
    }
}
