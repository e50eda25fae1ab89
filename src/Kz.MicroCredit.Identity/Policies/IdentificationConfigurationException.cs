namespace Kz.MicroCredit.Identity;

/// <summary>Thrown for a misconfiguration (an empty policy, a policy naming an unregistered method…). Never for bad borrower input.</summary>
public sealed class IdentificationConfigurationException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="IdentificationConfigurationException"/> class.</summary>
    /// <param name="message">What is misconfigured.</param>
    public IdentificationConfigurationException(string message)
        : base(message)
    {
    }
}
