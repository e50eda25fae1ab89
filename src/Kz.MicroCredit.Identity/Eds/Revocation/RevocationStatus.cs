using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>Revocation status.</summary>
public enum RevocationStatus
{
    /// <summary>Not established (no answer, unverifiable answer, stale data, tryLater…). Never treat as good.</summary>
    Unknown = 0,

    /// <summary>Proven not revoked at the instant.</summary>
    Good = 1,

    /// <summary>Revoked at or before the instant.</summary>
    Revoked = 2,

    /// <summary>Not checked because revocation checking is explicitly switched off.</summary>
    NotChecked = 3,
}
