namespace Kz.MicroCredit.Identity.FraudClaims;

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
