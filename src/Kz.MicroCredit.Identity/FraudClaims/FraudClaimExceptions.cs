namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>The base of the workflow's typed errors; messages name states, commands and ids, never personal data.</summary>
public class FraudClaimException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="FraudClaimException"/> class.</summary>
    public FraudClaimException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FraudClaimException"/> class.</summary>
    /// <param name="message">A message without personal data.</param>
    public FraudClaimException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FraudClaimException"/> class.</summary>
    /// <param name="message">A message without personal data.</param>
    /// <param name="innerException">The cause.</param>
    public FraudClaimException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

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

/// <summary>No claim with the id exists in the store.</summary>
public sealed class FraudClaimNotFoundException : FraudClaimException
{
    /// <summary>Initializes a new instance of the <see cref="FraudClaimNotFoundException"/> class.</summary>
    public FraudClaimNotFoundException()
        : base("The fraud claim does not exist.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FraudClaimNotFoundException"/> class.</summary>
    /// <param name="message">A message without personal data.</param>
    public FraudClaimNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FraudClaimNotFoundException"/> class.</summary>
    /// <param name="message">A message without personal data.</param>
    /// <param name="innerException">The cause.</param>
    public FraudClaimNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An idempotency key was reused for a different command or document; nothing was changed or called.</summary>
public sealed class FraudClaimIdempotencyConflictException : FraudClaimException
{
    /// <summary>Initializes a new instance of the <see cref="FraudClaimIdempotencyConflictException"/> class.</summary>
    /// <param name="recorded">The command recorded under the key.</param>
    /// <param name="attempted">The command attempted with it.</param>
    public FraudClaimIdempotencyConflictException(FraudClaimCommand recorded, FraudClaimCommand attempted)
        : base($"The idempotency key was already used by {recorded} with another document; {attempted} needs its own key.")
    {
        Recorded = recorded;
        Attempted = attempted;
    }

    /// <summary>Initializes a new instance of the <see cref="FraudClaimIdempotencyConflictException"/> class.</summary>
    public FraudClaimIdempotencyConflictException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FraudClaimIdempotencyConflictException"/> class.</summary>
    /// <param name="message">A message without personal data.</param>
    public FraudClaimIdempotencyConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FraudClaimIdempotencyConflictException"/> class.</summary>
    /// <param name="message">A message without personal data.</param>
    /// <param name="innerException">The cause.</param>
    public FraudClaimIdempotencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the command recorded under the key.</summary>
    public FraudClaimCommand Recorded { get; }

    /// <summary>Gets the command attempted with the key.</summary>
    public FraudClaimCommand Attempted { get; }
}

/// <summary>Thrown by an <see cref="IFraudClaimStore"/> when the claim's history grew since it was read (optimistic concurrency).</summary>
public sealed class FraudClaimConcurrencyException : FraudClaimException
{
    /// <summary>Initializes a new instance of the <see cref="FraudClaimConcurrencyException"/> class.</summary>
    /// <param name="expectedVersion">The version the writer read.</param>
    /// <param name="actualVersion">The version in the store.</param>
    public FraudClaimConcurrencyException(long expectedVersion, long actualVersion)
        : base($"The fraud claim changed concurrently: expected version {expectedVersion}, found {actualVersion}.")
    {
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Initializes a new instance of the <see cref="FraudClaimConcurrencyException"/> class.</summary>
    public FraudClaimConcurrencyException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FraudClaimConcurrencyException"/> class.</summary>
    /// <param name="message">A message without personal data.</param>
    public FraudClaimConcurrencyException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FraudClaimConcurrencyException"/> class.</summary>
    /// <param name="message">A message without personal data.</param>
    /// <param name="innerException">The cause.</param>
    public FraudClaimConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the version the writer read (number of events).</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the version found in the store.</summary>
    public long ActualVersion { get; }
}
