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
