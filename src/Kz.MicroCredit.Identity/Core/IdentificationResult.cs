namespace Kz.MicroCredit.Identity;

/// <summary>The decision for one identification request.</summary>
public sealed class IdentificationResult
{
    /// <summary>Initializes a new instance of the <see cref="IdentificationResult"/> class.</summary>
    /// <param name="status">Verified, Rejected or Indeterminate.</param>
    /// <param name="reasons">Reason codes of the decision.</param>
    /// <param name="methods">Per-method outcomes in evaluation order, including the ones not applicable.</param>
    /// <param name="report">The evidence report to store.</param>
    public IdentificationResult(IdentificationStatus status, IReadOnlyList<ReasonCode> reasons, IReadOnlyList<MethodOutcome> methods, EvidenceReport report)
    {
        if (status == IdentificationStatus.NotApplicable)
        {
            throw new ArgumentException("A decision is Verified, Rejected or Indeterminate.", nameof(status));
        }

        ArgumentNullException.ThrowIfNull(reasons);
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(report);
        Status = status;
        Reasons = reasons;
        Methods = methods;
        Report = report;
    }

    /// <summary>Gets the decision.</summary>
    public IdentificationStatus Status { get; }

    /// <summary>Gets a value indicating whether the borrower is identified.</summary>
    public bool IsVerified => Status == IdentificationStatus.Verified;

    /// <summary>Gets the reason codes of the decision.</summary>
    public IReadOnlyList<ReasonCode> Reasons { get; }

    /// <summary>Gets the per-method outcomes in evaluation order.</summary>
    public IReadOnlyList<MethodOutcome> Methods { get; }

    /// <summary>Gets the evidence report (serialise it with <see cref="EvidenceReport.ToJson"/>).</summary>
    public EvidenceReport Report { get; }

    /// <summary>Gets the outcome of a method, or <see langword="null"/> if it was not evaluated.</summary>
    /// <param name="methodId">The method.</param>
    /// <returns>The outcome.</returns>
    public MethodOutcome? GetMethod(IdentificationMethodId methodId) => Methods.FirstOrDefault(m => m.MethodId == methodId);

    /// <inheritdoc />
    public override string ToString() => $"{Status} [{string.Join(", ", Reasons)}]";
}
