using System.Text;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

/// <summary>
/// XML that is not UTF-8 (UTF-16 with or without a byte-order mark, a declared windows-1251 or other encoding) is
/// refused by the SDK with <see cref="ReasonCode.UnsupportedEncoding"/> naming the encoding, on every entry point
/// (the hardened loader, the XML verifier from bytes, the EDS method's input detection); UTF-8 keeps verifying.
/// </summary>
public sealed class XmlEncodingRefusalTests
{
    [Theory]
    [InlineData("utf-16le-bom", "UTF-16")]
    [InlineData("utf-16be-bom", "UTF-16")]
    [InlineData("utf-16le", "UTF-16")]
    [InlineData("utf-16be", "UTF-16")]
    [InlineData("<?xml version=\"1.0\" encoding=\"windows-1251\"?><root/>", "windows-1251")]
    [InlineData("<?xml version='1.0' encoding='WINDOWS-1251'?><root/>", "windows-1251")]
    [InlineData("<?xml version=\"1.0\" encoding = \"cp1251\" ?><root/>", "windows-1251")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-16\"?><root/>", "UTF-16")]
    [InlineData("<?xml version=\"1.0\" encoding=\"ISO-8859-5\"?><root/>", "a non-UTF-8 encoding")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?><root/>", null)]
    [InlineData("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?><root/>", null)]
    [InlineData("<?xml version=\"1.0\" encoding=\"US-ASCII\"?><root/>", null)]
    [InlineData("<?xml version=\"1.0\"?><root encoding=\"windows-1251\"/>", null)]
    [InlineData("<root/>", null)]
    public void The_encoding_is_named_from_a_fixed_set(string input, string? expected)
    {
        Assert.Equal(expected, XmlEncodingCheck.FindUnsupported(Encode(input, "<root/>")));
    }

    [Fact]
    public void A_UTF8_byte_order_mark_with_a_UTF8_declaration_is_UTF8()
    {
        byte[] xml = [0xEF, 0xBB, 0xBF, .. "<?xml version=\"1.0\" encoding=\"UTF-8\"?><root/>"u8];
        Assert.Null(XmlEncodingCheck.FindUnsupported(xml));
        Assert.Equal("windows-1251", XmlEncodingCheck.FindUnsupported([0xEF, 0xBB, 0xBF, .. "<?xml version=\"1.0\" encoding=\"windows-1251\"?><root/>"u8]));
    }

    [Fact]
    public async Task A_signed_document_re_encoded_or_re_declared_is_refused_by_name_and_the_UTF8_original_verifies()
    {
        using var pki = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Rsa });
        INcaSigner signer = pki.IssueIndividual(Iin.Parse("880912300763"), "ТЕСТОВ", "ТЕСТ");
        string signed = await NcaXmlSigner.SignEnvelopedAsync("<challenge xmlns=\"urn:kz-microcredit-identity:challenge:1\" id=\"AAAA\" nonce=\"BBBB\"/>", signer);
        var options = new XmlSignatureVerificationOptions
        {
            TrustStore = NcaTrustStore.Custom([pki.RootCertificate], [pki.IssuingCaCertificate]),
            ValidationTime = DateTimeOffset.UtcNow.AddMinutes(1),
        };

        byte[] utf8 = Encoding.UTF8.GetBytes(signed);
        Assert.True(NcaXmlSignatureVerifier.Verify(utf8, options).IsValid);

        string body = signed.StartsWith("<?xml", StringComparison.Ordinal) ? signed[(signed.IndexOf("?>", StringComparison.Ordinal) + 2)..] : signed;
        byte[] utf16 = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(body)];
        byte[] declared1251 = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"windows-1251\"?>" + body);
        foreach ((byte[] xml, string name) in new[] { (utf16, "UTF-16"), (declared1251, "windows-1251") })
        {
            XmlSignatureVerificationResult result = NcaXmlSignatureVerifier.Verify(xml, options);
            Assert.False(result.IsValid);
            Assert.Equal(ReasonCode.UnsupportedEncoding, result.Failure);

            EdsFormatException refused = Assert.Throws<EdsFormatException>(() => SafeXml.Load(xml));
            Assert.Equal(ReasonCode.UnsupportedEncoding, refused.Reason);
            Assert.Contains("XML encoding " + name + " is not supported; NCA signers produce UTF-8", refused.Message, StringComparison.Ordinal);

            Assert.False(EdsInput.TryDecode(xml, EdsSignatureFormat.Auto, SafeXml.DefaultMaxBytes, out _, out _, out ReasonCode failure));
            Assert.Equal(ReasonCode.UnsupportedEncoding, failure);
            Assert.False(EdsInput.TryDecode(xml, EdsSignatureFormat.Xml, SafeXml.DefaultMaxBytes, out _, out _, out failure));
            Assert.Equal(ReasonCode.UnsupportedEncoding, failure);
        }

        Assert.True(EdsInput.TryDecode(utf8, EdsSignatureFormat.Auto, SafeXml.DefaultMaxBytes, out EdsSignatureFormat format, out _, out _));
        Assert.Equal(EdsSignatureFormat.Xml, format);
    }

    private static byte[] Encode(string input, string document) => input switch
    {
        "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(document)],
        "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(document)],
        "utf-16le" => Encoding.Unicode.GetBytes(document),
        "utf-16be" => Encoding.BigEndianUnicode.GetBytes(document),
        _ => Encoding.UTF8.GetBytes(input),
    };
}
