namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>
/// How the borrower of a disputed loan was identified, from the loan's evidence report: the decision, which methods ran,
/// which passed, and when — what the lender shows when someone says "this loan is not mine".
/// </summary>
/// <remarks>Holds no clear personal data: the subject's IIN is masked as in the report.</remarks>
public sealed class ClaimIdentificationSummary
{
    private ClaimIdentificationSummary(string correlationId) => CorrelationId = correlationId;

    /// <summary>Gets the correlation id looked up.</summary>
    public string CorrelationId { get; }

    /// <summary>Gets a value indicating whether an evidence report was found.</summary>
    public bool ReportFound { get; private init; }

    /// <summary>Gets the report's id.</summary>
    public string? ReportId { get; private init; }

    /// <summary>Gets the policy evaluated, e.g. <c>rules-2021</c>.</summary>
    public string? Policy { get; private init; }

    /// <summary>Gets the operation, e.g. <c>agreement-signing</c>.</summary>
    public string? Operation { get; private init; }

    /// <summary>Gets when the identification was decided.</summary>
    public DateTimeOffset? IdentifiedAt { get; private init; }

    /// <summary>Gets the decision: <c>verified</c>, <c>rejected</c> or <c>indeterminate</c>.</summary>
    public string? Decision { get; private init; }

    /// <summary>Gets the masked IIN of the identified subject.</summary>
    public string? SubjectIinMasked { get; private init; }

    /// <summary>Gets every method that ran, in evaluation order.</summary>
    public IReadOnlyList<ClaimIdentificationMethod> Methods { get; private init; } = [];

    /// <summary>Gets the ids of the methods that passed (status <c>verified</c>).</summary>
    public IReadOnlyList<string> PassedMethods => Methods.Where(m => m.Passed).Select(m => m.Method).ToArray();

    /// <summary>Builds the summary of a report.</summary>
    /// <param name="report">The evidence report.</param>
    /// <returns>The summary.</returns>
    public static ClaimIdentificationSummary FromReport(EvidenceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new ClaimIdentificationSummary(report.CorrelationId)
        {
            ReportFound = true,
            ReportId = report.ReportId,
            Policy = report.Policy,
            Operation = report.Operation,
            IdentifiedAt = report.CreatedAt,
            Decision = report.Decision.Status,
            SubjectIinMasked = report.Subject.IinMasked,
            Methods = report.Methods.Select(m => new ClaimIdentificationMethod(m.Method, m.Status, m.Veto, m.CompletedAt)).ToArray(),
        };
    }

    /// <summary>The summary when no evidence report is on file for a correlation id.</summary>
    /// <param name="correlationId">The correlation id looked up.</param>
    /// <returns>The summary.</returns>
    public static ClaimIdentificationSummary NotFound(string correlationId)
    {
        ArgumentException.ThrowIfNullOrEmpty(correlationId);
        return new ClaimIdentificationSummary(correlationId);
    }

    /// <inheritdoc />
    public override string ToString() => ReportFound
        ? $"ClaimIdentificationSummary {{ Report = {ReportId}, Decision = {Decision}, Passed = [{string.Join(", ", PassedMethods)}] }}"
        : "ClaimIdentificationSummary { Report = none }";
}
