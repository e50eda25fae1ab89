using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>What an NCA certificate may be used for (NCA-EDS.md §5).</summary>
[Flags]
public enum NcaCertificatePurpose
{
    /// <summary>Neither purpose could be determined.</summary>
    None = 0,

    /// <summary>Authentication (AUTH key: clientAuth EKU).</summary>
    Authentication = 1,

    /// <summary>Signing (SIGN key: emailProtection EKU / nonRepudiation).</summary>
    Signing = 2,

    /// <summary>Both (GOST-2015 keys with emailProtection + a role).</summary>
    Both = Authentication | Signing,
}
