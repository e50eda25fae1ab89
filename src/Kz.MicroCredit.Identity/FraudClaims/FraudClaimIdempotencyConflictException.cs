namespace Kz.MicroCredit.Identity.FraudClaims;

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
