namespace Kz.MicroCredit.Identity;

/// <summary>What one method concluded, with its reasons and the evidence it gathered.</summary>
public sealed class MethodOutcome
{
    /// <summary>Initializes a new instance of the <see cref="MethodOutcome"/> class.</summary>
    /// <param name="methodId">The method.</param>
    /// <param name="status">The status.</param>
    /// <param name="reasons">The reason codes.</param>
    /// <param name="isVeto">Whether this is a veto finding that rejects the whole policy.</param>
    /// <param name="evidence">The evidence gathered.</param>
    /// <param name="startedAt">When the method started.</param>
    /// <param name="completedAt">When it finished.</param>
    public MethodOutcome(
        IdentificationMethodId methodId,
        IdentificationStatus status,
        IReadOnlyList<ReasonCode> reasons,
        bool isVeto,
        MethodEvidence evidence,
        DateTimeOffset startedAt,
        DateTimeOffset completedAt)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        ArgumentNullException.ThrowIfNull(evidence);
        if (isVeto && status != IdentificationStatus.Rejected)
        {
            throw new ArgumentException("A veto is always a rejection.", nameof(isVeto));
        }

        MethodId = methodId;
        Status = status;
        Reasons = reasons;
        IsVeto = isVeto;
        Evidence = evidence;
        StartedAt = startedAt;
        CompletedAt = completedAt;
    }

    /// <summary>Gets the method.</summary>
    public IdentificationMethodId MethodId { get; }

    /// <summary>Gets the status.</summary>
    public IdentificationStatus Status { get; }

    /// <summary>Gets the reason codes (empty when verified without remarks).</summary>
    public IReadOnlyList<ReasonCode> Reasons { get; }

    /// <summary>Gets a value indicating whether this rejection is a veto: it rejects the policy even if another method passed.</summary>
    public bool IsVeto { get; }

    /// <summary>Gets the evidence the method gathered (facts, digests, raw artefacts such as OCSP responses).</summary>
    public MethodEvidence Evidence { get; }

    /// <summary>Gets when the method started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets when the method finished.</summary>
    public DateTimeOffset CompletedAt { get; }

    /// <inheritdoc />
    public override string ToString() => $"{MethodId}: {Status}{(IsVeto ? " (veto)" : string.Empty)} [{string.Join(", ", Reasons)}]";
}
