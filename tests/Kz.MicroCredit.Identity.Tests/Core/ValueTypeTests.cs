using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Kz.MicroCredit.Identity;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Core;

public class IinTests
{
    public static TheoryData<string, string> Vectors()
    {
        var data = new TheoryData<string, string>();
        foreach (string line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "services", "iin_test_vectors.csv")).Skip(1))
        {
            string[] cols = line.Split(',');
            if (cols[0].Contains('?'))
            {
                continue; // a prefix pattern, covered by NeverIssuedPrefix
            }

            data.Add(cols[0], cols[1]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vectors_validate_as_the_csv_says(string iin, string expectedValid)
    {
        Assert.Equal(bool.Parse(expectedValid), Iin.TryParse(iin, out _));
    }

    [Fact]
    public void NeverIssuedPrefix_has_no_valid_check_digit()
    {
        for (int d = 0; d <= 9; d++)
        {
            Assert.Equal(IinError.NeverIssued, Iin.Validate("85010130069" + d));
        }
    }

    [Fact]
    public void Decodes_birth_date_century_and_sex()
    {
        Iin iin = Iin.Parse("031231500126");
        Assert.Equal(new DateOnly(2003, 12, 31), iin.BirthDate);
        Assert.Equal(Sex.Male, iin.Sex);
        Iin female = Iin.Parse("931002451325");
        Assert.Equal(new DateOnly(1993, 10, 2), female.BirthDate);
        Assert.Equal(Sex.Female, female.Sex);
    }

    [Theory]
    [InlineData(null, IinError.Empty)]
    [InlineData("", IinError.Empty)]
    [InlineData("12345", IinError.WrongLength)]
    [InlineData("88091230076a", IinError.NotDigits)]
    [InlineData("880912700763", IinError.InvalidCenturyDigit)]
    [InlineData("881312300763", IinError.InvalidBirthDate)]
    [InlineData("880231300763", IinError.InvalidBirthDate)]
    [InlineData("900101300015", IinError.CheckDigitMismatch)]
    public void Invalid_input_names_the_problem(string? text, IinError expected)
    {
        Assert.Equal(expected, Iin.Validate(text));
        Assert.False(Iin.TryParse(text, out _, out IinError error));
        Assert.Equal(expected, error);
        if (text is not null)
        {
            IinFormatException ex = Assert.Throws<IinFormatException>(() => Iin.Parse(text));
            Assert.Equal(expected, ex.Error);
            Assert.DoesNotContain(text.Length > 0 ? text : "\u0000", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ToString_is_masked_and_default_is_empty()
    {
        Iin iin = Iin.Parse("880912300763");
        Assert.Equal("**********63", iin.ToString());
        Assert.Equal(string.Empty, default(Iin).ToString());
        Assert.Throws<InvalidOperationException>(() => default(Iin).Value);
    }

    // An independent reference of the check digit (docs/value-types.md), to compare the library against.
    private static int? ReferenceCheckDigit(string eleven)
    {
        int[] w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        int[] w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
        int r = eleven.Select((c, i) => (c - '0') * w1[i]).Sum() % 11;
        if (r == 10)
        {
            r = eleven.Select((c, i) => (c - '0') * w2[i]).Sum() % 11;
        }

        return r == 10 ? null : r;
    }

    private static Arbitrary<string> ElevenDigitPrefixes() =>
        (from year in Gen.Choose(0, 99)
         from month in Gen.Choose(1, 12)
         from day in Gen.Choose(1, 28)
         from centurySex in Gen.Choose(1, 6)
         from serial in Gen.Choose(0, 9999)
         select string.Create(CultureInfo.InvariantCulture, $"{year:D2}{month:D2}{day:D2}{centurySex}{serial:D4}")).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Completed_prefix_is_valid_iff_reference_says_so() =>
        Prop.ForAll(ElevenDigitPrefixes(), prefix =>
        {
            int? check = ReferenceCheckDigit(prefix);
            if (check is null)
            {
                return Enumerable.Range(0, 10).All(d => Iin.Validate(prefix + d) == IinError.NeverIssued);
            }

            bool validOne = Iin.TryParse(prefix + check.Value, out Iin iin) && iin.Value == prefix + check.Value;
            bool othersInvalid = Enumerable.Range(0, 10).Where(d => d != check.Value).All(d => Iin.Validate(prefix + d) == IinError.CheckDigitMismatch);
            return validOne && othersInvalid;
        });

    [Property(MaxTest = 300)]
    public Property Masked_form_never_reveals_more_than_two_digits() =>
        Prop.ForAll(ElevenDigitPrefixes(), prefix =>
        {
            int? check = ReferenceCheckDigit(prefix);
            if (check is null)
            {
                return true;
            }

            Iin iin = Iin.Parse(prefix + check.Value);
            string s = iin.ToString();
            return s.Count(char.IsDigit) == 2 && !s.Contains(iin.Value[..10], StringComparison.Ordinal);
        });
}

public class BinTests
{
    [Fact]
    public void Accepts_a_valid_bin_and_checks_the_entity_type()
    {
        // Build a BIN with the shared check digit: registered 2010-04, resident legal entity (4), serial.
        string prefix = "10044000012";
        int check = Iin.ComputeCheckDigit(prefix)!.Value;
        Bin bin = Bin.Parse(prefix + check);
        Assert.Equal(4, bin.EntityTypeDigit);
        Assert.Equal(IinError.InvalidEntityType, Bin.Validate("10047000012" + check));
        Assert.Equal(IinError.CheckDigitMismatch, Bin.Validate(prefix + ((check + 1) % 10)));
        Assert.False(Bin.TryParse("abc", out _));
    }
}

public class KzPhoneNumberTests
{
    [Theory]
    [InlineData("+77011234567")]
    [InlineData("87011234567")]
    [InlineData("77011234567")]
    [InlineData("+7 (701) 123-45-67")]
    [InlineData("8 701 123 45 67")]
    [InlineData("+7.701.123.45.67")]
    public void Normalises_to_E164(string input)
    {
        KzPhoneNumber n = KzPhoneNumber.Parse(input);
        Assert.Equal("+77011234567", n.E164);
        Assert.Equal("701", n.Prefix);
        Assert.Equal("7011234567", n.NationalNumber);
    }

    [Theory]
    [InlineData("", PhoneNumberError.Empty)]
    [InlineData("+7701123456", PhoneNumberError.WrongLength)]
    [InlineData("+7 701 123 45 67 8", PhoneNumberError.WrongLength)]
    [InlineData("+7 701 123 45 6x", PhoneNumberError.InvalidCharacter)]
    [InlineData("+87011234567", PhoneNumberError.NotKazakhstan)]
    [InlineData("+77272123456", PhoneNumberError.NotMobile)]
    [InlineData("+79161234567", PhoneNumberError.NotMobile)]
    [InlineData("+77991234567", PhoneNumberError.UnknownMobilePrefix)]
    public void Rejects_with_a_named_error(string input, PhoneNumberError expected)
    {
        Assert.False(KzPhoneNumber.TryParse(input, out _, out PhoneNumberError error));
        Assert.Equal(expected, error);
        PhoneNumberFormatException ex = Assert.Throws<PhoneNumberFormatException>(() => KzPhoneNumber.Parse(input));
        Assert.Equal(expected, ex.Error);
    }

    [Fact]
    public void Every_prefix_in_the_csv_is_a_known_mobile_range()
    {
        string[] prefixes = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "services", "kz_mobile_prefixes.csv"))
            .Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.NotEmpty(prefixes);
        foreach (string p in prefixes)
        {
            Assert.True(KzPhoneNumber.TryParse("+7" + p + "1234567", out _), p);
        }

        Assert.Equal(prefixes.Order(), KzPhoneNumber.KnownMobilePrefixes.Order());
    }

    [Property(MaxTest = 300)]
    public Property All_spellings_normalise_alike_and_mask() =>
        Prop.ForAll(
            Gen.Elements(KzPhoneNumber.KnownMobilePrefixes.ToArray()).ToArbitrary(),
            Gen.Choose(0, 9_999_999).ToArbitrary(),
            (prefix, rest) =>
            {
                string digits = prefix + rest.ToString("D7", CultureInfo.InvariantCulture);
                KzPhoneNumber a = KzPhoneNumber.Parse("8" + digits);
                KzPhoneNumber b = KzPhoneNumber.Parse("+7 (" + digits[..3] + ") " + digits[3..6] + "-" + digits[6..8] + "-" + digits[8..]);
                KzPhoneNumber c = KzPhoneNumber.Parse("7" + digits);
                return a == b && b == c && a.E164 == "+7" + digits && !a.ToString().Contains(digits[3..8], StringComparison.Ordinal);
            });
}
