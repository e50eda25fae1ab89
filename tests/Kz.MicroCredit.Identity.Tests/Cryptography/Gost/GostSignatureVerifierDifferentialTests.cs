using System.Globalization;
using Kz.MicroCredit.Identity.Cryptography.Gost;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using Xunit;
using Xunit.Abstractions;

namespace Kz.MicroCredit.Identity.Tests.Cryptography.Gost;

/// <summary>
/// The managed GOST engine against BouncyCastle (the reference) on every GOST curve BouncyCastle knows: valid
/// signatures, tampered ones and the edges. CI runs a fixed-seed slice; KZID_GOST_DIFF_N=10000 runs the local mode
/// (that many valid and that many tampered signatures per curve).
/// </summary>
public sealed class GostSignatureVerifierDifferentialTests(ITestOutputHelper output)
{
    private const int CiSlice = 32;

    public static TheoryData<string> Curves() => new(GostTestCurve.AllNames);

    [Theory]
    [MemberData(nameof(Curves))]
    public void Same_verdicts_as_BouncyCastle_on_valid_and_tampered_signatures(string name)
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("KZID_GOST_DIFF_N"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : CiSlice;
        GostTestCurve curve = GostTestCurve.Get(name);
        SecureRandom random = GostTestCurve.SeededRandom("gost-diff/" + name);
        var keys = Enumerable.Range(0, 4).Select(_ => curve.NewKey(random)).ToArray();
        int valid = 0, tamperedAccepted = 0, tampered = 0;
        for (int i = 0; i < count; i++)
        {
            var (d, q, key) = keys[i % keys.Length];
            byte[] hash = new byte[curve.Half];
            random.NextBytes(hash);
            byte[] signature = curve.Sign(d, hash, random);

            bool reference = curve.ReferenceVerify(q, hash, signature);
            bool engine = GostSignatureVerifier.Verify(i % 3 == 0 ? curve.FreshKey(q) : key, hash, signature); // every third: first-use path
            Assert.True(reference, $"{name} #{i}: BouncyCastle refused its own signature");
            Assert.Equal(reference, engine);
            valid++;

            byte[] badHash = (byte[])hash.Clone();
            byte[] badSignature = (byte[])signature.Clone();
            var (_, verifyQ, verifyKey) = (d, q, key);
            switch (i % 5)
            {
                case 0:
                    badHash[random.Next(badHash.Length)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    badSignature[random.Next(curve.Half)] ^= (byte)(1 << random.Next(8)); // r
                    break;
                case 2:
                    badSignature[curve.Half + random.Next(curve.Half)] ^= (byte)(1 << random.Next(8)); // s
                    break;
                case 3:
                    (_, verifyQ, verifyKey) = keys[(i + 1) % keys.Length]; // wrong key
                    break;
                default:
                    badSignature = [.. signature.AsSpan(curve.Half), .. signature.AsSpan(0, curve.Half)]; // r and s swapped
                    break;
            }

            bool referenceBad = curve.ReferenceVerify(verifyQ, badHash, badSignature);
            bool engineBad = GostSignatureVerifier.Verify(i % 3 == 1 ? curve.FreshKey(verifyQ) : verifyKey, badHash, badSignature);
            Assert.Equal(referenceBad, engineBad);
            tampered++;
            tamperedAccepted += engineBad ? 1 : 0;
        }

        Assert.Equal(0, tamperedAccepted);
        output.WriteLine($"{name}: {valid} valid and {tampered} tampered signatures, identical verdicts");
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Out_of_range_r_and_s_are_refused(string name)
    {
        GostTestCurve curve = GostTestCurve.Get(name);
        SecureRandom random = GostTestCurve.SeededRandom("gost-range/" + name);
        var (d, q, key) = curve.NewKey(random);
        byte[] hash = new byte[curve.Half];
        random.NextBytes(hash);
        byte[] good = curve.Sign(d, hash, random);
        BigInteger r = new(1, good.AsSpan(0, curve.Half).ToArray().Reverse().ToArray());
        BigInteger s = new(1, good.AsSpan(curve.Half).ToArray().Reverse().ToArray());
        BigInteger max = BigInteger.One.ShiftLeft(8 * curve.Half).Subtract(BigInteger.One);

        foreach (var (badR, badS) in new[]
        {
            (BigInteger.Zero, s), (r, BigInteger.Zero), (curve.Q, s), (r, curve.Q),
            (r.Add(curve.Q), s), (r, s.Add(curve.Q)), (max, s), (r, max),
        })
        {
            if (badR.CompareTo(max) > 0 || badS.CompareTo(max) > 0)
            {
                continue; // r + q does not fit the half on curves whose q fills it
            }

            byte[] signature = curve.Signature(badR, badS);
            Assert.False(curve.ReferenceVerify(q, hash, signature));
            Assert.False(GostSignatureVerifier.Verify(key, hash, signature));
        }

        Assert.True(GostSignatureVerifier.Verify(key, hash, good));
        Assert.False(GostSignatureVerifier.Verify(key, hash, good.AsSpan(1).ToArray()));
        Assert.False(GostSignatureVerifier.Verify(key, [.. hash, .. hash], good));
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void A_signature_whose_sum_is_the_point_at_infinity_is_refused(string name)
    {
        // C = z1·G + z2·Q = (s − r·d)·e⁻¹·G, so s = r·d mod q puts C at infinity for any e.
        GostTestCurve curve = GostTestCurve.Get(name);
        SecureRandom random = GostTestCurve.SeededRandom("gost-infinity/" + name);
        var (d, q, key) = curve.NewKey(random);
        byte[] hash = new byte[curve.Half];
        random.NextBytes(hash);
        BigInteger r = new BigInteger(curve.Q.BitLength - 1, random).Add(BigInteger.One);
        byte[] signature = curve.Signature(r, r.Multiply(d).Mod(curve.Q));

        Assert.False(curve.ReferenceVerify(q, hash, signature));
        Assert.False(GostSignatureVerifier.Verify(key, hash, signature));
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void A_digest_that_is_zero_mod_q_is_read_as_one(string name)
    {
        GostTestCurve curve = GostTestCurve.Get(name);
        SecureRandom random = GostTestCurve.SeededRandom("gost-e0/" + name);
        var (d, q, key) = curve.NewKey(random);
        byte[] one = curve.LittleEndian(BigInteger.One);
        byte[] signature = curve.Sign(d, one, random);
        byte[] zero = new byte[curve.Half];
        byte[] orderItself = curve.LittleEndian(curve.Q);

        Assert.True(curve.ReferenceVerify(q, one, signature));
        Assert.True(GostSignatureVerifier.Verify(key, one, signature));

        // GOST 34.10-2015 §6.2 step 3: e := 1 when e ≡ 0 (mod q). BouncyCastle throws instead.
        Assert.ThrowsAny<ArithmeticException>(() => curve.ReferenceVerify(q, zero, signature));
        Assert.True(GostSignatureVerifier.Verify(key, zero, signature));
        Assert.True(GostSignatureVerifier.Verify(key, orderItself, signature));

        // a digest above q is reduced: q + 1 ≡ 1
        BigInteger qPlusOne = curve.Q.Add(BigInteger.One);
        if (qPlusOne.BitLength <= 8 * curve.Half)
        {
            byte[] reduced = curve.LittleEndian(qPlusOne);
            Assert.Equal(curve.ReferenceVerify(q, reduced, signature), GostSignatureVerifier.Verify(key, reduced, signature));
            Assert.True(GostSignatureVerifier.Verify(key, reduced, signature));
        }

        // the wrong key
        var (_, _, other) = curve.NewKey(random);
        Assert.False(GostSignatureVerifier.Verify(other, one, signature));
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void Public_keys_off_the_curve_or_out_of_the_field_are_refused(string name)
    {
        GostTestCurve curve = GostTestCurve.Get(name);
        SecureRandom random = GostTestCurve.SeededRandom("gost-offcurve/" + name);
        var (_, q, _) = curve.NewKey(random);
        byte[] bytes = curve.EncodePoint(q);

        byte[] offCurve = (byte[])bytes.Clone();
        offCurve[curve.Half] ^= 1; // y changed
        Assert.False(GostPublicPoint.TryDecode(curve.Engine, offCurve, out _));
        Assert.Throws<ArgumentException>(() => curve.Domain.Curve.ValidatePoint(
            new BigInteger(1, offCurve.AsSpan(0, curve.Half).ToArray().Reverse().ToArray()),
            new BigInteger(1, offCurve.AsSpan(curve.Half).ToArray().Reverse().ToArray())));

        byte[] xAboveP = (byte[])bytes.Clone();
        xAboveP.AsSpan(0, curve.Half).Fill(0xFF);
        Assert.False(GostPublicPoint.TryDecode(curve.Engine, xAboveP, out _));
        Assert.False(GostPublicPoint.TryDecode(curve.Engine, bytes.AsSpan(1).ToArray(), out _));
        Assert.True(GostPublicPoint.TryDecode(curve.Engine, bytes, out _));

        // (x, −y) is on the curve and is the key's negation: a valid signature must not verify under it
        ECPoint negated = q.Negate();
        Assert.True(GostPublicPoint.TryDecode(curve.Engine, curve.EncodePoint(negated), out _));
    }
}
