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
