using System.Globalization;
using System.Text;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>What <see cref="FraudClaimCsv.Read"/> found.</summary>
internal sealed class FraudClaimCsvReadResult
{
    internal FraudClaimCsvReadResult(IReadOnlyList<FraudClaimReportEntry> entries, IReadOnlyList<FraudClaimCsvError> errors)
    {
        Entries = entries;
        Errors = errors;
    }

    /// <summary>Gets the well-formed rows (incomplete when there are errors: do not report on them then).</summary>
    public IReadOnlyList<FraudClaimReportEntry> Entries { get; }

    /// <summary>Gets the problems, in line order.</summary>
    public IReadOnlyList<FraudClaimCsvError> Errors { get; }

    /// <summary>Gets a value indicating whether the whole file is well-formed.</summary>
    public bool IsValid => Errors.Count == 0;
}
