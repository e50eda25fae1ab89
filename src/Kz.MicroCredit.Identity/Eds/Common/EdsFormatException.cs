using System.Buffers;
using System.Xml;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>Input that cannot be used as a signature: carries a reason code, never text taken from the input.</summary>
public sealed class EdsFormatException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="EdsFormatException"/> class.</summary>
    /// <param name="reason">The reason code.</param>
    public EdsFormatException(ReasonCode reason)
        : base("Unusable signature input: " + reason.Value) => Reason = reason;

    /// <summary>Initializes a new instance with a detail taken from a fixed set of words (never from the input).</summary>
    /// <param name="reason">The reason code.</param>
    /// <param name="detail">The detail, e.g. "XML encoding UTF-16 is not supported; NCA signers produce UTF-8".</param>
    internal EdsFormatException(ReasonCode reason, string detail)
        : base("Unusable signature input: " + reason.Value + " (" + detail + ")") => Reason = reason;

    /// <summary>Initializes a new instance of the <see cref="EdsFormatException"/> class.</summary>
    public EdsFormatException()
        : this(ReasonCode.MalformedSignature)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EdsFormatException"/> class.</summary>
    /// <param name="message">Ignored for safety; the reason is <see cref="ReasonCode.MalformedSignature"/>.</param>
    public EdsFormatException(string message)
        : this(ReasonCode.MalformedSignature) => _ = message;

    /// <summary>Initializes a new instance of the <see cref="EdsFormatException"/> class.</summary>
    /// <param name="message">Ignored for safety.</param>
    /// <param name="innerException">The inner exception.</param>
    public EdsFormatException(string message, Exception innerException)
        : base("Unusable signature input: " + ReasonCode.MalformedSignature.Value, innerException)
    {
        _ = message;
        Reason = ReasonCode.MalformedSignature;
    }

    /// <summary>Gets the reason code.</summary>
    public ReasonCode Reason { get; }
}
