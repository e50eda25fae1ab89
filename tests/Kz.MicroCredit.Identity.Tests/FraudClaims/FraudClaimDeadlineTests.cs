using Xunit;
using Microsoft.Extensions.Configuration;
using Kz.MicroCredit.Identity.FraudClaims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Tests.FraudClaims;

public sealed class FraudClaimDeadlineTests
{
    private static FraudClaimOptions Options() => new()
    {
        RegisteredDeadline = TimeSpan.FromHours(24),
        FrozenDeadline = TimeSpan.FromDays(3),
        ReferredDeadline = TimeSpan.FromDays(30),
        ConfirmedDeadline = TimeSpan.FromDays(5),
        WrittenOffDeadline = TimeSpan.FromDays(10),
    };

    [Fact]
    public async Task A_registered_claim_is_overdue_one_tick_after_its_deadline_counted_from_receipt()
    {
        var kit = new FraudClaimTestKit(Options());
        DateTimeOffset received = kit.Time.GetUtcNow().AddHours(-5);
        await kit.Workflow.RegisterAsync(FraudClaimTestKit.Registration(receivedAt: received), FraudClaimTestKit.Step(FraudClaimCommand.Register));
        FraudClaim claim = await kit.Workflow.GetAsync("C-1");
        Assert.Equal(received.AddHours(24), kit.Workflow.DueAt(claim));

        kit.Time.SetUtcNow(received.AddHours(24));
        Assert.False(kit.Workflow.IsOverdue(claim));
        Assert.Empty(await kit.Workflow.FindOverdueAsync());

        kit.Time.Advance(TimeSpan.FromTicks(1));
        Assert.True(kit.Workflow.IsOverdue(claim));
        OverdueFraudClaim overdue = Assert.Single(await kit.Workflow.FindOverdueAsync());
        Assert.Equal(("C-1", FraudClaimState.Registered, received.AddHours(24), TimeSpan.FromTicks(1)), (overdue.ClaimId, overdue.State, overdue.DueAt, overdue.OverdueBy));
    }

    [Theory]
    [InlineData(FraudClaimState.Frozen, 3)]
    [InlineData(FraudClaimState.Referred, 30)]
    [InlineData(FraudClaimState.Confirmed, 5)]
    [InlineData(FraudClaimState.WrittenOff, 10)]
    public async Task Each_state_has_its_own_deadline_from_the_step_that_entered_it(FraudClaimState state, int days)
    {
        var kit = new FraudClaimTestKit(Options());
        FraudClaimStepResult entered = await kit.DriveToAsync(state);
        DateTimeOffset enteredAt = kit.Time.GetUtcNow();
        Assert.Equal(enteredAt, entered.Claim.StateEnteredAt);

        kit.Time.Advance(TimeSpan.FromDays(days));
        Assert.Empty(await kit.Workflow.FindOverdueAsync());
        kit.Time.Advance(TimeSpan.FromMinutes(1));
        OverdueFraudClaim overdue = Assert.Single(await kit.Workflow.FindOverdueAsync());
        Assert.Equal(state, overdue.State);
        Assert.Equal(enteredAt.AddDays(days), overdue.DueAt);
    }

    [Fact]
    public async Task Moving_on_restarts_the_clock_and_a_partial_bureau_confirmation_does_not()
    {
        var kit = new FraudClaimTestKit(Options());
        await kit.DriveToAsync(FraudClaimState.Registered);
        kit.Time.Advance(TimeSpan.FromDays(2));
        Assert.Single(await kit.Workflow.FindOverdueAsync());
        await kit.Workflow.FreezeAsync("C-1", FraudClaimTestKit.Step(FraudClaimCommand.Freeze));
        Assert.Empty(await kit.Workflow.FindOverdueAsync());

        await kit.Workflow.ReferToLawEnforcementAsync("C-1", FraudClaimTestKit.Step(FraudClaimCommand.Refer));
        await kit.Workflow.ConfirmAsync("C-1", FraudConfirmationKind.CourtDecision, FraudClaimTestKit.Step(FraudClaimCommand.Confirm));
        FraudClaimStepResult written = await kit.Workflow.WriteOffAsync("C-1", FraudClaimTestKit.Step(FraudClaimCommand.WriteOff));
        kit.Time.Advance(TimeSpan.FromDays(9));
        FraudClaimStepResult partial = await kit.Workflow.ConfirmCreditHistoryCorrectionAsync("C-1", CreditBureaus.FirstCreditBureau, FraudClaimTestKit.Step(FraudClaimCommand.ConfirmCreditHistoryCorrection));
        Assert.Equal(written.Claim.StateEnteredAt, partial.Claim.StateEnteredAt);
        kit.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(FraudClaimState.WrittenOff, Assert.Single(await kit.Workflow.FindOverdueAsync()).State);
    }

    [Theory]
    [InlineData(FraudClaimState.CreditHistoryCorrected)]
    [InlineData(FraudClaimState.NotConfirmed)]
    public async Task Final_states_are_never_overdue(FraudClaimState state)
    {
        var kit = new FraudClaimTestKit(Options());
        FraudClaimStepResult result = await kit.DriveToAsync(state);
        kit.Time.Advance(TimeSpan.FromDays(3650));
        Assert.Null(kit.Workflow.DueAt(result.Claim));
        Assert.Empty(await kit.Workflow.FindOverdueAsync());
    }

    [Fact]
    public async Task A_state_without_a_deadline_is_never_overdue_and_several_claims_are_sorted_by_lateness()
    {
        FraudClaimOptions options = Options();
        options.FrozenDeadline = null;
        var kit = new FraudClaimTestKit(options);
        await kit.DriveToAsync(FraudClaimState.Frozen, FraudClaimTestKit.Registration("A"));
        await kit.DriveToAsync(FraudClaimState.Registered, FraudClaimTestKit.Registration("B", receivedAt: kit.Time.GetUtcNow().AddDays(-3)));
        await kit.DriveToAsync(FraudClaimState.Registered, FraudClaimTestKit.Registration("C", receivedAt: kit.Time.GetUtcNow().AddDays(-2)));
        kit.Time.Advance(TimeSpan.FromDays(100));
        Assert.Equal(["B", "C"], (await kit.Workflow.FindOverdueAsync()).Select(o => o.ClaimId));
    }

    [Fact]
    public void Options_are_validated_on_start()
    {
        var services = new ServiceCollection();
        services.AddFraudClaims(o =>
        {
            o.CreditBureaus = CreditBureaus.None;
            o.ConfirmedDeadline = TimeSpan.Zero;
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FraudClaimOptions>>().Value);
        Assert.Equal(2, ex.Failures.Count());
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FraudClaims:CreditBureaus"] = "StateCreditBureau",
                ["FraudClaims:FrozenDeadline"] = "2.00:00:00",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddFraudClaims(configuration.GetSection("FraudClaims"));
        using ServiceProvider provider = services.BuildServiceProvider();
        FraudClaimOptions options = provider.GetRequiredService<IOptions<FraudClaimOptions>>().Value;
        Assert.Equal(CreditBureaus.StateCreditBureau, options.CreditBureaus);
        Assert.Equal(TimeSpan.FromDays(2), options.FrozenDeadline);
        Assert.Equal(TimeSpan.FromDays(1), options.RegisteredDeadline);
    }
}
