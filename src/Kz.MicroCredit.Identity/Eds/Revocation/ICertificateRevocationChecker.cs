using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Establishes whether a certificate was revoked as of an instant. The EDS method calls it for every certificate of a
/// trusted path except the anchor. Implementations: none (explicit opt-out), CRL files, online OCSP/CRL (see
/// docs/revocation.md). An implementation never answers <see cref="RevocationStatus.Good"/> unless it has proof.
/// </summary>
public interface ICertificateRevocationChecker
{
    /// <summary>Checks one certificate.</summary>
    /// <param name="request">The certificate, its issuer and the instant.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The status with its proof; faults are <see cref="RevocationStatus.Unknown"/> with a reason code.</returns>
    Task<RevocationCheckResult> CheckAsync(RevocationCheckRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What to check.</summary>
/// <param name="Certificate">The certificate.</param>
/// <param name="Issuer">Its issuer, already validated as part of a trusted path.</param>
/// <param name="ValidationTime">The instant the status must hold at (signing time or now).</param>
public sealed record RevocationCheckRequest(X509Certificate2 Certificate, X509Certificate2 Issuer, DateTimeOffset ValidationTime);

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

/// <summary>The explicit opt-out: reports <see cref="RevocationStatus.NotChecked"/> for everything.</summary>
public sealed class NoRevocationChecker : ICertificateRevocationChecker
{
    /// <summary>Gets the shared instance.</summary>
    public static NoRevocationChecker Instance { get; } = new();

    /// <inheritdoc />
    public Task<RevocationCheckResult> CheckAsync(RevocationCheckRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(RevocationCheckResult.NotChecked);
}
