namespace Kz.MicroCredit.Identity;

/// <summary>
/// Thrown by a shared state store (e.g. the Redis stores) when the store could not be reached, timed out or answered
/// something unreadable. Identification methods turn it into an Indeterminate outcome with
/// <see cref="ReasonCode.StateStoreUnavailable"/>; it never means that an attempt was counted or a record consumed.
/// </summary>
/// <remarks>The message names the failed operation and the store, never a key, a code or personal data.</remarks>
public sealed class StateStoreUnavailableException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="StateStoreUnavailableException"/> class.</summary>
    public StateStoreUnavailableException()
        : this("The state store is unavailable.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StateStoreUnavailableException"/> class.</summary>
    /// <param name="message">What failed (no personal data).</param>
    public StateStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StateStoreUnavailableException"/> class.</summary>
    /// <param name="message">What failed (no personal data).</param>
    /// <param name="innerException">The store client's exception.</param>
    public StateStoreUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the reason code for the outcome.</summary>
    public static ReasonCode Reason => ReasonCode.StateStoreUnavailable;
}
