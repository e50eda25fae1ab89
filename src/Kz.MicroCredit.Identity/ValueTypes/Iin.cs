using System.Diagnostics.CodeAnalysis;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// An individual identification number (ИИН) of the Republic of Kazakhstan: twelve digits holding the birth date,
/// the century and sex, a serial number and a mod-11 check digit.
/// </summary>
/// <remarks>
/// <see cref="ToString()"/> prints a masked form, so an IIN that reaches a log line or an exception message by accident
/// does not disclose the person. Read <see cref="Value"/> only where the clear number is really needed.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(IinJsonConverter))]
public readonly partial struct Iin : IEquatable<Iin>, IParsable<Iin>
{
    private readonly string? _value;

    private Iin(string value) => _value = value;

    /// <summary>Gets the twelve digits in clear text. Personal data: never log it.</summary>
    public string Value => _value ?? throw new InvalidOperationException("The IIN is the default value and holds no number.");

    /// <summary>Gets a value indicating whether this instance holds a number (is not <c>default</c>).</summary>
    public bool HasValue => _value is not null;

    /// <summary>Gets the birth date encoded in digits 1–7.</summary>
    public DateOnly BirthDate => DecodeBirthDate(Value)!.Value;

    /// <summary>Gets the sex encoded in digit 7.</summary>
    public Sex Sex => (Value[6] - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    /// <summary>Parses an IIN and checks its birth date, century digit and check digit.</summary>
    /// <param name="text">Twelve digits.</param>
    /// <returns>The IIN.</returns>
    /// <exception cref="IinFormatException">The text is not a valid IIN; <see cref="IinFormatException.Error"/> says why.</exception>
    public static Iin Parse(string text)
    {
        IinError error = Validate(text);
        return error == IinError.None ? new Iin(text) : throw new IinFormatException(error);
    }

    /// <summary>Tries to parse an IIN, checking its birth date, century digit and check digit.</summary>
    /// <param name="text">Twelve digits.</param>
    /// <param name="iin">The IIN when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is a valid IIN.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out Iin iin) => TryParse(text, out iin, out _);

    /// <summary>Tries to parse an IIN and says what is wrong when it is not valid.</summary>
    /// <param name="text">Twelve digits.</param>
    /// <param name="iin">The IIN when the text is valid.</param>
    /// <param name="error">Why the text is not a valid IIN, or <see cref="IinError.None"/>.</param>
    /// <returns><see langword="true"/> when the text is a valid IIN.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out Iin iin, out IinError error)
    {
        error = Validate(text);
        iin = error == IinError.None ? new Iin(text!) : default;
        return error == IinError.None;
    }

    /// <summary>Checks an IIN and returns the first problem found, or <see cref="IinError.None"/>.</summary>
    /// <param name="text">The candidate.</param>
    /// <returns>The first problem found.</returns>
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

        if (text[6] is < '1' or > '6')
        {
            return IinError.InvalidCenturyDigit;
        }

        if (DecodeBirthDate(text) is null)
        {
            return IinError.InvalidBirthDate;
        }

        int? check = ComputeCheckDigit(text.AsSpan(0, 11));
        if (check is null)
        {
            return IinError.NeverIssued;
        }

        return check.Value == text[11] - '0' ? IinError.None : IinError.CheckDigitMismatch;
    }

    /// <summary>
    /// Computes the check digit of the first eleven digits of an IIN or BIN: the sum of dᵢ·i mod 11; when that is 10,
    /// the sum with weights 3,4,5,6,7,8,9,10,11,1,2 mod 11; when that is 10 too, the number is never issued.
    /// </summary>
    /// <param name="firstElevenDigits">The first eleven digits.</param>
    /// <returns>The check digit, or <see langword="null"/> when no number with this prefix is ever issued.</returns>
    public static int? ComputeCheckDigit(ReadOnlySpan<char> firstElevenDigits)
    {
        if (firstElevenDigits.Length != 11)
        {
            throw new ArgumentException("Exactly eleven digits are needed.", nameof(firstElevenDigits));
        }

        int sum = 0;
        for (int i = 0; i < 11; i++)
        {
            sum += (firstElevenDigits[i] - '0') * (i + 1);
        }

        int r = sum % 11;
        if (r != 10)
        {
            return r;
        }

        sum = 0;
        for (int i = 0; i < 11; i++)
        {
            sum += (firstElevenDigits[i] - '0') * (((i + 2) % 11) + 1);
        }

        r = sum % 11;
        return r == 10 ? null : r;
    }

    private static DateOnly? DecodeBirthDate(string text)
    {
        int yy = (text[0] - '0') * 10 + (text[1] - '0');
        int mm = (text[2] - '0') * 10 + (text[3] - '0');
        int dd = (text[4] - '0') * 10 + (text[5] - '0');
        int century = (text[6] - '0') switch
        {
            1 or 2 => 1800,
            3 or 4 => 1900,
            5 or 6 => 2000,
            _ => -1,
        };
        if (century < 0 || mm is < 1 or > 12 || dd < 1 || dd > DateTime.DaysInMonth(century + yy, mm))
        {
            return null;
        }

        return new DateOnly(century + yy, mm, dd);
    }

    /// <summary>Returns a masked form that shows only the last two digits, e.g. <c>**********26</c>.</summary>
    /// <returns>The masked IIN.</returns>
    public override string ToString() => _value is null ? string.Empty : Mask(_value);

    internal static string Mask(string digits) =>
        digits.Length <= 2 ? new string('*', digits.Length) : string.Concat(new string('*', digits.Length - 2), digits.AsSpan(digits.Length - 2));

    /// <inheritdoc />
    public bool Equals(Iin other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Iin other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Compares two IINs.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when both hold the same digits.</returns>
    public static bool operator ==(Iin left, Iin right) => left.Equals(right);

    /// <summary>Compares two IINs.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(Iin left, Iin right) => !left.Equals(right);

}
