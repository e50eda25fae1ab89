using System.Xml;
using Kz.MicroCredit.Identity.Signing;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>An envelope could not be signed; the message names the problem, never the content.</summary>
internal sealed class WsseSigningException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="WsseSigningException"/> class.</summary>
    public WsseSigningException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WsseSigningException"/> class.</summary>
    /// <param name="message">The problem.</param>
    public WsseSigningException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WsseSigningException"/> class.</summary>
    /// <param name="message">The problem.</param>
    /// <param name="innerException">The cause.</param>
    public WsseSigningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
