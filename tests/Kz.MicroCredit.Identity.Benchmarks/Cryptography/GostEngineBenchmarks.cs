using BenchmarkDotNet.Attributes;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Cryptography.Gost;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;

namespace Kz.MicroCredit.Identity.Benchmarks.Cryptography;

/// <summary>
/// GOST signature verification over a digest, BouncyCastle's <see cref="ECGost3410Signer"/> next to the managed engine,
/// per curve (the NCA curves: CryptoPro-A for GOST 34.310-2004, tc26 512 paramSetA and 256 paramSetA for GOST 34.10-2015).
/// "cold key" decodes the key in every call, on both sides (a signer never seen before: no per-key precomputation
/// survives from an earlier call); the other rows reuse one key object (a returning signer). Run:
/// <c>dotnet run -c Release --project tests/Kz.MicroCredit.Identity.Benchmarks -- --filter *GostEngine* --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class GostEngineBenchmarks
{
    private ECPublicKeyParameters _reference = null!;
    private GostCurve _curve = null!;
    private GostPublicPoint _key = null!;
    private byte[] _keyBytes = null!;
    private byte[] _hash = null!;
    private byte[] _signature = null!;

    [Params("GostR3410-2001-CryptoPro-A", "Tc26-Gost-3410-12-512-paramSetA", "Tc26-Gost-3410-12-256-paramSetA")]
    public string Curve { get; set; } = "GostR3410-2001-CryptoPro-A";

    [GlobalSetup]
    public void Setup()
    {
        X9ECParameters p = Org.BouncyCastle.Asn1.CryptoPro.ECGost3410NamedCurves.GetByName(Curve);
        var domain = new ECDomainParameters(p.Curve, p.G, p.N, p.H, p.GetSeed());
        var generator = new DigestRandomGenerator(new Sha256Digest());
        generator.AddSeedMaterial(System.Text.Encoding.UTF8.GetBytes("gost-bench/" + Curve));
        var random = new SecureRandom(generator);
        BigInteger d = new BigInteger(p.N.BitLength - 1, random).Add(BigInteger.One);
        ECPoint q = domain.G.Multiply(d).Normalize();
        _reference = new ECPublicKeyParameters(q, domain);
        _curve = GostCurves.FromDomain(domain);
        int half = 8 * _curve.Limbs;
        _hash = new byte[half];
        random.NextBytes(_hash);
        var signer = new ECGost3410Signer();
        signer.Init(true, new ParametersWithRandom(new ECPrivateKeyParameters(d, domain), random));
        BigInteger[] rs = signer.GenerateSignature(_hash);
        _signature = [.. LittleEndian(rs[0], half), .. LittleEndian(rs[1], half)];
        _keyBytes = [.. LittleEndian(q.AffineXCoord.ToBigInteger(), half), .. LittleEndian(q.AffineYCoord.ToBigInteger(), half)];
        if (!GostPublicPoint.TryDecode(_curve, _keyBytes, out GostPublicPoint? key))
        {
            throw new InvalidOperationException("The benchmark key does not decode.");
        }

        _key = key;
        if (!BouncyCastle() || !BouncyCastleColdKey() || !Managed() || !ManagedColdKey())
        {
            throw new InvalidOperationException("A benchmark input does not verify.");
        }
    }

    [Benchmark(Baseline = true, Description = "BouncyCastle")]
    public bool BouncyCastle()
    {
        int half = _signature.Length / 2;
        var r = new BigInteger(1, _signature.AsSpan(0, half).ToArray().Reverse().ToArray());
        var s = new BigInteger(1, _signature.AsSpan(half).ToArray().Reverse().ToArray());
        var signer = new ECGost3410Signer();
        signer.Init(false, _reference);
        return signer.VerifySignature(_hash, r, s);
    }

    /// <summary>BouncyCastle with a signer key never seen before: the point decoded and validated in every call.</summary>
    /// <returns>The verdict.</returns>
    [Benchmark(Description = "BouncyCastle, cold key")]
    public bool BouncyCastleColdKey()
    {
        int half = _signature.Length / 2;
        ECPoint q = _reference.Parameters.Curve.ValidatePoint(
            new BigInteger(1, _keyBytes.AsSpan(0, half).ToArray().Reverse().ToArray()),
            new BigInteger(1, _keyBytes.AsSpan(half).ToArray().Reverse().ToArray()));
        var r = new BigInteger(1, _signature.AsSpan(0, half).ToArray().Reverse().ToArray());
        var s = new BigInteger(1, _signature.AsSpan(half).ToArray().Reverse().ToArray());
        var signer = new ECGost3410Signer();
        signer.Init(false, new ECPublicKeyParameters(q, _reference.Parameters));
        return signer.VerifySignature(_hash, r, s);
    }

    [Benchmark(Description = "managed")]
    public bool Managed() => GostSignatureVerifier.Verify(_key, _hash, _signature);

    [Benchmark(Description = "managed, cold key")]
    public bool ManagedColdKey() =>
        GostPublicPoint.TryDecode(_curve, _keyBytes, out GostPublicPoint? key) && GostSignatureVerifier.Verify(key, _hash, _signature);

    private static byte[] LittleEndian(BigInteger value, int length)
    {
        byte[] be = value.ToByteArrayUnsigned();
        var le = new byte[length];
        for (int i = 0; i < be.Length; i++)
        {
            le[i] = be[be.Length - 1 - i];
        }

        return le;
    }
}
