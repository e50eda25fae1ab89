using Kz.MicroCredit.Identity.FraudClaims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Testing.FraudClaims;

/// <summary>A fake evidence archive: reports added by correlation id; records lookups.</summary>
public sealed class InMemoryIdentificationEvidenceLookup : IIdentificationEvidenceLookup
{
    private readonly FraudClaimPortRecorder _recorder;
    private readonly Dictionary<string, EvidenceReport> _reports = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Initializes a new instance of the <see cref="InMemoryIdentificationEvidenceLookup"/> class.</summary>
    /// <param name="recorder">The recorder; a new one when null.</param>
    public InMemoryIdentificationEvidenceLookup(FraudClaimPortRecorder? recorder = null) => _recorder = recorder ?? new FraudClaimPortRecorder();

    /// <summary>Gets the recorder.</summary>
    public FraudClaimPortRecorder Recorder => _recorder;

    /// <summary>Files a report under its correlation id.</summary>
    /// <param name="report">The report.</param>
    public void Add(EvidenceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_lock)
        {
            _reports[report.CorrelationId] = report;
        }
    }

    /// <inheritdoc />
    public async Task<EvidenceReport?> FindByCorrelationIdAsync(string correlationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(correlationId);
        await _recorder.RecordAsync(new FraudClaimPortCall("evidence-lookup", "FindByCorrelationId", correlationId, null), cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            return _reports.GetValueOrDefault(correlationId);
        }
    }
}
