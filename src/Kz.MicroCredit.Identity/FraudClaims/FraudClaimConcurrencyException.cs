namespace Kz.MicroCredit.Identity.FraudClaims;

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
