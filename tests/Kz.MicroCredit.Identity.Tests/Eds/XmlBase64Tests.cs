using System.Security.Cryptography.X509Certificates;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Kz.MicroCredit.Identity.Eds;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

/// <summary>
/// <see cref="XmlBase64"/> must decode exactly what <see cref="Convert.FromBase64String(string)"/> decodes (the verifier
/// used that before) and refuse exactly what it refuses: compared on valid base64 wrapped and padded with the four
/// ignored characters, on mutations of it, and on hand-picked edge cases.
/// </summary>
public sealed class XmlBase64Tests
{
    private static readonly char[] Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \t\r\n-_.*\u00e9\u0410\0".ToCharArray();

    private static byte[]? Reference(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void AssertSame(string text)
    {
        byte[]? expected = Reference(text);
        byte[]? actual = XmlBase64.Decode(text);
        Assert.True(expected is null == actual is null, $"reference {(expected is null ? "refused" : "accepted")}, ours {(actual is null ? "refused" : "accepted")}: \"{text}\"");
        if (expected is not null)
        {
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("    ")]
    [InlineData("\r\n")]
    [InlineData("QQ==")]
    [InlineData("QQ=")]
    [InlineData("QQ")]
    [InlineData("Q===")]
    [InlineData("====")]
    [InlineData("QUI=")]
    [InlineData("QUJD")]
    [InlineData("Q Q = =")]
    [InlineData("QQ==QUJD")]
    [InlineData("QQ==\n")]
    [InlineData("\tQ\rU\nJ D")]
    [InlineData("QUJD\u00a0")]
    [InlineData("QUJD\v")]
    [InlineData("QUJD\f")]
    [InlineData("QUJ\u0100")]
    [InlineData("QUJ\u0144")]
    [InlineData("QR==")]
    [InlineData("QUJ-")]
    [InlineData("QUJ_")]
    public void Edge_cases_decode_as_Convert_does(string text) => AssertSame(text);

    [FsCheck.Xunit.Property(MaxTest = 400)]
    public Property Wrapped_valid_base64_decodes_as_Convert_does() =>
        Prop.ForAll(
            Gen.Choose(0, 2000).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n)).ToArbitrary(),
            Gen.Choose(1, 90).ToArbitrary(),
            Gen.Elements(" ", "\n", "\r\n", "\t", "  \n  ").ToArbitrary(),
            (bytes, width, separator) =>
            {
                string plain = Convert.ToBase64String(bytes);
                var wrapped = new StringBuilder(separator);
                for (int i = 0; i < plain.Length; i += width)
                {
                    wrapped.Append(plain, i, Math.Min(width, plain.Length - i)).Append(separator);
                }

                AssertSame(wrapped.ToString());
                Assert.Equal(bytes, XmlBase64.Decode(wrapped.ToString()));
            });

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Mutated_base64_is_refused_or_decoded_as_Convert_does() =>
        Prop.ForAll(
            Gen.Choose(0, 64).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n)).ToArbitrary(),
            Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 1000), Gen.Elements(Alphabet)), n)).ToArbitrary(),
            (bytes, edits) =>
            {
                var text = new StringBuilder(Convert.ToBase64String(bytes));
                foreach ((int position, char c) in edits)
                {
                    int at = text.Length == 0 ? 0 : position % (text.Length + 1);
                    if (position % 3 == 0 || at == text.Length)
                    {
                        text.Insert(at, c);
                    }
                    else if (position % 3 == 1)
                    {
                        text[at] = c;
                    }
                    else
                    {
                        text.Remove(at, 1);
                    }
                }

                AssertSame(text.ToString());
            });

    [Fact]
    public void Long_text_goes_through_the_pooled_path()
    {
        byte[] bytes = RandomNumberGenerator(5000);
        string wrapped = string.Join("\r\n", Convert.ToBase64String(bytes).Chunk(76).Select(c => new string(c)));
        Assert.True(wrapped.Length > 1024);
        Assert.Equal(bytes, XmlBase64.Decode(wrapped));
        AssertSame(wrapped + "*");
    }

    [Fact]
    public void Certificates_are_interned_from_wrapped_text_and_bad_hints_are_ignored()
    {
        X509Certificate2 anchor = NcaTrustStore.Test.Anchors[0];
        var validator = new NcaCertificatePathValidator(NcaTrustStore.Test);
        string wrapped = string.Join("\n", Convert.ToBase64String(anchor.RawData).Chunk(64).Select(c => new string(c)));

        X509Certificate2? first = XmlBase64.InternCertificate(wrapped, validator);
        X509Certificate2? second = XmlBase64.InternCertificate(" " + wrapped.Replace("\n", "\r\n", StringComparison.Ordinal) + "\t", validator);

        Assert.NotNull(first);
        Assert.Equal(anchor.RawData, first.RawData);
        Assert.Same(first, second);
        Assert.Same(first, validator.Intern(anchor.RawData));
        Assert.Null(XmlBase64.InternCertificate(string.Empty, validator));
        Assert.Null(XmlBase64.InternCertificate("QUJD", validator)); // base64, not a certificate
        Assert.Null(XmlBase64.InternCertificate(wrapped[..^1], validator)); // truncated text
        Assert.Null(XmlBase64.InternCertificate(Convert.ToBase64String(new byte[16384]), validator)); // over the hint cap
    }

    private static byte[] RandomNumberGenerator(int length)
    {
        byte[] bytes = new byte[length];
        new Random(20261130).NextBytes(bytes);
        return bytes;
    }
}
