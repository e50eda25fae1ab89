namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>Finds the identification evidence report filed for a loan (see <see cref="EvidenceReport.CorrelationId"/>).</summary>
public interface IIdentificationEvidenceLookup
{
    /// <summary>Finds the report.</summary>
    /// <param name="correlationId">The correlation id the identification ran under.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The report, or <see langword="null"/> when none is on file.</returns>
    Task<EvidenceReport?> FindByCorrelationIdAsync(string correlationId, CancellationToken cancellationToken = default);
}
