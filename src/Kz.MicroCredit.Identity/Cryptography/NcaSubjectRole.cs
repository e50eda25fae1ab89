using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>Who an NCA certificate was issued to, from the role OIDs 1.2.398.3.3.4.1.* in Extended Key Usage.</summary>
public enum NcaSubjectRole
{
    /// <summary>No NCA role OID was found.</summary>
    Unknown = 0,

    /// <summary>An individual (1.2.398.3.3.4.1.1).</summary>
    Individual = 1,

    /// <summary>An employee or representative of a legal entity (1.2.398.3.3.4.1.2); see <see cref="NcaCertificateInfo.LegalEntityRoles"/>.</summary>
    LegalEntity = 2,
}
