using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Org.BouncyCastle.Cms;

namespace Kz.MicroCredit.Identity.Benchmarks.Eds;

/// <summary>
/// Whole CMS / XML verification (signature + cached chain + no revocation) next to the raw signature verification of
/// the same algorithm, in one run. Run: <c>dotnet run -c Release --project tests/Kz.MicroCredit.Identity.Benchmarks -- --filter *EdsVerification* --job short</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EdsVerificationBenchmarks : IDisposable
{
    private DateTimeOffset _at;
    private SandboxPki _pki = null!;
    private byte[] _cms = null!;
    private byte[] _xml = null!;
    private System.Xml.XmlDocument _document = null!;
    private byte[] _signedAttributes = null!;
    private byte[] _cmsSignature = null!;
    private string _signatureOid = null!;
    private string _digestOid = null!;
    private byte[] _canonicalSignedInfo = null!;
    private byte[] _xmlSignature = null!;
    private string _xmlMethod = null!;
    private NcaPublicKey _key = null!;
    private byte[] _signerKeyInfo = null!;
    private CmsVerificationOptions _cmsOptions = null!;
    private XmlSignatureVerificationOptions _xmlOptions = null!;

    private static readonly System.Xml.XmlReaderSettings TokeniseSettings = new()
    {
        DtdProcessing = System.Xml.DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = SafeXml.DefaultMaxBytes,
    };

    [Params(NcaKeyAlgorithm.Gost2015_512, NcaKeyAlgorithm.Gost2004, NcaKeyAlgorithm.Rsa)]
    public NcaKeyAlgorithm Algorithm { get; set; }

    /// <summary>Gets or sets a value indicating whether GOST goes through BouncyCastle (the previous engine) instead of the managed one.</summary>
    [Params(false, true)]
    public bool BouncyCastleGost { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        NcaPublicKey.UseBouncyCastleForGost = BouncyCastleGost;
        _pki = new SandboxPki(new SandboxPkiOptions { Algorithm = Algorithm });
        _at = DateTimeOffset.UtcNow.AddMinutes(1);
        INcaSigner signer = _pki.IssueIndividual(Iin.Parse("880912300763"), "ТЕСТОВ", "ТЕСТ");
        byte[] content = Encoding.UTF8.GetBytes("kzid-challenge/1 id=AAAAAAAAAAAAAAAAAAAAAA nonce=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB op=agreement-signing exp=2030-01-01T00:00:00Z");
        _cms = new NcaCmsSigner(TimeProvider.System).SignAsync(signer, content, false).GetAwaiter().GetResult();
        _xml = Encoding.UTF8.GetBytes(NcaXmlSigner.SignEnvelopedAsync("<challenge xmlns=\"urn:kz-microcredit-identity:challenge:1\" id=\"AAAA\" nonce=\"BBBB\"/>", signer).GetAwaiter().GetResult());

        SignerInformation info = new CmsSignedData(_cms).GetSignerInfos().GetSigners().Single();
        _signedAttributes = info.GetEncodedSignedAttributes();
        _cmsSignature = info.GetSignature();
        _signatureOid = info.SignatureAlgorithm.Algorithm.Id;
        _digestOid = info.DigestAlgorithmID.Algorithm.Id;
        _key = NcaPublicKey.FromCertificate(signer.Certificate);
        _signerKeyInfo = signer.Certificate.PublicKey.ExportSubjectPublicKeyInfo();

        var document = SafeXml.Load(_xml);
        _document = SafeXml.Load(_xml);
        var signedInfo = (System.Xml.XmlElement)document.GetElementsByTagName("SignedInfo", "http://www.w3.org/2000/09/xmldsig#")[0]!;
        System.Xml.XmlElement[] parts = signedInfo.ChildNodes.OfType<System.Xml.XmlElement>().ToArray();
        string c14n = parts[0].GetAttribute("Algorithm");
        _xmlMethod = parts[1].GetAttribute("Algorithm");
        _canonicalSignedInfo = XmlCanonicalWriter.Canonicalize(signedInfo, c14n, null, null, stripComments: true);
        _xmlSignature = Convert.FromBase64String(document.GetElementsByTagName("SignatureValue", "http://www.w3.org/2000/09/xmldsig#")[0]!.InnerText);

        var validator = new NcaCertificatePathValidator(NcaTrustStore.Custom([_pki.RootCertificate], [_pki.IssuingCaCertificate]));
        _cmsOptions = new CmsVerificationOptions { PathValidator = validator, ValidationTime = _at };
        _xmlOptions = new XmlSignatureVerificationOptions { PathValidator = validator, ValidationTime = _at };
        if (!NcaCmsVerifier.Verify(_cms, _cmsOptions).IsValid || !NcaXmlSignatureVerifier.Verify(_xml, _xmlOptions).IsValid || !RawCms() || !RawXml())
        {
            throw new InvalidOperationException("Benchmark inputs do not verify.");
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("CMS")]
    public bool RawCms() => _key.Verify(_signatureOid, _digestOid, _signedAttributes, _cmsSignature);

    [Benchmark]
    [BenchmarkCategory("CMS")]
    public bool WholeCms() => NcaCmsVerifier.Verify(_cms, _cmsOptions).IsValid;

    /// <summary>
    /// <see cref="WholeCms"/> for a signer seen for the first time (a borrower who signs once): the signer key's cached
    /// objects are dropped before the call, so the key is decoded and its point validated again and neither engine
    /// has anything precomputed for it (the CA keys and the certificate path stay cached, as in a running service).
    /// </summary>
    /// <returns>The verdict.</returns>
    [Benchmark]
    [BenchmarkCategory("CMS")]
    public bool WholeCmsColdKey()
    {
        NcaPublicKey.ForgetForBenchmarks(_signerKeyInfo);
        return NcaCmsVerifier.Verify(_cms, _cmsOptions).IsValid;
    }

    /// <summary><see cref="WholeXml"/> for a signer seen for the first time (see <see cref="WholeCmsColdKey"/>).</summary>
    /// <returns>The verdict.</returns>
    [Benchmark]
    [BenchmarkCategory("XML")]
    public bool WholeXmlColdKey()
    {
        NcaPublicKey.ForgetForBenchmarks(_signerKeyInfo);
        return NcaXmlSignatureVerifier.Verify(_xml, _xmlOptions).IsValid;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("XML")]
    public bool RawXml() => _key.VerifyXml(_xmlMethod, _canonicalSignedInfo, _xmlSignature);

    [Benchmark]
    [BenchmarkCategory("XML")]
    public bool WholeXml() => NcaXmlSignatureVerifier.Verify(_xml, _xmlOptions).IsValid;

    /// <summary>
    /// The same verification of a document the caller already holds as a DOM (<c>Verify(XmlDocument, …)</c>, e.g. a
    /// SOAP stack that parsed the message): everything but <see cref="SafeXml.Load"/>, to separate our verifier's cost
    /// from System.Xml's parse.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("XML")]
    public bool WholeXmlLoadedDocument() => NcaXmlSignatureVerifier.Verify(_document, _xmlOptions).IsValid;

    /// <summary>
    /// Only System.Xml's part of <see cref="WholeXml"/>: the hardened parse of the same bytes into the DOM, with the
    /// same settings (<see cref="SafeXml.Load"/>), so the whole row can be read as parse + verifier.
    /// </summary>
    /// <returns>The document.</returns>
    [Benchmark]
    [BenchmarkCategory("XML")]
    public System.Xml.XmlDocument ParseOnly() => SafeXml.Load(_xml);

    /// <summary>
    /// The hardened parse with one name table kept across loads (not what the SDK does: a document handed to a caller
    /// must not share a non-thread-safe name table with other threads' parses) — measures what the name table costs.
    /// </summary>
    /// <returns>The document.</returns>
    internal System.Xml.XmlDocument ParseWithKeptNameTable()
    {
        var document = new System.Xml.XmlDocument(KeptNameTable) { PreserveWhitespace = true, XmlResolver = null };
        System.Xml.XmlReaderSettings settings = KeptSettings;
        using var reader = System.Xml.XmlReader.Create(new MemoryStream(_xml, writable: false), settings);
        document.Load(reader);
        return document;
    }

    private static readonly System.Xml.NameTable KeptNameTable = new();

    private static readonly System.Xml.XmlReaderSettings KeptSettings = new()
    {
        DtdProcessing = System.Xml.DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = SafeXml.DefaultMaxBytes,
        NameTable = KeptNameTable,
    };

    /// <summary>The floor under any System.Xml parse: tokenising the same bytes with the hardened reader settings, no DOM.</summary>
    /// <returns>The number of nodes.</returns>
    [Benchmark]
    [BenchmarkCategory("XML")]
    public int TokeniseOnly()
    {
        using var reader = System.Xml.XmlReader.Create(new MemoryStream(_xml, writable: false), TokeniseSettings);
        int nodes = 0;
        while (reader.Read())
        {
            nodes++;
        }

        return nodes;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        NcaPublicKey.UseBouncyCastleForGost = false;
        _pki?.Dispose();
        GC.SuppressFinalize(this);
    }
}
