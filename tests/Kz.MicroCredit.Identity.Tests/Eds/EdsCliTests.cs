using System.Text;
using System.Text.Json;
using Kz.MicroCredit.Identity.Cli;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

public sealed class EdsCliTests
{
    private static string Nca(params string[] parts) => EdsTestData.PathOf(["nca", .. parts]);

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
        Assert.Equal(output.Trim(), output.Trim().Split('\n').Single().Trim()); // exactly one JSON object
        return (exit, doc.RootElement.Clone());
    }

    [Fact]
    public async Task Two_signer_cms_reports_each_signer_field_by_field()
    {
        (int exit, JsonElement json) = await RunJsonAsync("eds", "verify", Nca("ncanode", "cms", "CmsServiceTest.signed_cms.p7s"), "--trust", "test", "--at", "2022-10-01T00:00:00Z");
        Assert.Equal(1, exit); // the RSA signer's certificate expired 2022-01-18
        Assert.False(json.GetProperty("valid").GetBoolean());
        Assert.Equal("cms", json.GetProperty("format").GetString());
        JsonElement[] signers = json.GetProperty("signers").EnumerateArray().ToArray();
        Assert.Equal(2, signers.Length);
        JsonElement gost = signers.Single(s => s.GetProperty("keyAlgorithm").GetString() == "GOST3410-2015-512");
        JsonElement rsa = signers.Single(s => s.GetProperty("keyAlgorithm").GetString() == "RSA");
        Assert.Equal("123456789012", gost.GetProperty("iin").GetString());
        Assert.Equal(JsonValueKind.Null, gost.GetProperty("bin").ValueKind);
        Assert.True(gost.GetProperty("signatureValid").GetBoolean());
        Assert.True(gost.GetProperty("certificateTrusted").GetBoolean());
        Assert.Equal("not-checked", gost.GetProperty("revocation").GetString());
        Assert.Equal("2022-09-27T21:17:59Z", gost.GetProperty("signingTime").GetString());
        Assert.Equal(JsonValueKind.Null, gost.GetProperty("timestampTime").ValueKind);
        Assert.Empty(gost.GetProperty("errors").EnumerateArray());
        Assert.Equal("123456789011", rsa.GetProperty("iin").GetString());
        Assert.True(rsa.GetProperty("signatureValid").GetBoolean());
        Assert.False(rsa.GetProperty("certificateTrusted").GetBoolean());
        Assert.Equal(["CertificateExpired"], rsa.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(json.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Rsa_cms_is_valid_at_a_past_instant_with_the_expected_iin_and_invalid_with_another()
    {
        string file = Nca("ncanode", "cms", "CmsIntegrationTest.signed_cms.p7s");
        // The file was signed in 2022 after its certificate ended: the signature and path verify, the claimed signing
        // time is an error; with the expected IIN there is no other.
        (int ok, JsonElement json) = await RunJsonAsync("eds", "verify", file, "--trust", "test", "--at", "2021-06-01T00:00:00Z", "--expect-iin", "123456789011");
        Assert.Equal(1, ok);
        Assert.True(json.GetProperty("signers")[0].GetProperty("signatureValid").GetBoolean());
        Assert.True(json.GetProperty("signers")[0].GetProperty("certificateTrusted").GetBoolean());
        Assert.Equal(["SigningTimeOutsideCertificateValidity"], json.GetProperty("signers")[0].GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(json.GetProperty("errors").EnumerateArray());
        (int mismatch, JsonElement bad) = await RunJsonAsync("eds", "verify", file, "--trust", "test", "--at", "2021-06-01T00:00:00Z", "--expect-iin", "880912300763");
        Assert.Equal(1, mismatch);
        Assert.Equal(["IinMismatch"], bad.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        (int production, _) = await RunJsonAsync("eds", "verify", file, "--trust", "production", "--at", "2021-06-01T00:00:00Z");
        Assert.Equal(1, production);
        (int now, _) = await RunJsonAsync("eds", "verify", file, "--trust", "test");
        Assert.Equal(1, now);
    }

    [Fact]
    public async Task Detached_cms_needs_data_and_the_human_report_is_short()
    {
        string file = Nca("ncanode", "cms", "CmsServiceTest.signed_detached_cms.p7s");
        (int noData, JsonElement json) = await RunJsonAsync("eds", "verify", file, "--trust", "test");
        Assert.Equal(2, noData);
        Assert.Equal(["ContentMissing"], json.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        (int exit, string output, _) = await RunAsync("eds", "verify", file, "--data", Nca("ncanode", "cms", "CmsServiceTest.detached_content.txt"), "--trust", "test", "--at", "2022-10-01T00:00:00Z");
        Assert.Equal(1, exit);
        Assert.StartsWith("INVALID (cms, 2 signer(s))", output, StringComparison.Ordinal);
        Assert.Contains("GOST3410-2015-512 signature valid, certificate trusted", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xml_files_enveloped_stacked_and_soap()
    {
        (int enveloped, JsonElement json) = await RunJsonAsync("eds", "verify", Nca("ncanode", "xml", "XmlServiceTest.xml_signed_valid_string.xml"), "--trust", "test", "--at", "2021-06-01T00:00:00Z", "--expect-iin", "123456789011");
        Assert.Equal(0, enveloped);
        Assert.Equal("xml", json.GetProperty("format").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("signers")[0].GetProperty("signingTime").ValueKind);
        (int soap, _) = await RunJsonAsync("eds", "verify", Nca("ncanode", "xml", "WsseServiceTest.xml_signed_string.soap.xml"), "--trust", "test", "--at", "2021-06-01T00:00:00Z");
        Assert.Equal(0, soap);
        (int stacked, JsonElement two) = await RunJsonAsync("eds", "verify", Nca("ncanode", "xml", "XmlServiceTest.xml_signed_valid_string_two_signers.xml"), "--trust", "test", "--at", "2022-10-01T00:00:00Z");
        Assert.Equal(1, stacked);
        Assert.Equal(2, two.GetProperty("signers").GetArrayLength());
        Assert.All(two.GetProperty("signers").EnumerateArray(), s => Assert.True(s.GetProperty("signatureValid").GetBoolean()));
        (int unsigned, JsonElement none) = await RunJsonAsync("eds", "verify", Nca("kalkan-sdk-testdata", "examples", "test_xml.xml"), "--trust", "test");
        Assert.Equal(1, unsigned);
        Assert.Equal(["SignatureMissing"], none.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Gost_xml_with_a_self_signed_anchor_folder()
    {
        string folder = Directory.CreateTempSubdirectory("kzid-anchors").FullName;
        try
        {
            File.Copy(Nca("ncalayer-rs", "test_gost512.cer.pem"), Path.Combine(folder, "anchor.pem"));
            (int exit, JsonElement json) = await RunJsonAsync("eds", "verify", Nca("ncalayer-rs", "test_gost512.xml_simple.xml"), "--trust", folder, "--at", "2027-01-01T00:00:00Z", "--expect-iin", "000000000000");
            Assert.Equal(0, exit);
            Assert.Equal("000000000000", json.GetProperty("signers")[0].GetProperty("iin").GetString());
            (int notYet, _) = await RunJsonAsync("eds", "verify", Nca("ncalayer-rs", "test_gost512.xml_simple.xml"), "--trust", folder, "--at", "2025-01-01T00:00:00Z");
            Assert.Equal(1, notYet);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Theory]
    [InlineData("eds")]
    [InlineData("eds", "check")]
    [InlineData("eds", "verify")]
    [InlineData("eds", "verify", "a", "b")]
    [InlineData("eds", "verify", "FILE", "--at", "yesterday")]
    [InlineData("eds", "verify", "FILE", "--expect-iin", "12345")]
    [InlineData("eds", "verify", "FILE", "--trust", "/nonexistent/folder")]
    [InlineData("eds", "verify", "FILE", "--revocation", "sometimes")]
    [InlineData("eds", "verify", "FILE", "--revocation", "crl", "--crl", "x.crl")]
    [InlineData("eds", "verify", "FILE", "--unknown", "x")]
    [InlineData("eds", "verify", "/nonexistent/file.p7s")]
    public async Task Bad_arguments_exit_2(params string[] args)
    {
        string file = Nca("ncanode", "cms", "CmsIntegrationTest.signed_cms.p7s");
        (int exit, _, string err) = await RunAsync(args.Select(a => a == "FILE" ? file : a).ToArray());
        Assert.Equal(2, exit);
        Assert.NotEmpty(err);
    }

    [Fact]
    public async Task Revocation_mode_must_be_known_and_consistent_with_its_options()
    {
        // The revocation modes themselves are tested in ContractTests/Revocation/KzidRevocationCliTests.
        (int exit, _, string err) = await RunAsync("eds", "verify", Nca("ncanode", "cms", "CmsIntegrationTest.signed_cms.p7s"), "--revocation", "sometimes");
        Assert.Equal(2, exit);
        Assert.Contains("--revocation is none, crl, ocsp or auto", err, StringComparison.Ordinal);
        (exit, _, err) = await RunAsync("eds", "verify", Nca("ncanode", "cms", "CmsIntegrationTest.signed_cms.p7s"), "--revocation", "crl", "--ocsp-url", "http://127.0.0.1:9/");
        Assert.Equal(2, exit);
        Assert.Contains("--ocsp-url needs --revocation ocsp|auto", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("random")]
    [InlineData("truncated")]
    [InlineData("dtd")]
    [InlineData("deep")]
    [InlineData("huge")]
    public async Task Unusable_input_exits_2_with_a_code_never_valid(string kind)
    {
        byte[] cms = EdsTestData.Bytes("nca", "ncanode", "cms", "CmsIntegrationTest.signed_cms.p7s");
        byte[] content = kind switch
        {
            "empty" => [],
            "random" => RandomBytes(),
            "truncated" => cms[..(cms.Length / 2)],
            "dtd" => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>"),
            "deep" => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<a>", 5000)) + string.Concat(Enumerable.Repeat("</a>", 5000))),
            _ => new byte[17 * 1024 * 1024],
        };
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, content);
            (int exit, JsonElement json) = await RunJsonAsync("eds", "verify", path, "--trust", "test");
            Assert.Equal(2, exit);
            Assert.False(json.GetProperty("valid").GetBoolean());
            Assert.NotEmpty(json.GetProperty("errors").EnumerateArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Well_formed_but_tampered_cms_exits_1()
    {
        byte[] cms = EdsTestData.Bytes("nca", "ncanode", "cms", "CmsIntegrationTest.signed_cms.p7s");
        int at = cms.AsSpan().IndexOf("lol_kek"u8);
        cms[at] ^= 0x20;
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, cms);
            (int exit, JsonElement json) = await RunJsonAsync("eds", "verify", path, "--trust", "test", "--at", "2021-06-01T00:00:00Z");
            Assert.Equal(1, exit);
            Assert.False(json.GetProperty("signers")[0].GetProperty("signatureValid").GetBoolean());
            Assert.Equal(["SignatureInvalid"], json.GetProperty("signers")[0].GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] RandomBytes()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x30;
        return bytes;
    }
}
