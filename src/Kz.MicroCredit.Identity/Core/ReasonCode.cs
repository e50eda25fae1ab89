namespace Kz.MicroCredit.Identity;

/// <summary>
/// Why an identification or a method ended as it did: a stable code (an extensible enum), never text built from input,
/// so it is safe in logs and reports. Each capability adds its codes in its own folder (this struct is partial).
/// </summary>
public readonly partial struct ReasonCode : IEquatable<ReasonCode>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="ReasonCode"/> struct.</summary>
    /// <param name="value">A PascalCase code such as <c>CertificateRevoked</c>.</param>
    public ReasonCode(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>Gets the code text.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Gets a code: the request itself is unusable (e.g. a default IIN).</summary>
    public static ReasonCode InvalidRequest { get; } = new(nameof(InvalidRequest));

    /// <summary>Gets a code: a method failed with an unexpected error; the outcome is Indeterminate.</summary>
    public static ReasonCode InternalError { get; } = new(nameof(InternalError));

    /// <summary>Gets a code: a method did not finish within its time budget.</summary>
    public static ReasonCode Timeout { get; } = new(nameof(Timeout));

    /// <summary>Gets a code: the request carries no evidence for any method of a required group.</summary>
    public static ReasonCode EvidenceMissing { get; } = new(nameof(EvidenceMissing));

    /// <summary>Gets a code: a policy requirement was not met.</summary>
    public static ReasonCode RequirementNotMet { get; } = new(nameof(RequirementNotMet));

    /// <summary>Gets a code: a method found a veto (e.g. a revoked certificate) that rejects the whole policy.</summary>
    public static ReasonCode VetoFound { get; } = new(nameof(VetoFound));

    /// <summary>Gets a code: the IIN proven by a method differs from the declared IIN (a veto).</summary>
    public static ReasonCode IinMismatch { get; } = new(nameof(IinMismatch));

    /// <summary>Gets a code: a remote provider could not be reached or answered with an error.</summary>
    public static ReasonCode ProviderUnavailable { get; } = new(nameof(ProviderUnavailable));

    /// <summary>Gets a code: a remote provider answered something that breaks its contract (garbage, missing fields).</summary>
    public static ReasonCode ProviderProtocolError { get; } = new(nameof(ProviderProtocolError));

    /// <summary>Gets a code: a challenge was not found, expired, already used or bound to another borrower or operation.</summary>
    public static ReasonCode ChallengeInvalid { get; } = new(nameof(ChallengeInvalid));

    /// <summary>Gets a code: the regulation's attempt cap was reached (three failed attempts are a negative result).</summary>
    public static ReasonCode AttemptsExhausted { get; } = new(nameof(AttemptsExhausted));

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(ReasonCode other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ReasonCode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Compares two codes.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether equal.</returns>
    public static bool operator ==(ReasonCode left, ReasonCode right) => left.Equals(right);

    /// <summary>Compares two codes.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether different.</returns>
    public static bool operator !=(ReasonCode left, ReasonCode right) => !left.Equals(right);
}
