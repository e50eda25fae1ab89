using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Engines;
using Kz.MicroCredit.Identity.Eds;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Kz.MicroCredit.Identity.Benchmarks.Revocation;

/// <summary>
/// Parse + verify + index of a synthetic CRL with the SDK's streaming parser and compact index, against BouncyCastle's
/// X509CrlParser + Verify (the naive way). Run: <c>dotnet run -c Release --project tests/Kz.MicroCredit.Identity.Benchmarks -- --filter *CrlLoad*</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RevocationBenchmarkConfig.Load))]
public class CrlLoadBenchmarks
{
    private SyntheticCrl _crl = null!;

    [ParamsSource(nameof(Sizes))]
    public int Entries { get; set; }

    /// <summary>Gets the CRL sizes: 10⁴, 10⁵, 10⁶, or the comma-separated list in KZID_CRL_SIZES.</summary>
    public static IEnumerable<int> Sizes => RevocationBenchmarkConfig.Sizes();

    [GlobalSetup]
    public void Setup()
    {
        _crl = SyntheticCrl.Get(Entries);
        CrlDocument doc = CrlDocument.Parse(_crl.Der);
        doc.ReleaseContent();
        if (Entries > 100_000)
        {
            Console.WriteLine($"// CRL {Entries} entries: {_crl.Der.Length} bytes DER; SDK index arrays {doc.Index.FootprintBytes / (double)Entries:F1} B/entry");
            return;
        }

        long before = GC.GetTotalMemory(true);
        CrlDocument retained = CrlDocument.Parse(_crl.Der);
        retained.ReleaseContent();
        long sdk = GC.GetTotalMemory(true) - before;
        GC.KeepAlive(retained);
        before = GC.GetTotalMemory(true);
        X509Crl bc = new X509CrlParser().ReadCrl(_crl.Der);
        _ = bc.GetRevokedCertificates().Count;
        long bcBytes = GC.GetTotalMemory(true) - before;
        GC.KeepAlive(bc);
        Console.WriteLine($"// CRL {Entries} entries: {_crl.Der.Length} bytes DER; SDK index arrays {doc.Index.FootprintBytes / (double)Entries:F1} B/entry, retained {sdk / (double)Entries:F1} B/entry; BouncyCastle X509Crl retained {bcBytes / (double)Entries:F1} B/entry");
    }

    [Benchmark(Baseline = true, Description = "SDK: parse+verify+index")]
    public int Sdk()
    {
        CrlDocument doc = CrlDocument.Parse(_crl.Der);
        if (!doc.IsIssuedBy(_crl.Ca))
        {
            throw new InvalidOperationException("not verified");
        }

        doc.ReleaseContent();
        return doc.Index.Count;
    }

    [Benchmark(Description = "BouncyCastle: X509CrlParser+Verify")]
    public int BouncyCastle()
    {
        X509Crl crl = new X509CrlParser().ReadCrl(_crl.Der);
        crl.Verify(DotNetUtilities.GetRsaPublicKey(_crl.Key));
        return crl.GetRevokedCertificates().Count;
    }
}

/// <summary>
/// One lookup (half listed, half not) in the SDK index against BouncyCastle <c>X509Crl.IsRevoked</c>.
/// Run: <c>… -- --filter *CrlLookup*</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RevocationBenchmarkConfig.Lookup))]
public class CrlLookupBenchmarks
{
    private const int Probes = 64;
    private CrlIndex _index = null!;
    private X509Crl _bc = null!;
    private byte[][] _probes = null!;
    private X509Certificate[] _probeCerts = null!;

    [ParamsSource(nameof(Sizes))]
    public int Entries { get; set; }

    /// <summary>Gets the CRL sizes: 10⁴, 10⁵, 10⁶, or the comma-separated list in KZID_CRL_SIZES.</summary>
    public static IEnumerable<int> Sizes => RevocationBenchmarkConfig.Sizes();

    [GlobalSetup]
    public void Setup()
    {
        SyntheticCrl crl = SyntheticCrl.Get(Entries);
        CrlDocument doc = CrlDocument.Parse(crl.Der);
        doc.ReleaseContent();
        _index = doc.Index;
        _bc = new X509CrlParser().ReadCrl(crl.Der);
        var random = new Random(7);
        _probes = new byte[Probes][];
        _probeCerts = new X509Certificate[Probes];
        var generator = new X509V3CertificateGenerator();
        var keys = DotNetUtilities.GetRsaKeyPair(crl.Key);
        var issuer = new X509Certificate(crl.Ca.RawData);
        for (int i = 0; i < Probes; i++)
        {
            byte[] serial = i % 2 == 0 ? crl.Serials[random.Next(crl.Serials.Length)] : RandomSerial(random);
            _probes[i] = serial;
            generator.SetSerialNumber(new BigInteger(1, serial));
            generator.SetIssuerDN(issuer.SubjectDN);
            generator.SetSubjectDN(new Org.BouncyCastle.Asn1.X509.X509Name("CN=probe"));
            generator.SetNotBefore(DateTime.UtcNow.AddDays(-1));
            generator.SetNotAfter(DateTime.UtcNow.AddDays(1));
            generator.SetPublicKey(keys.Public);
            _probeCerts[i] = generator.Generate(new Org.BouncyCastle.Crypto.Operators.Asn1SignatureFactory("SHA256WITHRSA", keys.Private));
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Probes * 10_000, Description = "SDK index TryFind")]
    public int Sdk()
    {
        int found = 0;
        for (int r = 0; r < 10_000; r++)
        {
            for (int i = 0; i < Probes; i++)
            {
                if (_index.TryFind(_probes[i], out _, out _))
                {
                    found++;
                }
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = 2, Description = "BouncyCastle X509Crl.IsRevoked")]
    public int BouncyCastle()
    {
        // Two probes (one listed, one not) per invocation: IsRevoked scans and re-parses every entry.
        int found = 0;
        for (int i = 0; i < 2; i++)
        {
            if (_bc.IsRevoked(_probeCerts[i]))
            {
                found++;
            }
        }

        return found;
    }

    private static byte[] RandomSerial(Random random)
    {
        byte[] serial = new byte[20];
        random.NextBytes(serial);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }
}

/// <summary>Short in-process jobs: the 2-core machine is shared, so runs stay within a couple of minutes.</summary>
public static class RevocationBenchmarkConfig
{
    /// <summary>The CRL sizes to run.</summary>
    /// <returns>10⁴, 10⁵, 10⁶ unless KZID_CRL_SIZES lists others.</returns>
    public static IEnumerable<int> Sizes() =>
        Environment.GetEnvironmentVariable("KZID_CRL_SIZES") is { Length: > 0 } list
            ? list.Split(',').Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture))
            : [10_000, 100_000, 1_000_000];

    /// <summary>Parse/verify/index: monitoring, 1 warm-up, 2 iterations.</summary>
    public sealed class Load : ManualConfig
    {
        public Load() => AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true)).WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(2));
    }

    /// <summary>Lookups: monitoring, 1 warm-up, 3 iterations, in process (BouncyCastle's scan takes seconds at 10⁶).</summary>
    public sealed class Lookup : ManualConfig
    {
        public Lookup() => AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true)).WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
    }
}
