using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Tests.Cryptography;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Signing;

public sealed class NcaXmlSignerTests
{
    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";

    /// <summary>
    /// Verifies the LAST enveloped signature of a document: canonical SignedInfo from the original document, SignatureValue
    /// with the KeyInfo certificate, then the reference digest (URI="" or #id).
    /// </summary>
    internal static bool VerifyLastSignature(string xml, out X509Certificate2 certificate)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        var ns = new XmlNamespaceManager(document.NameTable);
        ns.AddNamespace("ds", Ds);
        XmlElement signature = (XmlElement)document.SelectNodes("//ds:Signature", ns)!.Cast<XmlNode>().Last();
        var signedInfo = (XmlElement)signature.SelectSingleNode("ds:SignedInfo", ns)!;
        string c14n = signedInfo.SelectSingleNode("ds:CanonicalizationMethod/@Algorithm", ns)!.Value!;
        string method = signedInfo.SelectSingleNode("ds:SignatureMethod/@Algorithm", ns)!.Value!;
        var reference = (XmlElement)signedInfo.SelectSingleNode("ds:Reference", ns)!;
        string uri = reference.GetAttribute("URI");
        string digestMethod = reference.SelectSingleNode("ds:DigestMethod/@Algorithm", ns)!.Value!;
        byte[] digestValue = Convert.FromBase64String(reference.SelectSingleNode("ds:DigestValue", ns)!.InnerText);
        List<string> transforms = reference.SelectNodes("ds:Transforms/ds:Transform/@Algorithm", ns)!.Cast<XmlNode>().Select(n => n.Value!).ToList();
        certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(signature.SelectSingleNode("ds:KeyInfo/ds:X509Data/ds:X509Certificate", ns)!.InnerText));
        byte[] signatureValue = Convert.FromBase64String(signature.SelectSingleNode("ds:SignatureValue", ns)!.InnerText);

        NcaPublicKey key = NcaPublicKey.FromCertificate(certificate);
        if (!key.VerifyXml(method, NcaXmlCanonicalizer.CanonicalizeElement(signedInfo, c14n), signatureValue))
        {
            return false;
        }

        string referenceC14n = transforms.Last();
        byte[] referenced;
        if (uri.Length == 0)
        {
            referenced = NcaXmlCanonicalizer.CanonicalizeDocument(document, referenceC14n, signature);
        }
        else
        {
            XmlElement target = document.SelectNodes("//*")!.Cast<XmlElement>().Single(e => "#" + e.GetAttribute("Id") == uri);
            referenced = NcaXmlCanonicalizer.CanonicalizeElement(target, referenceC14n, exclude: IsAncestor(target, signature) ? signature : null);
        }

        return NcaDigests.Compute(digestMethod, referenced).AsSpan().SequenceEqual(digestValue);
    }

    [Theory]
    [InlineData("ncanode/xml/XmlServiceTest.xml_signed_valid_string.xml", NcaKeyAlgorithm.Rsa)]
    [InlineData("ncalayer-rs/test_gost512.xml_simple.xml", NcaKeyAlgorithm.Gost2015_512)]
    [InlineData("ncanode/xml/XmlServiceTest.xml_signed_valid_string_two_signers.xml", NcaKeyAlgorithm.Gost2015_512)]
    public void Real_kalkan_xml_verifies_with_the_canonicaliser(string file, NcaKeyAlgorithm algorithm)
    {
        string xml = File.ReadAllText(NcaTestFiles.PathOf(file));

        Assert.True(VerifyLastSignature(xml, out X509Certificate2 certificate));
        Assert.Equal(algorithm, NcaPublicKey.FromCertificate(certificate).Algorithm);
        Assert.False(VerifyLastSignature(xml.Replace("<b>test</b>", "<b>tesT</b>", StringComparison.Ordinal).Replace("текст", "тексТ", StringComparison.Ordinal), out _));
    }

    [Fact]
    public void Stacked_kalkan_signatures_verify_last_first_then_the_earlier_one()
    {
        string xml = File.ReadAllText(NcaTestFiles.PathOf("ncanode/xml/XmlServiceTest.xml_signed_valid_string_two_signers.xml"));
        Assert.True(VerifyLastSignature(xml, out _));

        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        XmlNode last = document.GetElementsByTagName("Signature", Ds).Cast<XmlNode>().Last();
        last.ParentNode!.RemoveChild(last);

        Assert.True(VerifyLastSignature(document.OuterXml, out X509Certificate2 first));
        Assert.Equal(NcaKeyAlgorithm.Rsa, NcaPublicKey.FromCertificate(first).Algorithm);
    }

    public static TheoryData<string, string> Signers => new()
    {
        { "ncanode/keys/key_individual_valid_2015.p12", "Aa123456" },
        { "ncanode/keys/key_individual_valid_sign_2004.p12", "Qwerty12" },
        { "ncanode/keys/key_ceo_sign_revoked_2004.p12", "Qwerty12" },
    };

    [Theory]
    [MemberData(nameof(Signers))]
    public async Task Enveloped_signature_of_the_kalkan_sample_document_verifies(string keyFile, string password)
    {
        using Pkcs12NcaSigner signer = Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf(keyFile), password);
        string input = File.ReadAllText(NcaTestFiles.PathOf("kalkan-sdk-testdata/examples/test_xml.xml"));

        string signed = await NcaXmlSigner.SignEnvelopedAsync(input, signer);

        Assert.True(VerifyLastSignature(signed, out X509Certificate2 certificate));
        Assert.Equal(signer.Certificate.RawData, certificate.RawData);
        Assert.False(VerifyLastSignature(signed.Replace("Северный Кварц", "Южный Кварц", StringComparison.Ordinal), out _));
    }

    [Theory]
    [MemberData(nameof(Signers))]
    public async Task Enveloped_signature_has_the_structure_of_the_kalkan_samples(string keyFile, string password)
    {
        using Pkcs12NcaSigner signer = Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf(keyFile), password);
        string reference = File.ReadAllText(NcaTestFiles.PathOf(signer.Algorithm == NcaKeyAlgorithm.Rsa
            ? "ncanode/xml/XmlServiceTest.xml_signed_valid_string.xml"
            : "ncalayer-rs/test_gost512.xml_simple.xml"));

        string signed = await NcaXmlSigner.SignEnvelopedAsync("<root><a>1</a><b attr=\"x\">текст</b></root>", signer);

        List<string> ours = Shape(signed);
        List<string> kalkan = Shape(reference);
        if (signer.Algorithm == NcaKeyAlgorithm.Gost2004)
        {
            // no real GOST-2004 XML sample: only the algorithm URIs differ from the GOST-2015 one
            kalkan = kalkan.Select(s => s
                .Replace(NcaSignatureAlgorithms.XmlGost2015_512, NcaSignatureAlgorithms.XmlGost2004, StringComparison.Ordinal)
                .Replace(NcaDigests.XmlStreebog512, NcaDigests.XmlGost34311, StringComparison.Ordinal)).ToList();
        }

        Assert.Equal(kalkan, ours);
    }

    [Fact]
    public async Task Rsa_enveloped_signature_also_verifies_with_dotnet_signed_xml()
    {
        using Pkcs12NcaSigner signer = Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf("ncanode/keys/key_individual_valid_sign_2004.p12"), "Qwerty12");
        string signed = await NcaXmlSigner.SignEnvelopedAsync("<a xmlns:x=\"urn:x\"><b>test</b><!-- c --><x:c>1</x:c></a>", signer);

        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(signed);
        var signedXml = new SignedXml(document);
        signedXml.LoadXml((XmlElement)document.GetElementsByTagName("Signature", Ds)[0]!);

        Assert.True(signedXml.CheckSignature(signer.Certificate, verifySignatureOnly: true));
    }

    [Fact]
    public async Task Signing_a_signed_document_stacks_the_signatures()
    {
        using Pkcs12NcaSigner rsa = Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf("ncanode/keys/key_individual_valid_sign_2004.p12"), "Qwerty12");
        using Pkcs12NcaSigner gost = Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf("ncanode/keys/key_individual_valid_2015.p12"), "Aa123456");

        string once = await NcaXmlSigner.SignEnvelopedAsync("<a><b>test</b></a>", rsa);
        string twice = await NcaXmlSigner.SignEnvelopedAsync(once, gost);

        Assert.True(VerifyLastSignature(twice, out X509Certificate2 last));
        Assert.Equal(gost.Certificate.RawData, last.RawData);
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(twice);
        XmlNode second = document.GetElementsByTagName("Signature", Ds)[1]!;
        second.ParentNode!.RemoveChild(second);
        Assert.True(VerifyLastSignature(document.OuterXml, out X509Certificate2 first));
        Assert.Equal(rsa.Certificate.RawData, first.RawData);
    }

    [Theory]
    [MemberData(nameof(Signers))]
    public async Task By_id_signature_with_exclusive_c14n_verifies(string keyFile, string password)
    {
        using Pkcs12NcaSigner signer = Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf(keyFile), password);
        const string Input = "<env xmlns:p=\"urn:p\"><p:body Id=\"body-1\"><p:x>42</p:x></p:body><other>unsigned</other></env>";

        string signed = await NcaXmlSigner.SignByIdAsync(Input, "body-1", signer);

        Assert.Contains("URI=\"#body-1\"", signed, StringComparison.Ordinal);
        Assert.Contains(NcaXmlCanonicalizer.ExcC14N, signed, StringComparison.Ordinal);
        Assert.True(VerifyLastSignature(signed, out _));
        Assert.True(VerifyLastSignature(signed.Replace("unsigned", "changed", StringComparison.Ordinal), out _)); // outside the reference
        Assert.False(VerifyLastSignature(signed.Replace(">42<", ">43<", StringComparison.Ordinal), out _));
        if (signer.Algorithm == NcaKeyAlgorithm.Rsa)
        {
            var document = new XmlDocument { PreserveWhitespace = true };
            document.LoadXml(signed);
            var signedXml = new SignedXml(document);
            signedXml.LoadXml((XmlElement)document.GetElementsByTagName("Signature", Ds)[0]!);
            Assert.True(signedXml.CheckSignature(signer.Certificate, verifySignatureOnly: true));
        }
    }

    [Fact]
    public async Task Unknown_or_duplicate_id_is_refused()
    {
        using Pkcs12NcaSigner signer = Pkcs12NcaSigner.LoadFile(NcaTestFiles.PathOf("ncanode/keys/key_individual_valid_sign_2004.p12"), "Qwerty12");

        await Assert.ThrowsAsync<ArgumentException>(() => NcaXmlSigner.SignByIdAsync("<a><b Id=\"x\"/><c Id=\"x\"/></a>", "x", signer));
        await Assert.ThrowsAsync<ArgumentException>(() => NcaXmlSigner.SignByIdAsync("<a/>", "x", signer));
    }

    private static bool IsAncestor(XmlNode ancestor, XmlNode node)
    {
        for (XmlNode? n = node.ParentNode; n is not null; n = n.ParentNode)
        {
            if (n == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The element/attribute skeleton of the last Signature (names, Algorithm and URI attributes), values left out.</summary>
    private static List<string> Shape(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        XmlElement signature = document.GetElementsByTagName("Signature", Ds).Cast<XmlElement>().Last();
        var result = new List<string>();
        foreach (XmlElement element in signature.SelectNodes("descendant-or-self::*")!.Cast<XmlElement>())
        {
            result.Add($"{element.Name} {element.GetAttribute("Algorithm")} {(element.HasAttribute("URI") ? "URI=" + element.GetAttribute("URI") : "")}");
        }

        return result;
    }
}
