using System.Text;
using System.Text.Json;
using System.Xml;
using Kz.MicroCredit.Identity.Cli;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

/// <summary>NCALayer signXml layouts (signature outside the signed element), coverage in kzid, and kzid as people use it.</summary>
public sealed class XmlLayoutCoverageTests : IDisposable
{
    private readonly SandboxPki _pki = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("kzid-layout").FullName;

    public XmlLayoutCoverageTests()
    {
        File.WriteAllBytes(Path.Combine(_folder, "root.cer"), _pki.RootCertificate.RawData);
        File.WriteAllBytes(Path.Combine(_folder, "ca.cer"), _pki.IssuingCaCertificate.RawData);
    }

    public void Dispose()
    {
        _pki.Dispose();
        Directory.Delete(_folder, true);
    }

    [Fact]
    public async Task Signature_beside_the_signed_element_needs_the_named_element_in_the_sdk()
    {
        // NCALayer signXml with tbsElementXPath=//a and signatureParentElementXPath=/root: the Signature is a sibling.
        string xml = await NcaXmlSigner.SignByIdAsync("<root><a Id=\"part\">borrower text</a><b>unsigned</b></root>", "part", Signer());
        XmlSignatureVerificationResult plain = Verify(xml, null);
        Assert.Equal(ReasonCode.ReferenceInvalid, plain.Failure);
        XmlSignatureVerificationResult named = Verify(xml, d => (XmlElement)d.DocumentElement!.FirstChild!);
        Assert.True(named.IsValid, named.Failure?.ToString());
        Assert.Equal("a", named.SignedElement!.LocalName);
        Assert.False(named.Signatures[0].CoversDocument);
        Assert.Equal(ReasonCode.ReferenceInvalid, Verify(xml, d => d.DocumentElement).Failure); // the reader reads root: not signed
        Assert.Equal(ReasonCode.SignatureMissing, Verify(xml, d => (XmlElement)d.DocumentElement!.ChildNodes[1]!).Failure);

        // A duplicate Id anywhere is still refused.
        string duplicated = xml.Replace("<b>unsigned</b>", "<b Id=\"part\">unsigned</b>", StringComparison.Ordinal);
        Assert.Equal(ReasonCode.ReferenceInvalid, Verify(duplicated, d => (XmlElement)d.DocumentElement!.FirstChild!).Failure);
    }

    [Fact]
    public async Task Signature_in_a_sibling_container_verifies_for_the_named_element()
    {
        string signed = await NcaXmlSigner.SignByIdAsync("<root><a Id=\"part\">text</a><sigs/></root>", "part", Signer());
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(signed);
        XmlNode signature = document.DocumentElement!.LastChild!;
        document.DocumentElement.RemoveChild(signature);
        document.DocumentElement.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "sigs").AppendChild(signature);
        XmlSignatureVerificationResult result = Verify(document.OuterXml, d => d.DocumentElement!.ChildNodes.OfType<XmlElement>().First());
        Assert.True(result.IsValid, result.Failure?.ToString());
    }

    [Fact]
    public async Task Kzid_reports_partial_coverage_and_require_document_refuses_it()
    {
        string xml = await NcaXmlSigner.SignByIdAsync("<root><a Id=\"part\">text</a><b>unsigned</b></root>", "part", Signer());
        string file = Write("partial.xml", xml);
        (int exit, JsonElement json) = await RunJsonAsync("eds", "verify", file, "--trust", _folder);
        Assert.Equal(0, exit);
        JsonElement signer = json.GetProperty("signers")[0];
        Assert.Equal(["/root/a[1]"], signer.GetProperty("signedElements").EnumerateArray().Select(e => e.GetString()));
        Assert.False(signer.GetProperty("coversDocument").GetBoolean());
        (int strict, JsonElement refused) = await RunJsonAsync("eds", "verify", file, "--trust", _folder, "--require-document");
        Assert.Equal(1, strict);
        Assert.Equal(["DocumentNotCovered"], refused.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        (_, string text, _) = await RunAsync("eds", "verify", file, "--trust", _folder);
        Assert.Contains("covers ONLY PART of the document", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_element_moved_under_a_new_root_is_not_the_document()
    {
        string signed = await NcaXmlSigner.SignByIdAsync("<doc Id=\"d\"><amount>100</amount></doc>", "d", Signer());
        (int whole, JsonElement original) = await RunJsonAsync("eds", "verify", Write("whole.xml", signed), "--trust", _folder, "--require-document");
        Assert.Equal(0, whole);
        Assert.True(original.GetProperty("signers")[0].GetProperty("coversDocument").GetBoolean());

        string moved = "<evil><amount>1000000</amount>" + signed + "</evil>";
        string file = Write("moved.xml", moved);
        (int exit, JsonElement json) = await RunJsonAsync("eds", "verify", file, "--trust", _folder);
        Assert.Equal(0, exit);
        Assert.False(json.GetProperty("signers")[0].GetProperty("coversDocument").GetBoolean());
        Assert.Equal(["/evil/doc[1]"], json.GetProperty("signers")[0].GetProperty("signedElements").EnumerateArray().Select(e => e.GetString()));
        (int strict, _) = await RunJsonAsync("eds", "verify", file, "--trust", _folder, "--require-document");
        Assert.Equal(1, strict);
    }

    [Fact]
    public async Task Kalkan_ws_security_envelope_with_a_forged_body_first_is_not_covered()
    {
        string real = EdsTestData.Text("nca", "ncanode", "xml", "WsseServiceTest.xml_signed_string.soap.xml");
        (int ok, JsonElement original) = await RunJsonAsync("eds", "verify", EdsTestData.PathOf("nca", "ncanode", "xml", "WsseServiceTest.xml_signed_string.soap.xml"), "--trust", "test", "--at", "2021-06-01T00:00:00Z", "--require-document");
        Assert.Equal(0, ok);
        Assert.True(original.GetProperty("signers")[0].GetProperty("coversDocument").GetBoolean());

        int body = real.IndexOf("<SOAP-ENV:Body", StringComparison.Ordinal);
        string forged = real[..body] + "<SOAP-ENV:Body><forged>pay 1000000</forged></SOAP-ENV:Body>" + real[body..];
        string file = Write("forged.xml", forged);
        (int exit, JsonElement json) = await RunJsonAsync("eds", "verify", file, "--trust", "test", "--at", "2021-06-01T00:00:00Z");
        Assert.Equal(0, exit);
        Assert.False(json.GetProperty("signers")[0].GetProperty("coversDocument").GetBoolean());
        Assert.Contains("SOAP-ENV:Body[2]", json.GetProperty("signers")[0].GetProperty("signedElements")[0].GetString(), StringComparison.Ordinal);
        (int strict, _) = await RunJsonAsync("eds", "verify", file, "--trust", "test", "--at", "2021-06-01T00:00:00Z", "--require-document");
        Assert.Equal(1, strict);
        (int smartbridge, string output, _) = await RunAsync("smartbridge", "verify", file, "--trust", "test", "--at", "2021-06-01T00:00:00Z");
        Assert.Equal(1, smartbridge);
        Assert.Contains("more than one soap:Body", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help eds verify")]
    [InlineData("eds verify --help")]
    [InlineData("eds verify -h")]
    public async Task Help_is_printed_and_exits_0(string command)
    {
        (int exit, string output, _) = await RunAsync(command.Split(' '));
        Assert.Equal(0, exit);
        Assert.Contains("eds verify", output, StringComparison.Ordinal);
        if (command.Contains("verify", StringComparison.Ordinal))
        {
            Assert.Contains("--require-document", output, StringComparison.Ordinal);
            Assert.Contains("(default: production)", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Version_is_printed()
    {
        (int exit, string output, _) = await RunAsync("--version");
        Assert.Equal(0, exit);
        Assert.Matches(@"^kzid \d+\.\d+\.\d+", output);
    }

    [Fact]
    public async Task Endless_device_input_is_refused_quickly_with_exit_2()
    {
        (int exit, JsonElement json) = await RunJsonAsync("eds", "verify", "/dev/zero", "--trust", "test");
        Assert.Equal(2, exit);
        Assert.Equal(["InputTooLarge"], json.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        (int sb, _, string err) = await RunAsync("smartbridge", "verify", "/dev/zero");
        Assert.Equal(2, sb);
        Assert.Contains("input limit", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("two")]
    [InlineData("label")]
    public async Task Pem_with_two_blocks_or_a_mismatched_end_label_exits_2(string kind)
    {
        string b64 = Convert.ToBase64String(EdsTestData.Bytes("nca", "ncanode", "cms", "CmsIntegrationTest.signed_cms.p7s"), Base64FormattingOptions.InsertLineBreaks);
        string block = "-----BEGIN CMS-----\n" + b64 + "\n-----END CMS-----\n";
        string pem = kind == "two" ? block + block : "-----BEGIN CMS-----\n" + b64 + "\n-----END PKCS7-----\n";
        (int exit, _) = await RunJsonAsync("eds", "verify", Write("in.pem", pem), "--trust", "test");
        Assert.Equal(2, exit);
        (int one, _) = await RunJsonAsync("eds", "verify", Write("one.pem", block), "--trust", "test", "--at", "2021-06-01T00:00:00Z");
        Assert.Equal(1, one); // decodes and verifies (signed after its certificate ended: exit 1, not 2)
    }

    [Fact]
    public async Task Utf16_xml_is_refused_with_a_clear_message()
    {
        string file = Path.Combine(_folder, "utf16.xml");
        await File.WriteAllBytesAsync(file, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("<root/>")]);
        (int exit, _, string err) = await RunAsync("eds", "verify", file, "--trust", "test");
        Assert.Equal(2, exit);
        Assert.Contains("UTF-16", err, StringComparison.Ordinal);
        string cp1251 = Write("cp1251.xml", "<?xml version=\"1.0\" encoding=\"windows-1251\"?><root/>");
        (exit, _, err) = await RunAsync("eds", "verify", cp1251, "--trust", "test");
        Assert.Equal(2, exit);
        Assert.Contains("windows-1251", err, StringComparison.Ordinal);
    }

    private INcaSigner Signer() => _pki.IssueIndividualWithDigits("880912300763", "ТЕСТОВ", "ТЕСТ");

    private XmlSignatureVerificationResult Verify(string xml, Func<XmlDocument, XmlElement?>? expected) =>
        NcaXmlSignatureVerifier.Verify(Encoding.UTF8.GetBytes(xml), new XmlSignatureVerificationOptions
        {
            TrustStore = NcaTrustStore.Custom([_pki.RootCertificate], [_pki.IssuingCaCertificate]),
            ExpectedSignedElement = expected,
        });

    private string Write(string name, string content)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = await KzidApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static async Task<(int Exit, JsonElement Json)> RunJsonAsync(params string[] args)
    {
        (int exit, string output, _) = await RunAsync([.. args, "--json"]);
        using JsonDocument doc = JsonDocument.Parse(output);
        return (exit, doc.RootElement.Clone());
    }
}
