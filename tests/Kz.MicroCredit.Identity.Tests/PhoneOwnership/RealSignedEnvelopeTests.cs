using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.PhoneOwnership;

public sealed class RealSignedEnvelopeTests
{
    internal static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "smartbridge", name));

    public static TheoryData<string> Envelopes => new() { "ncanode_wsse_signed_sendmessage_example.xml", "WsseServiceTest.xml_signed_string.soap.xml" };

    private static XmlNamespaceManager Ns(XmlDocument d)
    {
        var ns = new XmlNamespaceManager(d.NameTable);
        ns.AddNamespace("s", "http://schemas.xmlsoap.org/soap/envelope/");
        ns.AddNamespace("ds", "http://www.w3.org/2000/09/xmldsig#");
        ns.AddNamespace("wsse", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd");
        ns.AddNamespace("wsu", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd");
        return ns;
    }

    [Theory]
    [MemberData(nameof(Envelopes))]
    public void Body_digest_of_the_real_envelope_matches_its_DigestValue(string file)
    {
        XmlDocument d = SmartBridgeXml.Load(Read(file), 1 << 20);
        XmlNamespaceManager ns = Ns(d);
        var body = (XmlElement)d.SelectSingleNode("/s:Envelope/s:Body", ns)!;
        string expected = d.SelectSingleNode("//ds:Reference/ds:DigestValue", ns)!.InnerText.Trim();
        Assert.Equal("#" + body.GetAttribute("Id", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"), d.SelectSingleNode("//ds:Reference/@URI", ns)!.Value);

        byte[] canonical = WsseCanonicalizer.Canonicalize(body);

        Assert.Equal(expected, Convert.ToBase64String(SHA256.HashData(canonical)));
    }

    [Fact]
    public void Kalkan_envelope_signature_verifies_with_the_key_from_KeyIdentifier()
    {
        // Independent RSA check of the real Kalkan output (the EDS verifier test below covers the full path).
        (bool valid, X509Certificate2 cert) = CheckRsaSignature("WsseServiceTest.xml_signed_string.soap.xml");
        Assert.True(valid);
        Assert.Contains("IIN123456789011", cert.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Kalkan_envelope_verifies_in_the_EDS_verifier_at_its_signing_time_with_the_certificate_pinned()
    {
        XmlDocument d = SmartBridgeXml.Load(Read("WsseServiceTest.xml_signed_string.soap.xml"), 1 << 20);
        XmlNamespaceManager ns = Ns(d);
        var body = (XmlElement)d.SelectSingleNode("/s:Envelope/s:Body", ns)!;
        var cert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(d.SelectSingleNode("//wsse:KeyIdentifier", ns)!.InnerText.Trim()));
        var atSigning = new FakeTimeProvider(new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero));

        SmartBridgeSignatureCheck check = EdsSmartBridgeResponseVerifier.Check(d, body, cert, NcaTrustStore.Test, atSigning);

        Assert.True(check.IsValid, check.FailureCode);
        Assert.Equal(cert.SerialNumber, check.Signer!.SerialNumber);
    }

    [Fact]
    public void Kalkan_envelope_is_rejected_today_because_its_certificate_expired()
    {
        XmlDocument d = SmartBridgeXml.Load(Read("WsseServiceTest.xml_signed_string.soap.xml"), 1 << 20);
        XmlNamespaceManager ns = Ns(d);
        var body = (XmlElement)d.SelectSingleNode("/s:Envelope/s:Body", ns)!;
        var cert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(d.SelectSingleNode("//wsse:KeyIdentifier", ns)!.InnerText.Trim()));

        Assert.False(EdsSmartBridgeResponseVerifier.Check(d, body, cert, NcaTrustStore.Test, new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero))).IsValid);
    }

    [Fact]
    public void Kalkan_envelope_with_a_tampered_body_is_rejected()
    {
        string xml = System.Text.Encoding.UTF8.GetString(Read("WsseServiceTest.xml_signed_string.soap.xml")).Replace("931002451325", "931002451326", StringComparison.Ordinal);
        XmlDocument d = SmartBridgeXml.Load(System.Text.Encoding.UTF8.GetBytes(xml), 1 << 20);
        XmlNamespaceManager ns = Ns(d);
        var body = (XmlElement)d.SelectSingleNode("/s:Envelope/s:Body", ns)!;
        var cert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(d.SelectSingleNode("//wsse:KeyIdentifier", ns)!.InnerText.Trim()));

        Assert.False(EdsSmartBridgeResponseVerifier.Check(d, body, cert, NcaTrustStore.Test, new FakeTimeProvider(new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.Zero))).IsValid);
    }

    [Fact]
    public void Yaml_extract_signature_no_longer_verifies_because_its_line_breaks_became_spaces()
    {
        // The openapi.yml example is the same signature with SignedInfo's newlines folded to spaces: the Body digest
        // still matches (test above) but the signed bytes differ, so the signature value must not verify.
        (bool valid, _) = CheckRsaSignature("ncanode_wsse_signed_sendmessage_example.xml");
        Assert.False(valid);
    }

    private static (bool Valid, X509Certificate2 Cert) CheckRsaSignature(string file)
    {
        XmlDocument d = SmartBridgeXml.Load(Read(file), 1 << 20);
        XmlNamespaceManager ns = Ns(d);
        var signedInfo = (XmlElement)d.SelectSingleNode("//ds:SignedInfo", ns)!;
        byte[] signature = Convert.FromBase64String(d.SelectSingleNode("//ds:SignatureValue", ns)!.InnerText.Replace("\r", string.Empty, StringComparison.Ordinal).Trim());
        var cert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(d.SelectSingleNode("//wsse:KeyIdentifier", ns)!.InnerText.Trim()));
        using RSA rsa = cert.GetRSAPublicKey()!;
        bool valid = rsa.VerifyData(WsseCanonicalizer.Canonicalize(signedInfo), signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return (valid, cert);
    }
}
