using Kz.MicroCredit.Identity;

namespace OnboardingWeb.Flow;

/// <summary>
/// A decision as the lender's staff see it: status, reason codes and the evidence report (masked values only, as the
/// SDK writes it). Kept in memory in this sample; a lender stores the evidence JSON with the loan file.
/// </summary>
/// <param name="Reference">The evidence report id, shown to the borrower as the check number.</param>
/// <param name="SessionId">The onboarding session id.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="Status">Verified, Rejected or Indeterminate.</param>
/// <param name="Reasons">Reason codes: method reasons first, then the decision's own.</param>
/// <param name="Policy">The policy name.</param>
/// <param name="Stage">Which step decided (<c>phone-check</c> or <c>final</c>).</param>
/// <param name="IinMasked">The masked IIN.</param>
/// <param name="EvidenceJson">The evidence report.</param>
public sealed record DecisionRecord(
    string Reference,
    string SessionId,
    DateTimeOffset DecidedAt,
    IdentificationStatus Status,
    IReadOnlyList<string> Reasons,
    string Policy,
    string Stage,
    string IinMasked,
    string EvidenceJson)
{
    /// <summary>Builds a record from a result.</summary>
    /// <param name="sessionId">The onboarding session id.</param>
    /// <param name="stage">Which step decided.</param>
    /// <param name="result">The result.</param>
    /// <returns>The record.</returns>
    public static DecisionRecord From(string sessionId, string stage, IdentificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        IEnumerable<string> methodReasons = result.Methods
            .Where(m => m.Status is IdentificationStatus.Rejected or IdentificationStatus.Indeterminate)
            .SelectMany(m => m.Reasons)
            .Select(r => r.Value);
        return new DecisionRecord(
            result.Report.ReportId,
            sessionId,
            result.Report.CreatedAt,
            result.Status,
            methodReasons.Concat(result.Reasons.Select(r => r.Value)).Distinct(StringComparer.Ordinal).ToList(),
            result.Report.Policy,
            stage,
            result.Report.Subject.IinMasked,
            result.Report.ToJson());
    }
}
