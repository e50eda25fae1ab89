using System.Diagnostics.CodeAnalysis;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// A Kazakh mobile number, normalised to E.164 (<c>+77XXXXXXXXX</c>). Accepts <c>8 7XX…</c>, <c>+7 7XX…</c> and
/// <c>7 7XX…</c> with spaces, dashes, dots and brackets; only the mobile ranges (+7 7XX with a known mobile prefix).
/// </summary>
/// <remarks>
/// <see cref="ToString()"/> prints a masked form; use <see cref="E164"/> where the number itself is needed. The prefix
/// says which operator the range was issued to, not the current operator: numbers are portable.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(KzPhoneNumberJsonConverter))]
public readonly partial struct KzPhoneNumber : IEquatable<KzPhoneNumber>, IParsable<KzPhoneNumber>
{
    // Mobile prefixes after +7 (ranges issued to Kcell, Beeline, Tele2, Altel); see docs/value-types.md.
    private static readonly HashSet<string> MobilePrefixes = new(StringComparer.Ordinal)
    {
        "700", "701", "702", "705", "706", "707", "708", "747", "771", "775", "776", "777", "778",
    };

    private readonly string? _e164;

    private KzPhoneNumber(string e164) => _e164 = e164;

    /// <summary>Gets the number in E.164, e.g. <c>+77011234567</c>. Personal data: never log it.</summary>
    public string E164 => _e164 ?? throw new InvalidOperationException("The phone number is the default value and holds no number.");

    /// <summary>Gets the ten national digits without the country code, e.g. <c>7011234567</c>.</summary>
    public string NationalNumber => E164[2..];

    /// <summary>Gets the three-digit mobile prefix after +7, e.g. <c>701</c>.</summary>
    public string Prefix => E164.Substring(2, 3);

    /// <summary>Gets a value indicating whether this instance holds a number.</summary>
    public bool HasValue => _e164 is not null;

    /// <summary>Gets the known mobile prefixes after +7.</summary>
    public static IReadOnlyCollection<string> KnownMobilePrefixes => MobilePrefixes;

    /// <summary>Parses a Kazakh mobile number.</summary>
    /// <param name="text">The number as typed.</param>
    /// <returns>The normalised number.</returns>
    /// <exception cref="PhoneNumberFormatException">Not a Kazakh mobile number; the message names the problem, never the input.</exception>
    public static KzPhoneNumber Parse(string text)
    {
        PhoneNumberError error = TryNormalise(text, out string? e164);
        return error == PhoneNumberError.None ? new KzPhoneNumber(e164!) : throw new PhoneNumberFormatException(error);
    }

    /// <summary>Tries to parse a Kazakh mobile number.</summary>
    /// <param name="text">The number as typed.</param>
    /// <param name="number">The normalised number.</param>
    /// <returns>Whether it is a Kazakh mobile number.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out KzPhoneNumber number) => TryParse(text, out number, out _);

    /// <summary>Tries to parse a Kazakh mobile number and says what is wrong.</summary>
    /// <param name="text">The number as typed.</param>
    /// <param name="number">The normalised number.</param>
    /// <param name="error">What is wrong, or <see cref="PhoneNumberError.None"/>.</param>
    /// <returns>Whether it is a Kazakh mobile number.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out KzPhoneNumber number, out PhoneNumberError error)
    {
        error = TryNormalise(text, out string? e164);
        number = error == PhoneNumberError.None ? new KzPhoneNumber(e164!) : default;
        return error == PhoneNumberError.None;
    }

    private static PhoneNumberError TryNormalise(string? text, out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return PhoneNumberError.Empty;
        }

        if (text.Length > 32)
        {
            return PhoneNumberError.WrongLength;
        }

        Span<char> digits = stackalloc char[32];
        int n = 0;
        bool plus = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is >= '0' and <= '9')
            {
                digits[n++] = c;
            }
            else if (c == '+' && n == 0 && !plus)
            {
                plus = true;
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.'))
            {
                return PhoneNumberError.InvalidCharacter;
            }
        }

        scoped ReadOnlySpan<char> national;
        if (n == 11 && digits[0] == '7')
        {
            national = digits.Slice(1, 10);
        }
        else if (n == 11 && digits[0] == '8' && !plus)
        {
            national = digits.Slice(1, 10);
        }
        else if (n == 11)
        {
            return PhoneNumberError.NotKazakhstan;
        }
        else
        {
            return PhoneNumberError.WrongLength;
        }

        // +7 6XX/9XX are Russian numbers; Kazakh landlines are +7 71X/72X (Astana 7172, Almaty 727).
        if (national[0] != '7' || national[1] is '1' or '2')
        {
            return PhoneNumberError.NotMobile;
        }

        if (!MobilePrefixes.Contains(national[..3].ToString()))
        {
            return PhoneNumberError.UnknownMobilePrefix;
        }

        e164 = string.Concat("+7", national);
        return PhoneNumberError.None;
    }

    /// <summary>Returns a masked form, e.g. <c>+7701*****67</c>.</summary>
    /// <returns>The masked number.</returns>
    public override string ToString() => _e164 is null ? string.Empty : string.Concat(_e164.AsSpan(0, 5), "*****", _e164.AsSpan(10));

    /// <inheritdoc />
    public bool Equals(KzPhoneNumber other) => string.Equals(_e164, other._e164, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KzPhoneNumber other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _e164 is null ? 0 : StringComparer.Ordinal.GetHashCode(_e164);

    /// <summary>Compares two numbers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether equal.</returns>
    public static bool operator ==(KzPhoneNumber left, KzPhoneNumber right) => left.Equals(right);

    /// <summary>Compares two numbers.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether different.</returns>
    public static bool operator !=(KzPhoneNumber left, KzPhoneNumber right) => !left.Equals(right);
}
