using System.Security.Cryptography;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>The CRLs found for an issuer, or why none could be used.</summary>
internal sealed class CrlLookup
{
    public List<VerifiedCrl> Bases { get; } = [];

    public List<VerifiedCrl> Deltas { get; } = [];

    /// <summary>Gets or sets the first failure met while fetching, parsing or verifying.</summary>
    public ReasonCode? Failure { get; set; }

    public void Fail(ReasonCode code) => Failure ??= code;
}
