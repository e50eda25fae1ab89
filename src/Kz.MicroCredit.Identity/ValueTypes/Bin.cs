using System.Diagnostics.CodeAnalysis;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// A business identification number (БИН) of a legal entity: twelve digits, digits 1–4 the registration year and month,
/// digit 5 the entity type (4 resident, 5 non-resident, 6 individual entrepreneur acting jointly), the same check digit as
/// an <see cref="Iin"/>.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(BinJsonConverter))]
public readonly partial struct Bin : IEquatable<Bin>, IParsable<Bin>
{
    private readonly string? _value;

    private Bin(string value) => _value = value;

    /// <summary>Gets the twelve digits. A BIN is not personal data, but it is printed in full only through this property.</summary>
    public string Value => _value ?? throw new InvalidOperationException("The BIN is the default value and holds no number.");

    /// <summary>Gets the entity type digit (4, 5 or 6).</summary>
    public int EntityTypeDigit => Value[4] - '0';

    /// <summary>Parses a BIN.</summary>
    /// <param name="text">Twelve digits.</param>
    /// <returns>The BIN.</returns>
    /// <exception cref="IinFormatException">The text is not a valid BIN.</exception>
    public static Bin Parse(string text)
    {
        IinError error = Validate(text);
        return error == IinError.None ? new Bin(text) : throw new IinFormatException(error);
    }

    /// <summary>Tries to parse a BIN.</summary>
    /// <param name="text">Twelve digits.</param>
    /// <param name="bin">The BIN when valid.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out Bin bin)
    {
        bool ok = Validate(text) == IinError.None;
        bin = ok ? new Bin(text!) : default;
        return ok;
    }

    /// <summary>Checks a BIN and returns the first problem found.</summary>
    /// <param name="text">The candidate.</param>
    /// <returns>The problem, or <see cref="IinError.None"/>.</returns>
    public static IinError Validate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return IinError.Empty;
        }

        if (text.Length != 12)
        {
            return IinError.WrongLength;
        }

        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return IinError.NotDigits;
            }
        }

        int month = (text[2] - '0') * 10 + (text[3] - '0');
        if (month is < 1 or > 12)
        {
            return IinError.InvalidBirthDate;
        }

        if (text[4] is < '4' or > '6')
        {
            return IinError.InvalidEntityType;
        }

        int? check = Iin.ComputeCheckDigit(text.AsSpan(0, 11));
        if (check is null)
        {
            return IinError.NeverIssued;
        }

        return check.Value == text[11] - '0' ? IinError.None : IinError.CheckDigitMismatch;
    }

    /// <summary>Returns the BIN (legal-entity numbers are public registry data).</summary>
    /// <returns>The digits.</returns>
    public override string ToString() => _value ?? string.Empty;

    /// <inheritdoc />
    public bool Equals(Bin other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Bin other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Compares two BINs.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether equal.</returns>
    public static bool operator ==(Bin left, Bin right) => left.Equals(right);

    /// <summary>Compares two BINs.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether different.</returns>
    public static bool operator !=(Bin left, Bin right) => !left.Equals(right);
}
