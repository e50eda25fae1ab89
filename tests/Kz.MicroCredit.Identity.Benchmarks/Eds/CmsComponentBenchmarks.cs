using System.Security.Cryptography.X509Certificates;
using System.Text;
using BenchmarkDotNet.Attributes;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;

namespace Kz.MicroCredit.Identity.Benchmarks.Eds;

/// <summary>
/// Where the time of a whole RSA-2048 CMS verification goes, step by step (the same sandbox message as
/// <see cref="EdsVerificationBenchmarks"/>). Run: <c>--filter *CmsComponent* --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class CmsComponentBenchmarks : IDisposable
{
    private SandboxPki _pki = null!;
    private byte[] _cms = null!;
    private CmsSignedMessage _message = null!;
    private NcaCertificatePathValidator _validator = null!;
    private List<X509Certificate2> _bag = null!;
    private DateTimeOffset _at;

    [GlobalSetup]
    public void Setup()
    {
        _pki = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Rsa });
        _at = DateTimeOffset.UtcNow.AddMinutes(1);
        INcaSigner signer = _pki.IssueIndividual(Iin.Parse("880912300763"), "ТЕСТОВ", "ТЕСТ");
        byte[] content = Encoding.UTF8.GetBytes("kzid-challenge/1 id=AAAAAAAAAAAAAAAAAAAAAA nonce=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB op=agreement-signing exp=2030-01-01T00:00:00Z");
        _cms = new NcaCmsSigner(TimeProvider.System).SignAsync(signer, content, false).GetAwaiter().GetResult();
        _validator = new NcaCertificatePathValidator(NcaTrustStore.Custom([_pki.RootCertificate], [_pki.IssuingCaCertificate]));
        _message = CmsSignedMessage.Parse(_cms);
        _bag = NcaCmsVerifier.CertificateBag(_message, _validator);
        if (!VerifySigner() || !Path())
        {
            throw new InvalidOperationException("Benchmark input does not verify.");
        }
    }

    [Benchmark]
    public int Parse() => CmsSignedMessage.Parse(_cms).Signers.Count;

    [Benchmark]
    public int CertificateBag() => NcaCmsVerifier.CertificateBag(_message, _validator).Count;

    /// <summary>Parse plus reading the signed attributes (DER check, attribute list) on a fresh message.</summary>
    [Benchmark]
    public int ParseAndSignedAttributes() => CmsSignedMessage.Parse(_cms).Signers[0].EncodedSignedAttributes().Length;

    [Benchmark]
    public bool VerifySigner()
    {
        var result = new CmsSignerResult();
        return NcaCmsVerifier.VerifySigner(_message.Signers[0], _message.Content!, _message.ContentType, _bag, null, result) is null;
    }

    [Benchmark]
    public bool Path() => _validator.Validate(_bag[0], _bag, _at).IsValid;

    [GlobalCleanup]
    public void Dispose()
    {
        _pki?.Dispose();
        GC.SuppressFinalize(this);
    }
}
