using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Kz.MicroCredit.Identity.Eds;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

/// <summary>
/// The public XML-signature attack corpus (TestData/attacks, see its ATTRIBUTION.md), run twice: under the production
/// allow-list every file is rejected; under a test-only policy that also allows SHA-1 the structural defences must
/// still reject every attack file while the baselines verify. Trust input = the certificate the upstream tests pin,
/// used as a custom anchor, at an instant inside its validity.
/// </summary>
public sealed class XmlAttackCorpusTests
{
    public static TheoryData<string, string, bool> Corpus => new()
    {
        // file, trust input, ACCEPT under the legacy (SHA-1) policy
        { "xml-crypto/valid_saml.xml", "xml-crypto/feide_public.pem", true },
        { "xml-crypto/valid_saml_signature_wrapping.xml", "xml-crypto/feide_public.pem", false },
        { "xml-crypto/valid_saml_withcomments.xml", "xml-crypto/feide_public.pem", false },
        { "xml-crypto/valid_saml_with_digest_comment.xml", "xml-crypto/feide_public.pem", false },
        { "xml-crypto/saml_multiple_signed_info_nodes.xml", "xml-crypto/saml_external_ns.pem", false },
        // Deliberately stricter than upstream (which accepts it using the direct-child SignedInfo only): a foreign
        // element inside ds:Signature is schema-invalid, so the whole signature is rejected as malformed.
        { "xml-crypto/saml_wrapped_signed_info_node.xml", "xml-crypto/saml_external_ns.pem", false },
        { "xml-crypto/saml_external_ns.xml", "xml-crypto/saml_external_ns.pem", true },
        { "xml-crypto/invalid_saml_no_signed_info.xml", "xml-crypto/feide_public.pem", false },
        { "xml-crypto/id_with_quotes.xml", "xml-crypto/feide_public.pem", false },
        { "xml-crypto/valid_signature.xml", "xml-crypto/client_public.pem", true },
        { "xml-crypto/valid_signature_with_lowercase_id_attribute.xml", "xml-crypto/client_public.pem", true },
        { "xml-crypto/valid_signature_with_whitespace_in_digestvalue.xml", "xml-crypto/client_public.pem", true },
        { "xml-crypto/valid_signature_without_transforms_element.xml", "xml-crypto/client_public.pem", true },
        { "xml-crypto/invalid_signature_without_transforms_element.xml", "xml-crypto/client_public.pem", false },
        { "xml-crypto/invalid_signature__hash.xml", "xml-crypto/client_public.pem", false },
        { "xml-crypto/invalid_signature__changed_content.xml", "xml-crypto/client_public.pem", false },
        { "xml-crypto/invalid_signature__non_existing_reference.xml", "xml-crypto/client_public.pem", false },
        { "xml-crypto/invalid_signature__signature_value.xml", "xml-crypto/client_public.pem", false },
        { "xml-crypto/valid_signature_wsu.xml", "xml-crypto/client_public.pem", true },
        { "xml-crypto/invalid_signature__wsu__hash.xml", "xml-crypto/client_public.pem", false },
        { "xml-crypto/invalid_signature__wsu__changed_content.xml", "xml-crypto/client_public.pem", false },
        { "xml-crypto/invalid_signature__wsu__invalid_signature_value.xml", "xml-crypto/client_public.pem", false },
        { "xml-crypto/invalid_signature__wsu__non_existing_reference.xml", "xml-crypto/client_public.pem", false },
        { "xml-crypto/valid_saml_sha256_rsa_mgf1.xml", "xml-crypto/idp_certificate.pem", false },
        { "xml-crypto/invalid_saml_sha256_rsa_mgf1.xml", "xml-crypto/idp_certificate.pem", false },
        { "xml-crypto/hmac_signature.xml", "xml-crypto/client_public.pem", false },
        { "crewjam-saml/TestSPCanHandleOneloginResponse_response", "crewjam-saml/TestSPCanHandleOneloginResponse_IDPMetadata", true },
        { "crewjam-saml/TestXswPermutationOneIsRejected_response", "crewjam-saml/TestSPCanHandleOneloginResponse_IDPMetadata", false },
        { "crewjam-saml/TestXswPermutationTwoIsRejected_response", "crewjam-saml/TestSPCanHandleOneloginResponse_IDPMetadata", false },
        { "crewjam-saml/TestXswPermutationThreeIsRejected_response", "crewjam-saml/TestSPCanHandleOneloginResponse_IDPMetadata", false },
        { "crewjam-saml/TestXswPermutationFourIsRejected_response", "crewjam-saml/TestSPCanHandleOneloginResponse_IDPMetadata", false },
        { "crewjam-saml/TestXswPermutationFiveIsRejected_response", "crewjam-saml/TestSPCanHandleOneloginResponse_IDPMetadata", false },
        { "crewjam-saml/TestXswPermutationSixIsRejected_response", "crewjam-saml/TestSPCanHandleOneloginResponse_IDPMetadata", false },
        { "crewjam-saml/TestXswPermutationSevenIsRejected_response", "crewjam-saml/TestSPCanHandleOneloginResponse_IDPMetadata", false },
        { "crewjam-saml/TestXswPermutationEightIsRejected_response", "crewjam-saml/TestSPCanHandleOneloginResponse_IDPMetadata", false },
        { "crewjam-saml/TestXswPermutationNineIsRejected_response", "crewjam-saml/TestSPCanHandleOneloginResponse_IDPMetadata", false },
        { "crewjam-saml/TestSPRejectsInjectedComment_response", "crewjam-saml/TestSPRejectsInjectedComment_IDPMetadata", true },
        { "ruby-saml/signature_wrapping_attack.xml.base64", "fp:afe71c28ef740bc87425be13a2263d37971da1f9", false },
        { "ruby-saml/response_with_concealed_signed_assertion.xml", "fp:4b68c453c7d994aad9025c99d5efcf566287fe8d", false },
        { "ruby-saml/response_with_doubled_signed_assertion.xml", "fp:4b68c453c7d994aad9025c99d5efcf566287fe8d", false },
        { "ruby-saml/multiple_signed.xml.base64", "fp:afe71c28ef740bc87425be13a2263d37971da1f9", false },
        { "ruby-saml/no_signature.xml.base64", "java-saml/idp_cert_config.my.pem", false },
        { "ruby-saml/response_wrapped.xml.base64", "fp:afe71c28ef740bc87425be13a2263d37971da1f9", false },
        { "java-saml/attacks__response_with_spoofed_response_signature.xml", "java-saml/idp_cert_config.my.pem", false },
        { "java-saml/duplicate_reference_uri.xml.base64", "java-saml/idp_cert_config.my.pem", false },
        { "java-saml/triple_signed_response.xml.base64", "java-saml/idp_cert_config.my.pem", false },
        { "java-saml/signed_assertion_response_with_2signatures.xml.base64", "java-saml/idp_cert_config.my.pem", false },
        { "java-saml/signed_message_response_with_2signatures.xml.base64", "java-saml/idp_cert_config.my.pem", false },
        { "java-saml/wrong_signed_element.xml.base64", "java-saml/idp_cert_config.my.pem", false },
        { "java-saml/wrong_signed_element2.xml.base64", "java-saml/idp_cert_config.my.pem", false },
        { "java-saml/bad_reference.xml.base64", "java-saml/idp_cert_config.my.pem", false },
        // xmlsec: XPath transforms and foreign (Russian CryptoPro) GOST URIs are outside the allow-list; enveloping
        // signatures are not an accepted layout. All rejected by policy (MANIFEST allows this for the GOST ones).
        { "xmlsec/aleksey-xmldsig-01__enveloped-gost2001.xml", "xmlsec/keys__gost-2001-cert.pem", false },
        { "xmlsec/aleksey-xmldsig-01__enveloped-gost2012-256.xml", "xmlsec/keys__gost-2012-256-cert.pem", false },
        { "xmlsec/aleksey-xmldsig-01__enveloped-gost2012-512.xml", "xmlsec/keys__gost-2012-512-cert.pem", false },
        { "xmlsec/aleksey-xmldsig-01__enveloped-x509-same-subj-cert.xml", "xmlsec/keys__same-subj-cert2.pem", false },
        { "xmlsec/aleksey-xmldsig-01__enveloped-x509-missing-cert.xml", "xmlsec/keys__cacert.pem", false },
        { "xmlsec/aleksey-xmldsig-01__enveloping-expired-cert.xml", "xmlsec/keys__rsa-expired-cert.pem", false },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Production_allow_list_rejects_everything_but_the_sha256_baseline(string file, string trust, bool baseline)
    {
        (XmlSignatureVerificationResult result, _) = Run(file, trust, legacy: false);
        if (file.Contains("wrapped_signed_info", StringComparison.Ordinal))
        {
            Assert.Equal(ReasonCode.MalformedSignature, result.Failure);
        }

        bool sha256Baseline = baseline && file.Contains("InjectedComment", StringComparison.Ordinal);
        Assert.Equal(sha256Baseline, result.IsValid);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Legacy_sha1_test_policy_rejects_attacks_and_accepts_baselines(string file, string trust, bool baseline)
    {
        (XmlSignatureVerificationResult result, XmlElement? read) = Run(file, trust, legacy: true);
        Assert.True(baseline == result.IsValid, $"{file}: {result.Failure}");
        if (result.IsValid)
        {
            // The element the reader consumes is exactly the verified one.
            Assert.Same(read ?? result.SignedElement, result.SignedElement);
        }
    }

    [Fact]
    public void Injected_comment_keeps_the_signature_but_the_reader_gets_the_full_text_and_a_changed_text_is_rejected()
    {
        string xml = Encoding.UTF8.GetString(Load("crewjam-saml/TestSPRejectsInjectedComment_response"));
        Assert.Contains("ross@octolabs.io", xml, StringComparison.Ordinal);
        string commented = xml.Replace("ross@octolabs.io", "ross@<!-- and a comment -->octolabs.io", StringComparison.Ordinal);
        (XmlSignatureVerificationResult ok, _) = Run(Encoding.UTF8.GetBytes(commented), "crewjam-saml/TestSPRejectsInjectedComment_IDPMetadata", legacy: false);
        Assert.True(ok.IsValid, ok.Failure?.ToString());
        XmlElement nameId = ok.SignedElement!.GetElementsByTagName("NameID", "urn:oasis:names:tc:SAML:2.0:assertion").OfType<XmlElement>().Single();
        Assert.Equal("ross@octolabs.io", nameId.InnerText);
        string changed = xml.Replace("ross@octolabs.io", "ross@octolabs.io<!-- and a comment -->.example.com", StringComparison.Ordinal);
        (XmlSignatureVerificationResult bad, _) = Run(Encoding.UTF8.GetBytes(changed), "crewjam-saml/TestSPRejectsInjectedComment_IDPMetadata", legacy: false);
        Assert.Equal(ReasonCode.SignatureInvalid, bad.Failure);
    }

    [Fact]
    public void Same_subject_signed_by_cert1_verifies_only_with_cert1_pinned_when_xpath_is_not_the_issue()
    {
        // The structural policy rejects the XPath transform before any key is tried, whoever is pinned.
        (XmlSignatureVerificationResult one, _) = Run("xmlsec/aleksey-xmldsig-01__enveloped-x509-same-subj-cert.xml", "xmlsec/keys__same-subj-cert1.pem", legacy: true);
        Assert.Equal(ReasonCode.UnsupportedAlgorithm, one.Failure);
    }

    private static (XmlSignatureVerificationResult Result, XmlElement? Read) Run(string file, string trust, bool legacy) => Run(Load(file), trust, legacy);

    private static (XmlSignatureVerificationResult Result, XmlElement? Read) Run(byte[] xml, string trust, bool legacy)
    {
        if (!SafeXml.TryLoad(xml, SafeXml.DefaultMaxBytes, out XmlDocument? document, out ReasonCode failure))
        {
            return (XmlSignatureVerificationResult_Fail(failure), null);
        }

        List<X509Certificate2> pinned = Pinned(trust, document);
        if (pinned.Count == 0)
        {
            pinned.Add(EdsTestData.Certificate("attacks", "xml-crypto", "client_public.pem"));
        }

        bool saml = document.DocumentElement!.LocalName == "Response";
        XmlElement? read = saml ? SamlReader(document) : null;
        X509Certificate2 first = pinned[0];
        var options = new XmlSignatureVerificationOptions
        {
            // The public corpora use 1024-bit RSA keys: the production minimum is lowered for them only.
            PathValidator = new NcaCertificatePathValidator(NcaTrustStore.Custom(pinned)) { MinimumRsaKeySize = 1024 },
            SignerCertificates = pinned,
            ValidationTime = first.NotBefore.ToUniversalTime() + ((first.NotAfter - first.NotBefore) / 2),
            AllowSha1ForTestsOnly = legacy,
            AllowDetachedReferences = !saml,
            ExpectedSignedElement = saml ? d => SamlReader(d) : null,
        };
        return (NcaXmlSignatureVerifier.Verify(document, options), read);
    }

    private static XmlSignatureVerificationResult XmlSignatureVerificationResult_Fail(ReasonCode reason) =>
        NcaXmlSignatureVerifier.Verify(Encoding.UTF8.GetBytes(reason == ReasonCode.InputTooLarge ? new string('a', 10) : "<"), new XmlSignatureVerificationOptions { TrustStore = NcaTrustStore.Test });

    /// <summary>What a SAML reader consumes: the Response when it carries its own signature, else its only Assertion.</summary>
    internal static XmlElement? SamlReader(XmlDocument document)
    {
        XmlElement root = document.DocumentElement!;
        if (root.ChildNodes.OfType<XmlElement>().Any(e => e.LocalName == "Signature" && e.NamespaceURI == "http://www.w3.org/2000/09/xmldsig#"))
        {
            return root;
        }

        List<XmlElement> assertions = root.ChildNodes.OfType<XmlElement>().Where(e => e.LocalName == "Assertion").ToList();
        return assertions.Count == 1 ? assertions[0] : null;
    }

    internal static byte[] Load(string file)
    {
        string[] parts = ["attacks", .. file.Split('/')];
        byte[] raw = EdsTestData.Bytes(parts);
        bool base64 = file.EndsWith(".base64", StringComparison.Ordinal) || file.StartsWith("crewjam-saml/", StringComparison.Ordinal);
        return base64 ? Convert.FromBase64String(Encoding.ASCII.GetString(raw).Trim()) : raw;
    }

    internal static List<X509Certificate2> Pinned(string trust, XmlDocument document)
    {
        List<X509Certificate2> embedded = document.GetElementsByTagName("X509Certificate", "http://www.w3.org/2000/09/xmldsig#").OfType<XmlElement>()
            .Select(e => { try { return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(e.InnerText)); } catch (Exception ex) when (ex is FormatException or CryptographicException) { return null; } })
            .OfType<X509Certificate2>().ToList();
        if (trust.StartsWith("fp:", StringComparison.Ordinal))
        {
            return embedded.Where(c => string.Equals(c.Thumbprint, trust[3..], StringComparison.OrdinalIgnoreCase)).Take(1).ToList();
        }

        string[] parts = ["attacks", .. trust.Split('/')];
        string text = EdsTestData.Text(parts);
        if (text.Contains("BEGIN RSA PUBLIC KEY", StringComparison.Ordinal))
        {
            using RSA key = RSA.Create();
            key.ImportFromPem(text);
            byte[] spki = key.ExportSubjectPublicKeyInfo();
            return embedded.Where(c => c.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(spki)).Take(1).ToList();
        }

        if (text.Contains("EntityDescriptor", StringComparison.Ordinal))
        {
            var metadata = new XmlDocument { XmlResolver = null };
            metadata.LoadXml(text);
            return metadata.GetElementsByTagName("X509Certificate", "http://www.w3.org/2000/09/xmldsig#").OfType<XmlElement>()
                .Select(e => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(e.InnerText))).Take(1).ToList();
        }

        return [EdsTestData.Certificate(parts)];
    }
}
