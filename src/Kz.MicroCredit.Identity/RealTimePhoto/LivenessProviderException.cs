namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>A provider fault. Its message is fixed text and never quotes the answer or personal data.</summary>
public sealed class LivenessProviderException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="LivenessProviderException"/> class.</summary>
    public LivenessProviderException()
        : this(LivenessProviderErrorKind.Unavailable)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LivenessProviderException"/> class.</summary>
    /// <param name="message">Fixed text.</param>
    public LivenessProviderException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LivenessProviderException"/> class.</summary>
    /// <param name="message">Fixed text.</param>
    /// <param name="innerException">The cause.</param>
    public LivenessProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LivenessProviderException"/> class.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="innerException">The cause.</param>
    public LivenessProviderException(LivenessProviderErrorKind kind, Exception? innerException = null)
        : base(kind == LivenessProviderErrorKind.Protocol ? "The liveness provider's answer breaks the contract." : "The liveness provider is unavailable.", innerException)
    {
        Kind = kind;
    }

    /// <summary>Gets the kind.</summary>
    public LivenessProviderErrorKind Kind { get; }
}
