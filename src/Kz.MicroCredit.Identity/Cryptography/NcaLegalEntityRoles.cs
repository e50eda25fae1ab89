using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>The sub-roles of a legal-entity certificate (1.2.398.3.3.4.1.2.*).</summary>
[Flags]
public enum NcaLegalEntityRoles
{
    /// <summary>No sub-role.</summary>
    None = 0,

    /// <summary>First head, CEO (1.2.398.3.3.4.1.2.1).</summary>
    FirstHead = 1,

    /// <summary>A person with signing right (1.2.398.3.3.4.1.2.2).</summary>
    SigningRight = 2,

    /// <summary>Finance documents (1.2.398.3.3.4.1.2.3).</summary>
    Finance = 4,

    /// <summary>Human-resources documents (1.2.398.3.3.4.1.2.4).</summary>
    HumanResources = 8,

    /// <summary>An employee (1.2.398.3.3.4.1.2.5).</summary>
    Employee = 16,

    /// <summary>An information system (1.2.398.3.3.4.1.2.6; certificates of systems carry no IIN).</summary>
    InformationSystem = 32,
}
