using System.Formats.Asn1;
using Org.BouncyCastle.Asn1;
using BcAttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>A structural fault in a CMS message that the ASN.1 reader itself does not raise.</summary>
internal sealed class CmsFormatException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CmsFormatException"/> class.</summary>
    public CmsFormatException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CmsFormatException"/> class.</summary>
    /// <param name="message">What was wrong (never input data).</param>
    public CmsFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CmsFormatException"/> class.</summary>
    /// <param name="message">What was wrong (never input data).</param>
    /// <param name="inner">The cause.</param>
    public CmsFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
