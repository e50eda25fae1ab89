using BenchmarkDotNet.Attributes;
using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;

namespace Kz.MicroCredit.Identity.Benchmarks.Cryptography;

/// <summary>
/// GOST 34.311-95 (D-TEST S-box) throughput: BouncyCastle's <c>Gost3411Digest</c> against our table-driven
/// <see cref="Gost34311Digest"/>, side by side per input size. Run: <c>--filter *Gost34311* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class Gost34311Benchmarks
{
    private readonly Gost3411Digest _bouncy = new(Gost28147Engine.GetSBox("D-TEST"));
    private readonly Gost34311Digest _ours = new();
    private readonly byte[] _hash = new byte[32];
    private byte[] _data = null!;

    /// <summary>Gets or sets the input size in bytes.</summary>
    [Params(1024, 65536)]
    public int Size { get; set; }

    /// <summary>Fills the input.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(3411).NextBytes(_data);
    }

    /// <summary>BouncyCastle.</summary>
    /// <returns>The first digest byte.</returns>
    [Benchmark(Baseline = true, Description = "BouncyCastle Gost3411Digest(D-TEST)")]
    public byte BouncyCastle()
    {
        _bouncy.BlockUpdate(_data, 0, _data.Length);
        _bouncy.DoFinal(_hash, 0);
        return _hash[0];
    }

    /// <summary>Ours.</summary>
    /// <returns>The first digest byte.</returns>
    [Benchmark(Description = "Gost34311Digest (table-driven)")]
    public byte Ours()
    {
        _ours.BlockUpdate(_data, 0, _data.Length);
        _ours.DoFinal(_hash, 0);
        return _hash[0];
    }
}
