namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>What a workflow step returned: the event (new, or the original one on a replay) and the claim after it.</summary>
public sealed class FraudClaimStepResult
{
    /// <summary>Initializes a new instance of the <see cref="FraudClaimStepResult"/> class.</summary>
    /// <param name="claim">The claim as now stored.</param>
    /// <param name="event">The event the step recorded (or recorded earlier, on a replay).</param>
    /// <param name="replayed">Whether this was a replay that changed and called nothing.</param>
    public FraudClaimStepResult(FraudClaim claim, FraudClaimEvent @event, bool replayed)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(@event);
        Claim = claim;
        Event = @event;
        Replayed = replayed;
    }

    /// <summary>Gets the claim as now stored.</summary>
    public FraudClaim Claim { get; }

    /// <summary>Gets the step's event; the same instance data on every replay.</summary>
    public FraudClaimEvent Event { get; }

    /// <summary>Gets the state the step led to.</summary>
    public FraudClaimState State => Event.State;

    /// <summary>Gets a value indicating whether this was a replay of a step already recorded: nothing was appended and no port was called.</summary>
    public bool Replayed { get; }

    /// <inheritdoc />
    public override string ToString() => $"FraudClaimStepResult {{ ClaimId = {Claim.ClaimId}, Command = {Event.Command}, State = {State}, Replayed = {Replayed} }}";
}
