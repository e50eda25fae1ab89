using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Testing.Pki;

/// <summary>CRL reason codes (RFC 5280 §5.3.1) for <see cref="SandboxPki.Revoke"/>.</summary>
public enum SandboxRevocationReason
{
    /// <summary>unspecified (0).</summary>
    Unspecified = 0,

    /// <summary>keyCompromise (1).</summary>
    KeyCompromise = 1,

    /// <summary>cACompromise (2).</summary>
    CaCompromise = 2,

    /// <summary>affiliationChanged (3).</summary>
    AffiliationChanged = 3,

    /// <summary>superseded (4).</summary>
    Superseded = 4,

    /// <summary>cessationOfOperation (5).</summary>
    CessationOfOperation = 5,

    /// <summary>certificateHold (6).</summary>
    CertificateHold = 6,

    /// <summary>privilegeWithdrawn (9).</summary>
    PrivilegeWithdrawn = 9,
}
