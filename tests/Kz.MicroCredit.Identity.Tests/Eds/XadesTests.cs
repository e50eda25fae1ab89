using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Text.Json;
using System.Xml;
using Kz.MicroCredit.Identity.Cli;
using Kz.MicroCredit.Identity.Eds;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

/// <summary>
/// XAdES-B/T as Kalkan lays it out: a ds:Signature with a Reference to the document and a Reference to
/// xades:SignedProperties inside ds:Object/xades:QualifyingProperties. The documents are built here and digested and
/// canonicalised with .NET's System.Security.Cryptography.Xml transforms, not with the verifier's own code.
/// </summary>
public sealed class XadesTests : IDisposable
{
    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";
    private const string Xades = "http://uri.etsi.org/01903/v1.3.2#";
    private const string ExcC14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
    private const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    private const string Document = "<doc><amount>100</amount></doc>";

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly RSA _caKey = RSA.Create(2048);
    private readonly X509Certificate2 _caWithKey;
    private readonly X509Certificate2 _leaf;
    private readonly X509Certificate2 _tsa;
    private readonly string _folder = Directory.CreateTempSubdirectory("kzid-xades-").FullName;

    public XadesTests()
    {
        var ca = new CertificateRequest("CN=Sandbox XAdES CA, C=KZ", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        ca.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        ca.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _caWithKey = ca.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(5));
        _leaf = Issue(Individual(), X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, "1.3.6.1.5.5.7.3.4", 1);
        _tsa = Issue(new X500DistinguishedName("CN=Sandbox XAdES TSA, C=KZ"), X509KeyUsageFlags.DigitalSignature, "1.3.6.1.5.5.7.3.8", 2);
    }

    public void Dispose()
    {
        _caKey.Dispose();
        _caWithKey.Dispose();
        _leaf.Dispose();
        _tsa.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private enum Binding
    {
        None,
        V1,
        V2,
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Signing_time_is_reported_from_xades_signing_time(int bindingKind)
    {
        var binding = (Binding)bindingKind;
        DateTimeOffset claimed = Now.AddMinutes(-3);
        XmlSignatureVerificationResult result = Verify(Build(claimed, binding));
        Assert.True(result.IsValid, result.Failure?.Value);
        Assert.Equal(claimed, result.Signatures[0].SigningTime);
        Assert.Null(result.Signatures[0].TimestampTime);
        Assert.Empty(result.Signatures[0].Warnings);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_signing_certificate_digest_of_another_certificate_is_invalid(int bindingKind)
    {
        var binding = (Binding)bindingKind;
        XmlSignatureVerificationResult result = Verify(Build(Now.AddMinutes(-3), binding, certDigest: SHA256.HashData(_tsa.RawData)));
        Assert.False(result.IsValid);
        Assert.Equal(ReasonCode.SignatureInvalid, result.Failure);
    }

    [Fact]
    public void A_signing_certificate_naming_the_signer_among_others_is_valid()
    {
        // Kalkan may list the issuer's certificate as well: one Cert with the signer's digest is enough.
        string xml = Build(Now.AddMinutes(-3), Binding.V2, extraCert: SHA256.HashData(_caWithKey.RawData));
        Assert.True(Verify(xml).IsValid);
    }

    [Fact]
    public void Signed_properties_altered_after_signing_are_invalid()
    {
        string xml = Build(Now.AddMinutes(-3), Binding.V2).Replace("2026-03-01T09:57:00Z", "2026-03-01T09:58:00Z", StringComparison.Ordinal);
        XmlSignatureVerificationResult result = Verify(xml);
        Assert.False(result.IsValid);
        Assert.Equal(ReasonCode.SignatureInvalid, result.Failure);
    }

    [Fact]
    public void Xades_t_signature_time_stamp_is_validated_and_reported()
    {
        XmlSignatureVerificationResult result = Verify(Build(Now.AddMinutes(-3), Binding.V2, stamp: TimestampTests.Token));
        Assert.True(result.IsValid, result.Failure?.Value);
        Assert.Equal(Now.AddMinutes(1), result.Signatures[0].TimestampTime);
        Assert.Empty(result.Signatures[0].Warnings);
    }

    [Fact]
    public void Xades_t_time_stamp_over_other_bytes_is_a_warning_without_a_time()
    {
        // Documented outcome (docs/eds.md, as for CAdES-T): the signature stays valid, TimestampInvalid is a warning
        // and no timestamp time is reported.
        XmlSignatureVerificationResult result = Verify(Build(Now.AddMinutes(-3), Binding.V2, stamp: (tsa, _) => TimestampTests.Token(tsa, "other"u8.ToArray())));
        Assert.True(result.IsValid, result.Failure?.Value);
        Assert.Null(result.Signatures[0].TimestampTime);
        Assert.Equal([ReasonCode.TimestampInvalid], result.Signatures[0].Warnings);
    }

    [Fact]
    public void Xades_t_time_stamp_that_is_not_a_token_is_a_warning_without_a_time()
    {
        XmlSignatureVerificationResult result = Verify(Build(Now.AddMinutes(-3), Binding.V2, stamp: (_, _) => [0x30, 0x03, 0x02, 0x01, 0x01]));
        Assert.True(result.IsValid, result.Failure?.Value);
        Assert.Null(result.Signatures[0].TimestampTime);
        Assert.Equal([ReasonCode.TimestampInvalid], result.Signatures[0].Warnings);
    }

    [Fact]
    public void Xades_t_time_stamp_from_an_untrusted_authority_is_a_warning()
    {
        using RSA otherKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=Rogue TSA, C=KZ", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], true));
        using X509Certificate2 rogue = request.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(1));
        XmlSignatureVerificationResult result = Verify(Build(Now.AddMinutes(-3), Binding.V2, stamp: (_, imprinted) => TimestampTests.Token(rogue, imprinted)));
        Assert.True(result.IsValid, result.Failure?.Value);
        Assert.Null(result.Signatures[0].TimestampTime);
        Assert.Equal([ReasonCode.TimestampInvalid], result.Signatures[0].Warnings);
    }

    [Theory]
    [InlineData(-20)]
    [InlineData(400)]
    public void Xades_signing_time_outside_the_certificate_validity_is_an_error(int days)
    {
        XmlSignatureVerificationResult result = Verify(Build(Now.AddDays(days), Binding.V2));
        Assert.False(result.IsValid);
        Assert.Equal(ReasonCode.SigningTimeOutsideCertificateValidity, result.Failure);
    }

    [Fact]
    public async Task Kzid_reports_xades_signing_time_and_timestamp_time()
    {
        File.WriteAllBytes(Path.Combine(_folder, "ca.cer"), _caWithKey.RawData);
        string file = Path.Combine(_folder, "xades-t.xml");
        File.WriteAllText(file, Build(Now.AddMinutes(-3), Binding.V2, stamp: TimestampTests.Token));
        (int exit, JsonElement json) = await RunJsonAsync("eds", "verify", file, "--trust", _folder, "--at", "2026-03-01T10:05:00Z");
        Assert.Equal(0, exit);
        JsonElement signer = json.GetProperty("signers")[0];
        Assert.Equal(Now.AddMinutes(-3), DateTimeOffset.Parse(signer.GetProperty("signingTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Now.AddMinutes(1), DateTimeOffset.Parse(signer.GetProperty("timestampTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        string outside = Path.Combine(_folder, "outside.xml");
        File.WriteAllText(outside, Build(Now.AddDays(-20), Binding.V2));
        (int invalid, JsonElement report) = await RunJsonAsync("eds", "verify", outside, "--trust", _folder, "--at", "2026-03-01T10:05:00Z");
        Assert.Equal(1, invalid);
        Assert.Contains(report.GetProperty("signers")[0].GetProperty("errors").EnumerateArray(), e => e.GetString() == "SigningTimeOutsideCertificateValidity");
    }

    private XmlSignatureVerificationResult Verify(string xml) =>
        NcaXmlSignatureVerifier.Verify(Encoding.UTF8.GetBytes(xml), new XmlSignatureVerificationOptions
        {
            TrustStore = NcaTrustStore.Custom([X509CertificateLoader.LoadCertificate(_caWithKey.RawData)]),
            ValidationTime = Now.AddMinutes(5),
        });

    private string Build(DateTimeOffset signingTime, Binding binding, byte[]? certDigest = null, byte[]? extraCert = null, Func<X509Certificate2, byte[], byte[]?>? stamp = null)
    {
        string time = $"<xades:SigningTime>{signingTime.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z</xades:SigningTime>";
        string bindingXml = binding switch
        {
            Binding.V1 => $"<xades:SigningCertificate>{Cert(certDigest, false)}{(extraCert is null ? string.Empty : Cert(extraCert, false))}</xades:SigningCertificate>",
            Binding.V2 => $"<xades:SigningCertificateV2>{Cert(certDigest, true)}{(extraCert is null ? string.Empty : Cert(extraCert, true))}</xades:SigningCertificateV2>",
            _ => string.Empty,
        };
        string signedProperties = $"<xades:SignedProperties xmlns:xades=\"{Xades}\" xmlns:ds=\"{Ds}\" Id=\"sp-1\"><xades:SignedSignatureProperties>{time}{bindingXml}</xades:SignedSignatureProperties></xades:SignedProperties>";
        string signedInfo =
            $"<ds:SignedInfo xmlns:ds=\"{Ds}\"><ds:CanonicalizationMethod Algorithm=\"{ExcC14N}\"/><ds:SignatureMethod Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"/>"
            + $"<ds:Reference URI=\"\"><ds:Transforms><ds:Transform Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"/><ds:Transform Algorithm=\"{ExcC14N}\"/></ds:Transforms>"
            + $"<ds:DigestMethod Algorithm=\"{Sha256}\"/><ds:DigestValue>{Convert.ToBase64String(SHA256.HashData(Canonical(Document, exclusive: true)))}</ds:DigestValue></ds:Reference>"
            + $"<ds:Reference Type=\"http://uri.etsi.org/01903#SignedProperties\" URI=\"#sp-1\"><ds:Transforms><ds:Transform Algorithm=\"{ExcC14N}\"/></ds:Transforms>"
            + $"<ds:DigestMethod Algorithm=\"{Sha256}\"/><ds:DigestValue>{Convert.ToBase64String(SHA256.HashData(Canonical(signedProperties, exclusive: true)))}</ds:DigestValue></ds:Reference></ds:SignedInfo>";
        using RSA key = _leaf.GetRSAPrivateKey()!;
        string signatureValue = Convert.ToBase64String(key.SignData(Canonical(signedInfo, exclusive: true), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        string unsigned = string.Empty;
        if (stamp?.Invoke(_tsa, Canonical($"<ds:SignatureValue xmlns:ds=\"{Ds}\">{signatureValue}</ds:SignatureValue>", exclusive: false)) is { } token)
        {
            unsigned = "<xades:UnsignedProperties><xades:UnsignedSignatureProperties><xades:SignatureTimeStamp>"
                + "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"/>"
                + $"<xades:EncapsulatedTimeStamp>{Convert.ToBase64String(token)}</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp></xades:UnsignedSignatureProperties></xades:UnsignedProperties>";
        }

        string signature = $"<ds:Signature xmlns:ds=\"{Ds}\" Id=\"sig-1\">{signedInfo}<ds:SignatureValue>{signatureValue}</ds:SignatureValue>"
            + $"<ds:KeyInfo><ds:X509Data><ds:X509Certificate>{Convert.ToBase64String(_leaf.RawData)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>"
            + $"<ds:Object><xades:QualifyingProperties xmlns:xades=\"{Xades}\" Target=\"#sig-1\">{signedProperties}{unsigned}</xades:QualifyingProperties></ds:Object></ds:Signature>";
        return Document.Replace("</doc>", signature + "</doc>", StringComparison.Ordinal);
    }

    private string Cert(byte[]? digest, bool v2)
    {
        string certDigest = $"<xades:CertDigest><ds:DigestMethod Algorithm=\"{Sha256}\"/><ds:DigestValue>{Convert.ToBase64String(digest ?? SHA256.HashData(_leaf.RawData))}</ds:DigestValue></xades:CertDigest>";
        if (v2)
        {
            // IssuerSerialV2: base64 of DER IssuerSerial { GeneralNames { directoryName }, serial }.
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    var directoryName = new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true);
                    using (writer.PushSequence(directoryName))
                    {
                        writer.WriteEncodedValue(_leaf.IssuerName.RawData);
                    }
                }

                writer.WriteInteger(_leaf.SerialNumberBytes.Span);
            }

            return $"<xades:Cert>{certDigest}<xades:IssuerSerialV2>{Convert.ToBase64String(writer.Encode())}</xades:IssuerSerialV2></xades:Cert>";
        }

        BigInteger serial = new(_leaf.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true);
        return $"<xades:Cert>{certDigest}<xades:IssuerSerial><ds:X509IssuerName>{_leaf.Issuer}</ds:X509IssuerName><ds:X509SerialNumber>{serial}</ds:X509SerialNumber></xades:IssuerSerial></xades:Cert>";
    }

    private static byte[] Canonical(string xml, bool exclusive)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        Transform transform = exclusive ? new XmlDsigExcC14NTransform() : new XmlDsigC14NTransform();
        transform.LoadInput(document);
        using var output = (Stream)transform.GetOutput(typeof(Stream));
        using var buffer = new MemoryStream();
        output.CopyTo(buffer);
        return buffer.ToArray();
    }

    private X509Certificate2 Issue(X500DistinguishedName subject, X509KeyUsageFlags usage, string eku, byte serial)
    {
        using RSA key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(eku)], true));
        using X509Certificate2 cert = request.Create(_caWithKey, Now.AddDays(-10), Now.AddDays(300), [serial, 0x43]);
        return cert.CopyWithPrivateKey(key);
    }

    private static X500DistinguishedName Individual()
    {
        var b = new X500DistinguishedNameBuilder();
        b.AddCommonName("ТЕСТОВ ТЕСТ");
        b.Add("2.5.4.5", "IIN880912300763", UniversalTagNumber.PrintableString);
        b.AddCountryOrRegion("KZ");
        return b.Build();
    }

    private static async Task<(int Exit, JsonElement Json)> RunJsonAsync(params string[] args)
    {
        var stdout = new StringWriter();
        int exit = await KzidApp.RunAsync([.. args, "--json"], stdout, new StringWriter(), CancellationToken.None);
        using JsonDocument doc = JsonDocument.Parse(stdout.ToString());
        return (exit, doc.RootElement.Clone());
    }
}
