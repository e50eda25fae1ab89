using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Cryptography.Gost;
using Org.BouncyCastle.Asn1.CryptoPro;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Prng;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Cryptography.Gost;

/// <summary>One GOST curve seen by both engines, with BouncyCastle signing for the differential tests.</summary>
internal sealed class GostTestCurve
{
    private GostTestCurve(string name, ECDomainParameters domain)
    {
        Name = name;
        Domain = domain;
        Engine = GostCurves.FromDomain(domain);
        Half = 8 * Engine.Limbs;
    }

    /// <summary>Gets the names of every GOST curve BouncyCastle knows (CryptoPro A/B/C/XchA/XchB, tc26 256 A–D, tc26 512 A–C).</summary>
    public static IEnumerable<string> AllNames => ECGost3410NamedCurves.Names.Order(StringComparer.Ordinal);

    public string Name { get; }

    public ECDomainParameters Domain { get; }

    public GostCurve Engine { get; }

    /// <summary>Gets the size of one coordinate / signature half in bytes.</summary>
    public int Half { get; }

    public BigInteger Q => Domain.N;

    public static GostTestCurve Get(string name)
    {
        X9ECParameters p = ECGost3410NamedCurves.GetByName(name);
        return new GostTestCurve(name, new ECDomainParameters(p.Curve, p.G, p.N, p.H, p.GetSeed()));
    }

    public static SecureRandom SeededRandom(string seed)
    {
        var generator = new DigestRandomGenerator(new Sha256Digest());
        generator.AddSeedMaterial(System.Text.Encoding.UTF8.GetBytes(seed));
        return new SecureRandom(generator);
    }

    public (BigInteger D, ECPoint Q, GostPublicPoint Key) NewKey(SecureRandom random)
    {
        BigInteger d;
        do
        {
            d = new BigInteger(Q.BitLength, random);
        }
        while (d.SignValue == 0 || d.CompareTo(Q) >= 0);

        ECPoint q = Domain.G.Multiply(d).Normalize();
        Assert.True(GostPublicPoint.TryDecode(Engine, EncodePoint(q), out GostPublicPoint? key));
        return (d, q, key!);
    }

    /// <summary>Decodes the point into a new engine key (one that has never verified: the first-use path).</summary>
    public GostPublicPoint FreshKey(ECPoint q)
    {
        Assert.True(GostPublicPoint.TryDecode(Engine, EncodePoint(q), out GostPublicPoint? key));
        return key!;
    }

    public byte[] EncodePoint(ECPoint q)
    {
        ECPoint n = q.Normalize();
        return [.. LittleEndian(n.AffineXCoord.ToBigInteger()), .. LittleEndian(n.AffineYCoord.ToBigInteger())];
    }

    public byte[] Sign(BigInteger d, byte[] hash, SecureRandom random)
    {
        var signer = new ECGost3410Signer();
        signer.Init(true, new ParametersWithRandom(new ECPrivateKeyParameters(d, Domain), random));
        BigInteger[] rs = signer.GenerateSignature(hash);
        return Signature(rs[0], rs[1]);
    }

    public byte[] Signature(BigInteger r, BigInteger s) => [.. LittleEndian(r), .. LittleEndian(s)];

    /// <summary>BouncyCastle's verdict on the NCA layout (may throw where BouncyCastle does, e.g. for e ≡ 0 mod q).</summary>
    public bool ReferenceVerify(ECPoint q, byte[] hash, byte[] signature)
    {
        BigInteger r = new(1, signature.AsSpan(0, Half).ToArray().Reverse().ToArray());
        BigInteger s = new(1, signature.AsSpan(Half).ToArray().Reverse().ToArray());
        var signer = new ECGost3410Signer();
        signer.Init(false, new ECPublicKeyParameters(q, Domain));
        return signer.VerifySignature(hash, r, s);
    }

    /// <summary>Writes a non-negative integer little-endian over one half (values up to 2^(8·half) − 1).</summary>
    public byte[] LittleEndian(BigInteger value)
    {
        byte[] be = value.ToByteArrayUnsigned();
        Assert.True(be.Length <= Half);
        var le = new byte[Half];
        for (int i = 0; i < be.Length; i++)
        {
            le[i] = be[be.Length - 1 - i];
        }

        return le;
    }
}
