namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>A command is not legal in the claim's current state (see <see cref="FraudClaimTransitions"/>); nothing was changed or called.</summary>
public sealed class IllegalFraudClaimTransitionException : FraudClaimException
{
    /// <summary>Initializes a new instance of the <see cref="IllegalFraudClaimTransitionException"/> class.</summary>
    /// <param name="fromState">The claim's state.</param>
    /// <param name="command">The rejected command.</param>
    public IllegalFraudClaimTransitionException(FraudClaimState fromState, FraudClaimCommand command)
        : base($"Fraud claim command {command} is not allowed in state {fromState}.")
    {
        FromState = fromState;
        Command = command;
    }

    /// <summary>Initializes a new instance of the <see cref="IllegalFraudClaimTransitionException"/> class.</summary>
    public IllegalFraudClaimTransitionException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="IllegalFraudClaimTransitionException"/> class.</summary>
    /// <param name="message">A message without personal data.</param>
    public IllegalFraudClaimTransitionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="IllegalFraudClaimTransitionException"/> class.</summary>
    /// <param name="message">A message without personal data.</param>
    /// <param name="innerException">The cause.</param>
    public IllegalFraudClaimTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the claim's state when the command was rejected.</summary>
    public FraudClaimState FromState { get; }

    /// <summary>Gets the rejected command.</summary>
    public FraudClaimCommand Command { get; }
}
