using System.Globalization;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// The answer broke the wire contract (malformed, truncated, missing or invalid fields). The message is constant and
/// never quotes the answer.
/// </summary>
internal sealed class CeidProtocolException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CeidProtocolException"/> class.</summary>
    public CeidProtocolException()
        : base("The CEID answer does not follow the wire contract.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CeidProtocolException"/> class.</summary>
    /// <param name="message">A constant message (never built from input).</param>
    public CeidProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CeidProtocolException"/> class.</summary>
    /// <param name="message">A constant message (never built from input).</param>
    /// <param name="innerException">The inner exception.</param>
    public CeidProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
