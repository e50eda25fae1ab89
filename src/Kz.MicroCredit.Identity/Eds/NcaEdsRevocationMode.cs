using Kz.MicroCredit.Identity.Cryptography;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>How the EDS method treats revocation.</summary>
public enum NcaEdsRevocationMode
{
    /// <summary>Default: every certificate of the path must be proven good; unknown ⇒ Indeterminate.</summary>
    HardFail = 0,

    /// <summary>Unknown status is accepted with a <see cref="ReasonCode.RevocationUnknown"/> remark; revoked still vetoes.</summary>
    SoftFail = 1,

    /// <summary>Revocation is explicitly not checked (sandbox, offline tests); reported as not-checked.</summary>
    Off = 2,
}
