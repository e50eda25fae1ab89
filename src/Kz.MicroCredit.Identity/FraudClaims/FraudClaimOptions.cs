using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>
/// Options of the fraud-claim workflow: which bureaus correct credit histories and how long each state may last.
/// The default deadlines are a lender's working targets, not figures from the regulation: set your own.
/// </summary>
public sealed class FraudClaimOptions
{
    /// <summary>Gets or sets the bureaus asked to correct the credit history on write-off (at least one).</summary>
    /// <value>The default value is both: <see cref="CreditBureaus.FirstCreditBureau"/> and <see cref="CreditBureaus.StateCreditBureau"/>.</value>
    public CreditBureaus CreditBureaus { get; set; } = CreditBureaus.FirstCreditBureau | CreditBureaus.StateCreditBureau;

    /// <summary>Gets or sets how long after receipt a claim may stay <see cref="FraudClaimState.Registered"/> before the loan is frozen.</summary>
    /// <value>The default value is 1 day; <see langword="null"/> means no deadline.</value>
    public TimeSpan? RegisteredDeadline { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Gets or sets how long a claim may stay <see cref="FraudClaimState.Frozen"/> before it is referred to law enforcement.</summary>
    /// <value>The default value is 3 days; <see langword="null"/> means no deadline.</value>
    public TimeSpan? FrozenDeadline { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Gets or sets how long a claim may stay <see cref="FraudClaimState.Referred"/> before a procedural document or a decision is chased.</summary>
    /// <value>The default value is 60 days; <see langword="null"/> means no deadline.</value>
    public TimeSpan? ReferredDeadline { get; set; } = TimeSpan.FromDays(60);

    /// <summary>Gets or sets how long a claim may stay <see cref="FraudClaimState.Confirmed"/> before the debt is written off.</summary>
    /// <value>The default value is 5 days; <see langword="null"/> means no deadline.</value>
    public TimeSpan? ConfirmedDeadline { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Gets or sets how long a claim may stay <see cref="FraudClaimState.WrittenOff"/> before every bureau confirms the correction.</summary>
    /// <value>The default value is 10 days; <see langword="null"/> means no deadline.</value>
    public TimeSpan? WrittenOffDeadline { get; set; } = TimeSpan.FromDays(10);

    /// <summary>Gets the deadline of a state; final states have none.</summary>
    /// <param name="state">The state.</param>
    /// <returns>How long the state may last, or <see langword="null"/>.</returns>
    public TimeSpan? DeadlineOf(FraudClaimState state) => state switch
    {
        FraudClaimState.Registered => RegisteredDeadline,
        FraudClaimState.Frozen => FrozenDeadline,
        FraudClaimState.Referred => ReferredDeadline,
        FraudClaimState.Confirmed => ConfirmedDeadline,
        FraudClaimState.WrittenOff => WrittenOffDeadline,
        _ => null,
    };
}
