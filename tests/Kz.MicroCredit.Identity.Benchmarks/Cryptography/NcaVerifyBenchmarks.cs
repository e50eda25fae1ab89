using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Kz.MicroCredit.Identity.Benchmarks.Cryptography;

/// <summary>
/// Raw signature verification rate of the NCA algorithms (one verify = hash of a short message + signature check).
/// The EDS benchmarks compare whole-CMS verification against these. Run: <c>--filter *NcaVerify* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class NcaVerifyBenchmarks
{
    private NcaPublicKey _gost512 = null!;
    private byte[] _gost512Message = null!;
    private byte[] _gost512Signature = null!;
    private NcaPublicKey _gost2004 = null!;
    private byte[] _gost2004Tbs = null!;
    private byte[] _gost2004Signature = null!;
    private NcaPublicKey _rsa2048 = null!;
    private RsaDigestSigner _bouncyRsa = null!;
    private byte[] _rsaMessage = null!;
    private byte[] _rsaSignature = null!;

    [GlobalSetup]
    public void Setup()
    {
        string nca = Path.Combine(AppContext.BaseDirectory, "TestData", "nca");
        Dictionary<string, string> vectors = File.ReadAllLines(Path.Combine(nca, "ncalayer-rs", "test_gost512.vectors"))
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim());
        _gost512 = NcaPublicKey.FromSubjectPublicKeyInfo(Convert.FromHexString(vectors["spki"]));
        _gost512Message = Encoding.UTF8.GetBytes(vectors["msg"]);
        _gost512Signature = Convert.FromHexString(vectors["sig"]);

        // GOST 34.310-2004: the test NCA certificate under its root (TBS ≈ 1 KB).
        byte[] child = Pem(Path.Combine(nca, "gokalkan", "ca-test", "nca_gost_test.crt"));
        using X509Certificate2 root = X509CertificateLoader.LoadCertificate(Pem(Path.Combine(nca, "gokalkan", "ca-test", "root_gost_test.crt")));
        var structure = X509CertificateStructure.GetInstance(child);
        _gost2004 = NcaPublicKey.FromCertificate(root);
        _gost2004Tbs = structure.TbsCertificate.GetEncoded(Asn1Encodable.Der);
        _gost2004Signature = structure.Signature.GetOctets();

        // RSA-2048 PKCS#1 v1.5 SHA-256: Wycheproof tcId 1.
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "wycheproof", "rsa_signature_2048_sha256_test.json")));
        JsonElement group = json.RootElement.GetProperty("testGroups")[0];
        JsonElement test = group.GetProperty("tests").EnumerateArray().First(t => t.GetProperty("result").GetString() == "valid" && t.GetProperty("msg").GetString()!.Length > 0);
        byte[] spki = Convert.FromHexString(group.GetProperty("publicKeyDer").GetString()!);
        _rsa2048 = NcaPublicKey.FromSubjectPublicKeyInfo(spki);
        _rsaMessage = Convert.FromHexString(test.GetProperty("msg").GetString()!);
        _rsaSignature = Convert.FromHexString(test.GetProperty("sig").GetString()!);
        _bouncyRsa = new RsaDigestSigner(new Sha256Digest());
        _bouncyRsa.Init(false, PublicKeyFactory.CreateKey(spki));

        if (!Gost2015_512() || !Gost2004() || !Rsa2048Platform() || !Rsa2048BouncyCastle())
        {
            throw new InvalidOperationException("A benchmark input does not verify.");
        }
    }

    [Benchmark(Description = "GOST 34.10-2015-512 verify")]
    public bool Gost2015_512() => _gost512.Verify(NcaOids.Gost2015Signature512, _gost512Message, _gost512Signature);

    [Benchmark(Description = "GOST 34.310-2004 verify (1 KB TBS)")]
    public bool Gost2004() => _gost2004.Verify(NcaOids.Gost2004Signature, _gost2004Tbs, _gost2004Signature);

    [Benchmark(Baseline = true, Description = "RSA-2048 verify (platform)")]
    public bool Rsa2048Platform() => _rsa2048.Verify(NcaOids.Sha256WithRsa, _rsaMessage, _rsaSignature);

    [Benchmark(Description = "RSA-2048 verify (BouncyCastle)")]
    public bool Rsa2048BouncyCastle()
    {
        _bouncyRsa.Reset();
        _bouncyRsa.BlockUpdate(_rsaMessage, 0, _rsaMessage.Length);
        return _bouncyRsa.VerifySignature(_rsaSignature);
    }

    private static byte[] Pem(string path)
    {
        string text = File.ReadAllText(path);
        int begin = text.IndexOf("-----BEGIN", StringComparison.Ordinal);
        if (begin < 0)
        {
            return File.ReadAllBytes(path);
        }

        int start = text.IndexOf('\n', begin) + 1;
        int end = text.IndexOf("-----END", start, StringComparison.Ordinal);
        return Convert.FromBase64String(text[start..end].Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
    }
}
