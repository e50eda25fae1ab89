using System.Formats.Asn1;
using System.Numerics;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>A CRL could not be parsed; the message is a short fixed token, never input.</summary>
internal sealed class CrlFormatException : Exception
{
    public CrlFormatException()
    {
    }

    public CrlFormatException(string message)
        : base(message)
    {
    }

    public CrlFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
