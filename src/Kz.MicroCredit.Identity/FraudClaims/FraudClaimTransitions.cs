namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>
/// The legal moves of the workflow. <see cref="FraudClaimCommand.Register"/> creates a claim and is legal from no
/// state; every pair not listed here is rejected with <see cref="IllegalFraudClaimTransitionException"/>.
/// </summary>
/// <remarks>
/// <code>
/// Registered --Freeze--> Frozen --Refer--> Referred --Confirm--> Confirmed --WriteOff--> WrittenOff
/// WrittenOff --ConfirmCreditHistoryCorrection--> WrittenOff (more bureaus pending) | CreditHistoryCorrected
/// Referred --RecordNotConfirmed--> NotConfirmed
/// </code>
/// </remarks>
public static class FraudClaimTransitions
{
    /// <summary>Gets the state a command leads to from a state, when the move is legal.</summary>
    /// <param name="from">The current state.</param>
    /// <param name="command">The command.</param>
    /// <param name="to">
    /// The next state; for <see cref="FraudClaimCommand.ConfirmCreditHistoryCorrection"/> this is
    /// <see cref="FraudClaimState.CreditHistoryCorrected"/> once the last pending bureau confirms.
    /// </param>
    /// <returns><see langword="true"/> when the move is legal.</returns>
    public static bool TryGetNextState(FraudClaimState from, FraudClaimCommand command, out FraudClaimState to)
    {
        FraudClaimState? next = (from, command) switch
        {
            (FraudClaimState.Registered, FraudClaimCommand.Freeze) => FraudClaimState.Frozen,
            (FraudClaimState.Frozen, FraudClaimCommand.Refer) => FraudClaimState.Referred,
            (FraudClaimState.Referred, FraudClaimCommand.Confirm) => FraudClaimState.Confirmed,
            (FraudClaimState.Referred, FraudClaimCommand.RecordNotConfirmed) => FraudClaimState.NotConfirmed,
            (FraudClaimState.Confirmed, FraudClaimCommand.WriteOff) => FraudClaimState.WrittenOff,
            (FraudClaimState.WrittenOff, FraudClaimCommand.ConfirmCreditHistoryCorrection) => FraudClaimState.CreditHistoryCorrected,
            _ => null,
        };
        to = next.GetValueOrDefault();
        return next.HasValue;
    }

    /// <summary>Gets a value indicating whether a command is legal in a state.</summary>
    /// <param name="from">The current state.</param>
    /// <param name="command">The command.</param>
    /// <returns>Whether the move is legal.</returns>
    public static bool IsLegal(FraudClaimState from, FraudClaimCommand command) => TryGetNextState(from, command, out _);

    /// <summary>Gets a value indicating whether a state is final (no command is legal in it).</summary>
    /// <param name="state">The state.</param>
    /// <returns>Whether the state is final.</returns>
    public static bool IsFinal(FraudClaimState state) => state is FraudClaimState.CreditHistoryCorrected or FraudClaimState.NotConfirmed;
}
