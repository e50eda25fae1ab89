using System.Text;
using System.Xml;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.Signing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.PhoneOwnership;

public sealed class WsseSigningTests
{
    private static string KeyPath(string relative) => Path.Combine(AppContext.BaseDirectory, "TestData", "nca", relative);

    public static TheoryData<string, string, string> Keys => new()
    {
        { "rsa", "ncanode/keys/key_individual_valid_sign_2004.p12", "Qwerty12" },
        { "gost2004", "ncanode/keys/key_ceo_sign_revoked_2004.p12", "Qwerty12" },
        { "gost2015", "ncanode/keys/key_individual_valid_2015.p12", "Aa123456" },
    };

    private static readonly Dictionary<string, (string Signature, string Digest)> ExpectedAlgorithms = new()
    {
        ["rsa"] = ("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "http://www.w3.org/2001/04/xmlenc#sha256"),
        ["gost2004"] = ("http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311", "http://www.w3.org/2001/04/xmldsig-more#gost34311"),
        ["gost2015"] = ("urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512", "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512"),
    };

    internal static async Task<(XmlDocument Signed, Pkcs12NcaSigner Signer)> SignSampleAsync(string keyFile, string password)
    {
        Pkcs12NcaSigner signer = Pkcs12NcaSigner.LoadFile(KeyPath(keyFile), password);
        var info = new SmartBridgeRequestInfo(Guid.NewGuid().ToString(), null, "GBDFL_UniversalServiceSync", DateTimeOffset.UnixEpoch, "smartbridge", "123", null);
        XmlDocument envelope = SmartBridgeEnvelope.Build(info, new SmartBridgeServiceData("Request", w => w.WriteElementString("iin", string.Empty, "931002451325"), "http://message.persistence.interactive.nat"), SmartBridgeEnvelope.NewBodyId());
        await WsseEnvelopeSigner.SignAsync(envelope, signer, CancellationToken.None);

        // Round trip through bytes and the hardened parser, as the gateway would receive it.
        return (SmartBridgeXml.Load(SmartBridgeEnvelope.ToBytes(envelope), 1 << 20), signer);
    }

    private static TimeProvider DuringValidity(Pkcs12NcaSigner signer) =>
        new FakeTimeProvider(new DateTimeOffset(signer.Certificate.NotBefore.ToUniversalTime()).AddDays(30));

    private static XmlElement Body(XmlDocument d) =>
        d.DocumentElement!.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "Body");

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Envelope_signed_with_an_NCA_key_verifies_in_the_EDS_verifier(string kind, string keyFile, string password)
    {
        (XmlDocument signed, Pkcs12NcaSigner signer) = await SignSampleAsync(keyFile, password);
        using (signer)
        {
            SmartBridgeSignatureCheck check = EdsSmartBridgeResponseVerifier.Check(signed, Body(signed), signer.Certificate, NcaTrustStore.Test, DuringValidity(signer));
            Assert.True(check.IsValid, kind + ": " + check.FailureCode);
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Tampered_signed_envelope_fails_in_the_EDS_verifier(string kind, string keyFile, string password)
    {
        (XmlDocument signed, Pkcs12NcaSigner signer) = await SignSampleAsync(keyFile, password);
        using (signer)
        {
            string text = Encoding.UTF8.GetString(SmartBridgeEnvelope.ToBytes(signed)).Replace("931002451325", "931002451326", StringComparison.Ordinal);
            XmlDocument tampered = SmartBridgeXml.Load(Encoding.UTF8.GetBytes(text), 1 << 20);
            Assert.False(EdsSmartBridgeResponseVerifier.Check(tampered, Body(tampered), signer.Certificate, NcaTrustStore.Test, DuringValidity(signer)).IsValid, kind);
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public async Task Signed_envelope_has_exactly_the_structure_of_the_real_SmartBridge_sample(string kind, string keyFile, string password)
    {
        XmlDocument sample = SmartBridgeXml.Load(RealSignedEnvelopeTests.Read("WsseServiceTest.xml_signed_string.soap.xml"), 1 << 20);
        (XmlDocument ours, Pkcs12NcaSigner signer) = await SignSampleAsync(keyFile, password);
        using (signer)
        {
            Assert.Equal(Shape(sample.DocumentElement!, kind == "rsa" ? null : ExpectedAlgorithms["rsa"]), Shape(ours.DocumentElement!, kind == "rsa" ? null : ExpectedAlgorithms[kind]));
            Assert.Equal(ExpectedAlgorithms[kind].Signature, ours.GetElementsByTagName("SignatureMethod", "http://www.w3.org/2000/09/xmldsig#")[0]!.Attributes!["Algorithm"]!.Value);
            Assert.Equal(ExpectedAlgorithms[kind].Digest, ours.GetElementsByTagName("DigestMethod", "http://www.w3.org/2000/09/xmldsig#")[0]!.Attributes!["Algorithm"]!.Value);
            XmlElement keyIdentifier = (XmlElement)ours.GetElementsByTagName("KeyIdentifier", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd")[0]!;
            Assert.Equal(Convert.ToBase64String(signer.Certificate.RawData), keyIdentifier.InnerText);
            string reference = ours.GetElementsByTagName("Reference", "http://www.w3.org/2000/09/xmldsig#")[0]!.Attributes!["URI"]!.Value;
            Assert.Matches("^#id-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", reference);
        }
    }

    /// <summary>
    /// The shape of the security header and the Body: element paths with their attributes (namespace + name) and the
    /// algorithm/ValueType/EncodingType/mustUnderstand values; the request payload below Body is not compared.
    /// Algorithms of a GOST envelope are mapped to the RSA ones of the sample before comparison.
    /// </summary>
    private static List<string> Shape(XmlElement envelope, (string Signature, string Digest)? mapAlgorithms)
    {
        var lines = new List<string>();
        void Walk(XmlElement e, string path)
        {
            string here = path + "/{" + e.NamespaceURI + "}" + e.LocalName;
            var attributes = e.Attributes.OfType<XmlAttribute>()
                .Where(a => a.NamespaceURI != "http://www.w3.org/2000/xmlns/")
                .Select(a =>
                {
                    string value = a.LocalName is "Algorithm" or "ValueType" or "EncodingType" or "mustUnderstand" ? a.Value : "*";
                    if (mapAlgorithms is { } map && a.LocalName == "Algorithm")
                    {
                        value = value == map.Signature ? "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" : value == map.Digest ? "http://www.w3.org/2001/04/xmlenc#sha256" : value;
                    }

                    return "@{" + a.NamespaceURI + "}" + a.LocalName + "=" + value;
                })
                .OrderBy(s => s, StringComparer.Ordinal);
            lines.Add(here + " " + string.Join(" ", attributes));
            if (e.LocalName == "Body")
            {
                return; // the payload differs by design
            }

            foreach (XmlElement child in e.ChildNodes.OfType<XmlElement>())
            {
                Walk(child, here);
            }
        }

        Walk(envelope, string.Empty);
        return lines;
    }

    [Fact]
    public async Task Signing_an_already_signed_envelope_is_refused()
    {
        (XmlDocument signed, Pkcs12NcaSigner signer) = await SignSampleAsync("ncanode/keys/key_individual_valid_sign_2004.p12", "Qwerty12");
        using (signer)
        {
            await Assert.ThrowsAsync<WsseSigningException>(() => WsseEnvelopeSigner.SignAsync(signed, signer, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Signing_a_non_soap_document_is_refused()
    {
        using Pkcs12NcaSigner signer = Pkcs12NcaSigner.LoadFile(KeyPath("ncanode/keys/key_individual_valid_sign_2004.p12"), "Qwerty12");
        var d = new XmlDocument();
        d.LoadXml("<root/>");
        await Assert.ThrowsAsync<WsseSigningException>(() => WsseEnvelopeSigner.SignAsync(d, signer, CancellationToken.None));
    }

    [Fact]
    public async Task Real_unsigned_envelope_shape_gets_a_body_id_and_header_when_missing()
    {
        using Pkcs12NcaSigner signer = Pkcs12NcaSigner.LoadFile(KeyPath("ncanode/keys/key_individual_valid_sign_2004.p12"), "Qwerty12");
        var d = new XmlDocument { PreserveWhitespace = true };
        d.LoadXml("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><x>1</x></soap:Body></soap:Envelope>");
        await WsseEnvelopeSigner.SignAsync(d, signer, CancellationToken.None);
        XmlDocument reparsed = SmartBridgeXml.Load(SmartBridgeEnvelope.ToBytes(d), 1 << 20);
        Assert.True(EdsSmartBridgeResponseVerifier.Check(reparsed, Body(reparsed), signer.Certificate, NcaTrustStore.Test, DuringValidity(signer)).IsValid);
        Assert.Equal("Header", reparsed.DocumentElement!.FirstChild!.LocalName);
    }
}
