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

/// <summary>
/// A method's verdict before the base class stamps times and evidence on it: status, reasons and the veto flag.
/// </summary>
public readonly struct MethodVerdict
{
    private MethodVerdict(IdentificationStatus status, bool isVeto, ReasonCode[] reasons)
    {
        Status = status;
        IsVeto = isVeto;
        _reasons = reasons;
    }

    private readonly ReasonCode[]? _reasons;

    /// <summary>Gets the status.</summary>
    public IdentificationStatus Status { get; }

    /// <summary>Gets a value indicating whether this is a veto.</summary>
    public bool IsVeto { get; }

    /// <summary>Gets the reasons.</summary>
    public IReadOnlyList<ReasonCode> Reasons => _reasons ?? [];

    /// <summary>The method identified the borrower.</summary>
    /// <param name="remarks">Optional remarks (e.g. a warning code) that do not change the status.</param>
    /// <returns>The verdict.</returns>
    public static MethodVerdict Verified(params ReasonCode[] remarks) => new(IdentificationStatus.Verified, false, remarks);

    /// <summary>The evidence was checked and does not identify the borrower.</summary>
    /// <param name="reasons">Why; at least one.</param>
    /// <returns>The verdict.</returns>
    public static MethodVerdict Rejected(params ReasonCode[] reasons) => new(IdentificationStatus.Rejected, false, RequireReasons(reasons));

    /// <summary>A finding that rejects the whole policy (a revoked certificate, another IIN, a phone registered to someone else).</summary>
    /// <param name="reasons">Why; at least one.</param>
    /// <returns>The verdict.</returns>
    public static MethodVerdict Veto(params ReasonCode[] reasons) => new(IdentificationStatus.Rejected, true, RequireReasons(reasons));

    /// <summary>Not established (fault, timeout, unknown answer).</summary>
    /// <param name="reasons">Why; at least one.</param>
    /// <returns>The verdict.</returns>
    public static MethodVerdict Indeterminate(params ReasonCode[] reasons) => new(IdentificationStatus.Indeterminate, false, RequireReasons(reasons));

    /// <summary>The request carries no evidence for this method.</summary>
    /// <returns>The verdict.</returns>
    public static MethodVerdict NotApplicable() => new(IdentificationStatus.NotApplicable, false, []);

    private static ReasonCode[] RequireReasons(ReasonCode[] reasons) =>
        reasons is { Length: > 0 } ? reasons : throw new ArgumentException("A negative verdict needs at least one reason code.", nameof(reasons));
}
