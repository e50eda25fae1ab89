using System.Numerics;
using Kz.MicroCredit.Identity.Cryptography.Gost;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Cryptography.Gost;

/// <summary>
/// The field arithmetic against System.Numerics.BigInteger, in both representations: Montgomery form (a random-looking
/// prime, and the curve orders) and plain form for the pseudo-Mersenne primes of the NCA curves (2^256 − 617,
/// 2^512 − 569), edges included (0, 1, p − 1, operands ≥ p up to 2^(64·limbs) − 1 where the contract allows them).
/// </summary>
public sealed class MontgomeryFieldTests
{
    public static TheoryData<string, bool> Moduli() => new()
    {
        { "2^256-617", true },
        { "2^512-569", true },
        { "CryptoPro-A order", false },
        { "tc26-512-A order", false },
        { "CryptoPro-B field", false }, // 4 limbs, not of the form 2^256 − c
    };

    [Theory]
    [MemberData(nameof(Moduli))]
    public void Products_squares_sums_and_inverses_match_BigInteger(string name, bool pseudoMersenne)
    {
        BigInteger p = Parse(name);
        var field = new MontgomeryField(p);
        Assert.Equal(pseudoMersenne, field.IsPseudoMersenne);
        int n = field.Limbs;
        BigInteger top = (BigInteger.One << (64 * n)) - 1;
        var random = new Random(15);
        var values = new List<BigInteger> { 0, 1, 2, p - 1, p - 2, p >> 1, (p + 1) >> 1 };
        for (int i = 0; i < 200; i++)
        {
            values.Add(RandomBelow(random, p));
        }

        BigInteger rInverse = BigInteger.ModPow(field.IsPseudoMersenne ? 1 : BigInteger.One << (64 * n), p - 2, p);
        Span<ulong> a = stackalloc ulong[n];
        Span<ulong> b = stackalloc ulong[n];
        Span<ulong> result = stackalloc ulong[n];
        for (int i = 0; i < values.Count; i++)
        {
            BigInteger x = values[i];
            BigInteger y = values[(i * 7 + 3) % values.Count];
            Load(x, a);
            Load(y, b);

            field.Multiply(a, b, result);
            Assert.Equal(x * y * rInverse % p, MontgomeryField.FromLimbs(result));
            field.Square(a, result);
            Assert.Equal(x * x * rInverse % p, MontgomeryField.FromLimbs(result));
            field.Add(a, b, result);
            Assert.Equal((x + y) % p, MontgomeryField.FromLimbs(result));
            field.Subtract(a, b, result);
            Assert.Equal(((x - y) % p + p) % p, MontgomeryField.FromLimbs(result));

            // Round trip through the representation, and the inverse, in it.
            field.ToMontgomery(a, result);
            field.FromMontgomery(result, b);
            Assert.Equal(x, MontgomeryField.FromLimbs(b));
            if (!x.IsZero)
            {
                field.Invert(result, b);
                field.Multiply(result, b, b);
                Assert.True(field.AreEqual(b, field.One), $"{name}: x·x⁻¹ ≠ 1");
            }

            // The first factor may be any value below 2^(64·limbs) (ToMontgomery reduces unreduced digests this way).
            BigInteger wide = top - x;
            Load(wide, a);
            Load(y, b);
            field.Multiply(a, b, result);
            Assert.Equal(wide * y * rInverse % p, MontgomeryField.FromLimbs(result));
        }
    }

    private static BigInteger Parse(string name) => name switch
    {
        "2^256-617" => (BigInteger.One << 256) - 617,
        "2^512-569" => (BigInteger.One << 512) - 569,
        "CryptoPro-B field" => FromBouncyCastle(Org.BouncyCastle.Asn1.CryptoPro.ECGost3410NamedCurves.GetByName("GostR3410-2001-CryptoPro-B").Curve.Field.Characteristic),
        "CryptoPro-A order" => FromBouncyCastle(Org.BouncyCastle.Asn1.CryptoPro.ECGost3410NamedCurves.GetByName("GostR3410-2001-CryptoPro-A").N),
        _ => FromBouncyCastle(Org.BouncyCastle.Asn1.CryptoPro.ECGost3410NamedCurves.GetByName("Tc26-Gost-3410-12-512-paramSetA").N),
    };

    private static BigInteger FromBouncyCastle(Org.BouncyCastle.Math.BigInteger value) => new(value.ToByteArrayUnsigned(), isUnsigned: true, isBigEndian: true);

    private static BigInteger RandomBelow(Random random, BigInteger bound)
    {
        byte[] bytes = new byte[bound.GetByteCount(isUnsigned: true) + 8];
        random.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true) % bound;
    }

    private static void Load(BigInteger value, Span<ulong> limbs) => MontgomeryField.ToLimbs(value, limbs.Length).CopyTo(limbs);
}
