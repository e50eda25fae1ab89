namespace Kz.MicroCredit.Identity;

/// <summary>
/// A stable identification method id (an extensible enum). The four built-in ids are used in results, evidence reports,
/// logs, metrics and configuration and never change.
/// </summary>
public readonly struct IdentificationMethodId : IEquatable<IdentificationMethodId>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="IdentificationMethodId"/> struct.</summary>
    /// <param name="value">Lower-case letters, digits and dashes, e.g. <c>nca-eds</c>.</param>
    /// <exception cref="ArgumentException">The value is empty or uses other characters.</exception>
    public IdentificationMethodId(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        foreach (char c in value)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                throw new ArgumentException("A method id uses lower-case letters, digits and dashes only.", nameof(value));
            }
        }

        _value = value;
    }

    /// <summary>Gets the NCA RK electronic digital signature method (<c>nca-eds</c>).</summary>
    public static IdentificationMethodId NcaEds { get; } = new("nca-eds");

    /// <summary>Gets the KCMR CEID biometric match method (<c>kcmr-biometrics</c>).</summary>
    public static IdentificationMethodId KcmrBiometrics { get; } = new("kcmr-biometrics");

    /// <summary>Gets the real-time two-factor photo verification method (<c>realtime-photo</c>).</summary>
    public static IdentificationMethodId RealTimePhoto { get; } = new("realtime-photo");

    /// <summary>Gets the e-government phone-ownership check (<c>egov-phone-ownership</c>).</summary>
    public static IdentificationMethodId EGovPhoneOwnership { get; } = new("egov-phone-ownership");

    /// <summary>Gets the id text.</summary>
    public string Value => _value ?? string.Empty;

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(IdentificationMethodId other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is IdentificationMethodId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Compares two ids.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether equal.</returns>
    public static bool operator ==(IdentificationMethodId left, IdentificationMethodId right) => left.Equals(right);

    /// <summary>Compares two ids.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether different.</returns>
    public static bool operator !=(IdentificationMethodId left, IdentificationMethodId right) => !left.Equals(right);
}
