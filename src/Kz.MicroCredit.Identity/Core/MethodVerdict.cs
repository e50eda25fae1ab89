namespace Kz.MicroCredit.Identity;

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
