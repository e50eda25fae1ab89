using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>The answer of a revocation check, with the proof kept for the evidence report.</summary>
public sealed class RevocationCheckResult
{
    /// <summary>Initializes a new instance of the <see cref="RevocationCheckResult"/> class.</summary>
    /// <param name="status">The status.</param>
    /// <param name="source">Where it came from: <c>ocsp</c>, <c>crl</c>, <c>none</c>.</param>
    public RevocationCheckResult(RevocationStatus status, string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        Status = status;
        Source = source;
    }

    /// <summary>Gets the status.</summary>
    public RevocationStatus Status { get; }

    /// <summary>Gets the source: <c>ocsp</c>, <c>crl</c> or <c>none</c>.</summary>
    public string Source { get; }

    /// <summary>Gets when the certificate was revoked, when revoked.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Gets the CRL reason code (RFC 5280), when revoked and given.</summary>
    public int? RevocationReason { get; init; }

    /// <summary>Gets why the status could not be established, when <see cref="RevocationStatus.Unknown"/>.</summary>
    public ReasonCode? Failure { get; init; }

    /// <summary>Gets facts for the evidence report (e.g. <c>crl.number</c>, <c>ocsp.producedAt</c>).</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets raw proofs (e.g. the DER OCSP response) for the evidence report.</summary>
    public IReadOnlyList<EvidenceArtifact> Artifacts { get; init; } = [];

    /// <summary>Gets a result for "checking is switched off".</summary>
    public static RevocationCheckResult NotChecked { get; } = new(RevocationStatus.NotChecked, "none");
}
