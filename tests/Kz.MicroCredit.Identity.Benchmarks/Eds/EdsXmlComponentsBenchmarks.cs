using System.Text;
using System.Xml;
using BenchmarkDotNet.Attributes;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Kz.MicroCredit.Identity.Tests.Cryptography;

namespace Kz.MicroCredit.Identity.Benchmarks.Eds;

/// <summary>
/// Where the time of one whole XML verification goes (RSA-2048 sandbox document, enveloped <c>URI=""</c>): the
/// hardened load, canonicalising SignedInfo and the referenced document with the direct writer and with the former
/// import + transform path (linked from the tests as the reference), and the verification of an already loaded
/// document. Run: <c>dotnet run -c Release --project tests/Kz.MicroCredit.Identity.Benchmarks -- --filter *EdsXmlComponents* --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class EdsXmlComponentsBenchmarks : IDisposable
{
    private SandboxPki _pki = null!;
    private byte[] _xml = null!;
    private XmlDocument _document = null!;
    private XmlElement _signedInfo = null!;
    private XmlElement _signature = null!;
    private string _c14n = null!;
    private XmlSignatureVerificationOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pki = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Rsa });
        INcaSigner signer = _pki.IssueIndividual(Iin.Parse("880912300763"), "ТЕСТОВ", "ТЕСТ");
        _xml = Encoding.UTF8.GetBytes(NcaXmlSigner.SignEnvelopedAsync("<challenge xmlns=\"urn:kz-microcredit-identity:challenge:1\" id=\"AAAA\" nonce=\"BBBB\"/>", signer).GetAwaiter().GetResult());
        _document = SafeXml.Load(_xml);
        _signature = (XmlElement)_document.GetElementsByTagName("Signature", "http://www.w3.org/2000/09/xmldsig#")[0]!;
        _signedInfo = _signature.ChildNodes.OfType<XmlElement>().First();
        _c14n = _signedInfo.ChildNodes.OfType<XmlElement>().First().GetAttribute("Algorithm");
        var validator = new NcaCertificatePathValidator(NcaTrustStore.Custom([_pki.RootCertificate], [_pki.IssuingCaCertificate]));
        _options = new XmlSignatureVerificationOptions { PathValidator = validator, ValidationTime = DateTimeOffset.UtcNow.AddMinutes(1) };
        if (!NcaXmlSignatureVerifier.Verify(_document, _options).IsValid
            || !SignedInfoWriter().AsSpan().SequenceEqual(SignedInfoTransforms())
            || !ContentWriter().AsSpan().SequenceEqual(ContentTransforms()))
        {
            throw new InvalidOperationException("Benchmark inputs do not verify or the canonical forms differ.");
        }
    }

    [Benchmark]
    public XmlDocument Load() => SafeXml.Load(_xml);

    /// <summary>
    /// The floor of any System.Xml-based verifier: only tokenising the document with the same hardened reader
    /// settings, no DOM. Compare it with the ≈ 5 µs an RSA-2048 verification may add to stay at 80 % of the raw rate.
    /// </summary>
    [Benchmark]
    public int TokeniseOnly()
    {
        using var reader = XmlReader.Create(new MemoryStream(_xml, writable: false), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersFromEntities = 0 });
        int nodes = 0;
        while (reader.Read())
        {
            nodes++;
        }

        return nodes;
    }

    [Benchmark]
    public byte[] SignedInfoTransforms() => ReferenceCanonicalizer.Canonicalize(_signedInfo, _c14n, null, null, stripComments: true);

    [Benchmark]
    public byte[] SignedInfoWriter() => XmlCanonicalWriter.Canonicalize(_signedInfo, _c14n, null, null, stripComments: true);

    [Benchmark]
    public byte[] ContentTransforms() => ReferenceCanonicalizer.Canonicalize(_document, XmlCanonicalWriter.C14NWithComments, null, _signature, stripComments: true);

    [Benchmark]
    public byte[] ContentWriter() => XmlCanonicalWriter.Canonicalize(_document, XmlCanonicalWriter.C14NWithComments, null, _signature, stripComments: true);

    [Benchmark]
    public bool VerifyLoaded() => NcaXmlSignatureVerifier.Verify(_document, _options).IsValid;

    [GlobalCleanup]
    public void Dispose()
    {
        _pki?.Dispose();
        GC.SuppressFinalize(this);
    }
}
