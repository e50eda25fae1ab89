using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>What a certificate is about to be used for.</summary>
public enum NcaCertificateUsage
{
    /// <summary>Signing documents: key usage digitalSignature or nonRepudiation.</summary>
    Signing,

    /// <summary>Signing timestamp tokens: key usage digitalSignature or nonRepudiation and the timeStamping EKU.</summary>
    TimeStamping,
}
