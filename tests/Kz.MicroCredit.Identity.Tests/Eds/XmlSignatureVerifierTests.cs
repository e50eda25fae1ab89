using System.Xml;
using Kz.MicroCredit.Identity.Eds;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

public sealed class XmlSignatureVerifierTests
{
    private static XmlSignatureVerificationResult VerifyNca(byte[] xml, string at, NcaTrustStore? store = null) =>
        NcaXmlSignatureVerifier.Verify(xml, new XmlSignatureVerificationOptions { TrustStore = store ?? NcaTrustStore.Test, ValidationTime = EdsTestData.At(at) });

    [Fact]
    public void Kalkan_enveloped_rsa_verifies_at_a_past_instant()
    {
        XmlSignatureVerificationResult result = VerifyNca(EdsTestData.Bytes("nca", "ncanode", "xml", "XmlServiceTest.xml_signed_valid_string.xml"), "2021-06-01T00:00:00Z");
        Assert.True(result.IsValid, result.Failure?.ToString());
        Assert.Equal(Kz.MicroCredit.Identity.Cryptography.NcaKeyAlgorithm.Rsa, result.KeyAlgorithm);
        Assert.Same(result.Signatures[0].SignedElement, result.SignedElement);
        Assert.Equal(3, result.Signatures[0].Path.Count);
    }

    [Fact]
    public void Kalkan_enveloped_rsa_is_expired_now()
    {
        XmlSignatureVerificationResult result = VerifyNca(EdsTestData.Bytes("nca", "ncanode", "xml", "XmlServiceTest.xml_signed_valid_string.xml"), "2026-01-01T00:00:00Z");
        Assert.False(result.IsValid);
        Assert.Equal(ReasonCode.CertificateExpired, result.Failure);
        Assert.True(result.Signatures[0].SignatureValid);
    }

    [Fact]
    public void Kalkan_enveloped_rsa_is_untrusted_under_production_store()
    {
        XmlSignatureVerificationResult result = VerifyNca(EdsTestData.Bytes("nca", "ncanode", "xml", "XmlServiceTest.xml_signed_valid_string.xml"), "2021-06-01T00:00:00Z", NcaTrustStore.Production);
        Assert.Equal(ReasonCode.CertificateUntrusted, result.Failure);
    }

    [Fact]
    public void WsSecurity_soap_body_verifies_and_is_the_signed_element()
    {
        byte[] xml = EdsTestData.Bytes("nca", "ncanode", "xml", "WsseServiceTest.xml_signed_string.soap.xml");
        XmlDocument doc = SafeXml.Load(xml);
        XmlSignatureVerificationResult result = NcaXmlSignatureVerifier.Verify(doc, new XmlSignatureVerificationOptions
        {
            TrustStore = NcaTrustStore.Test,
            ValidationTime = EdsTestData.At("2021-06-01T00:00:00Z"),
            ExpectedSignedElement = d => d.DocumentElement!.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == "Body"),
        });
        Assert.True(result.IsValid, result.Failure?.ToString());
        Assert.Equal("Body", result.SignedElement!.LocalName);
    }

    [Fact]
    public void Stacked_two_signers_verify_last_first()
    {
        // The RSA signer's certificate (2021-01-18..2022-01-18) and the GOST one (2022-07-28..2023-07-28) never overlap.
        byte[] xml = EdsTestData.Bytes("nca", "ncanode", "xml", "XmlServiceTest.xml_signed_valid_string_two_signers.xml");
        XmlSignatureVerificationResult in2021 = VerifyNca(xml, "2021-06-01T00:00:00Z");
        XmlSignatureVerificationResult in2022 = VerifyNca(xml, "2022-10-01T00:00:00Z");
        Assert.Equal(2, in2021.Signatures.Count);
        Assert.All(in2021.Signatures.Concat(in2022.Signatures), s => Assert.True(s.SignatureValid, s.Failure?.ToString()));
        Assert.True(in2021.Signatures[0].CertificateTrusted);
        Assert.Equal(ReasonCode.CertificateExpired, in2021.Signatures[1].Failure);
        Assert.Equal(ReasonCode.CertificateExpired, in2022.Signatures[0].Failure);
        Assert.True(in2022.Signatures[1].CertificateTrusted);
        Assert.False(in2021.IsValid);
    }

    [Fact]
    public void Gost2015_enveloped_with_cr_entities_verifies_with_its_self_signed_certificate_as_anchor()
    {
        var anchor = EdsTestData.Certificate("nca", "ncalayer-rs", "test_gost512.cer.pem");
        XmlSignatureVerificationResult result = VerifyNca(EdsTestData.Bytes("nca", "ncalayer-rs", "test_gost512.xml_simple.xml"), "2027-01-01T00:00:00Z", NcaTrustStore.Custom([anchor]));
        Assert.True(result.IsValid, result.Failure?.ToString());
        Assert.Equal(Kz.MicroCredit.Identity.Cryptography.NcaKeyAlgorithm.Gost2015_512, result.KeyAlgorithm);
    }

    [Fact]
    public void Unsigned_xml_has_no_signature()
    {
        XmlSignatureVerificationResult result = VerifyNca(EdsTestData.Bytes("nca", "kalkan-sdk-testdata", "examples", "test_xml.xml"), "2021-06-01T00:00:00Z");
        Assert.Equal(ReasonCode.SignatureMissing, result.Failure);
    }

    [Fact]
    public void Generic_wsse_sample_with_sha1_is_rejected()
    {
        XmlSignatureVerificationResult result = VerifyNca(EdsTestData.Bytes("nca", "kalkan-sdk-testdata", "examples", "test_wsse.xml"), "2021-06-01T00:00:00Z");
        Assert.False(result.IsValid);
        Assert.Contains(result.Failure!.Value, new[] { ReasonCode.UnsupportedAlgorithm, ReasonCode.MalformedSignature });
    }

    [Theory]
    [InlineData("<!DOCTYPE a [<!ENTITY x 'y'>]><a>&x;</a>")]
    [InlineData("<!DOCTYPE a SYSTEM 'http://example.invalid/a.dtd'><a/>")]
    [InlineData("<a><b></a>")]
    [InlineData("")]
    [InlineData("not xml at all")]
    public void Hostile_or_broken_xml_is_malformed(string text)
    {
        XmlSignatureVerificationResult result = VerifyNca(System.Text.Encoding.UTF8.GetBytes(text), "2021-06-01T00:00:00Z");
        Assert.Equal(ReasonCode.MalformedSignature, result.Failure);
    }

    [Fact]
    public void Deep_nesting_and_huge_input_are_too_large()
    {
        string deep = string.Concat(Enumerable.Repeat("<a>", 10_000)) + string.Concat(Enumerable.Repeat("</a>", 10_000));
        Assert.Equal(ReasonCode.InputTooLarge, VerifyNca(System.Text.Encoding.UTF8.GetBytes(deep), "2021-06-01T00:00:00Z").Failure);
        var huge = new byte[SafeXml.DefaultMaxBytes + 1];
        Assert.Equal(ReasonCode.InputTooLarge, VerifyNca(huge, "2021-06-01T00:00:00Z").Failure);
    }

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public bool Any_single_byte_change_inside_the_signed_region_is_rejected(ushort position, byte delta)
    {
        // Signed region: everything of the document element outside the ds:Signature element (enveloped, URI="").
        byte[] xml = EdsTestData.Bytes("nca", "ncanode", "xml", "XmlServiceTest.xml_signed_valid_string.xml");
        int start = xml.AsSpan().IndexOf("?>"u8) + 2;
        int end = xml.AsSpan().IndexOf("<ds:Signature"u8);
        int index = start + (position % (end - start));
        byte[] copy = (byte[])xml.Clone();
        copy[index] ^= delta == 0 ? (byte)0x01 : delta;
        if (xml[index] is (byte)'"' or (byte)'\'' && copy[index] is (byte)'"' or (byte)'\'')
        {
            return true; // swapping attribute quote style does not change the XML information set
        }

        return !VerifyNca(copy, "2021-06-01T00:00:00Z").IsValid;
    }

    [Fact]
    public void Tampered_signature_value_or_certificate_is_rejected()
    {
        string xml = EdsTestData.Text("nca", "ncanode", "xml", "XmlServiceTest.xml_signed_valid_string.xml");
        int sv = xml.IndexOf("<ds:SignatureValue>", StringComparison.Ordinal) + 25;
        string badSignature = xml[..sv] + (xml[sv] == 'A' ? 'B' : 'A') + xml[(sv + 1)..];
        Assert.Equal(ReasonCode.SignatureInvalid, VerifyNca(System.Text.Encoding.UTF8.GetBytes(badSignature), "2021-06-01T00:00:00Z").Failure);
        int cert = xml.IndexOf("<ds:X509Certificate>", StringComparison.Ordinal) + 400;
        string badCert = xml[..cert] + (xml[cert] == 'A' ? 'B' : 'A') + xml[(cert + 1)..];
        Assert.False(VerifyNca(System.Text.Encoding.UTF8.GetBytes(badCert), "2021-06-01T00:00:00Z").IsValid);
    }

    [Fact]
    public void A_gost_signature_method_with_an_rsa_key_is_an_algorithm_mismatch()
    {
        string xml = EdsTestData.Text("nca", "ncanode", "xml", "XmlServiceTest.xml_signed_valid_string.xml")
            .Replace("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512", StringComparison.Ordinal);
        Assert.Equal(ReasonCode.UnsupportedAlgorithm, VerifyNca(System.Text.Encoding.UTF8.GetBytes(xml), "2021-06-01T00:00:00Z").Failure);
    }
}
