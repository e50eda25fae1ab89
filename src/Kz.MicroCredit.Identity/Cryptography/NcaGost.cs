using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.CryptoPro;
using Org.BouncyCastle.Asn1.Rosstandart;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>
/// The GOST curves of the Kazakh algorithms and the NCA byte layouts (docs/nca-formats.md §2): public key = x‖y each half
/// little-endian inside an OCTET STRING; signature = r‖s each half little-endian (the whole-array reversal of RFC 4491's s‖r).
/// </summary>
internal static class NcaGost
{
    private static readonly Lazy<ECDomainParameters> Curve2004 = new(() => Domain(ECGost3410NamedCurves.GetByOid(CryptoProObjectIdentifiers.GostR3410x2001CryptoProA)));
    private static readonly Lazy<ECDomainParameters> Curve2015_512 = new(() => Domain(ECGost3410NamedCurves.GetByOid(RosstandartObjectIdentifiers.id_tc26_gost_3410_12_512_paramSetA)));
    private static readonly Lazy<ECDomainParameters> Curve2015_256 = new(() => Domain(ECGost3410NamedCurves.GetByOid(RosstandartObjectIdentifiers.id_tc26_gost_3410_12_256_paramSetA)));

    /// <summary>Returns the (shared, cached) domain parameters of a GOST key algorithm.</summary>
    /// <param name="algorithm">A GOST algorithm.</param>
    /// <returns>The curve.</returns>
    public static ECDomainParameters GetDomain(NcaKeyAlgorithm algorithm) => algorithm switch
    {
        NcaKeyAlgorithm.Gost2004 => Curve2004.Value,
        NcaKeyAlgorithm.Gost2015_512 => Curve2015_512.Value,
        NcaKeyAlgorithm.Gost2015_256 => Curve2015_256.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Returns the size in bytes of one coordinate / one signature half.</summary>
    /// <param name="algorithm">A GOST algorithm.</param>
    /// <returns>32 or 64.</returns>
    public static int GetHalfLength(NcaKeyAlgorithm algorithm) => algorithm == NcaKeyAlgorithm.Gost2015_512 ? 64 : 32;

    /// <summary>Maps a key algorithm OID to a GOST algorithm.</summary>
    /// <param name="keyOid">The SubjectPublicKeyInfo algorithm OID.</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <returns><see langword="true"/> when it is a Kazakh GOST key OID.</returns>
    public static bool TryGetKeyAlgorithm(string keyOid, out NcaKeyAlgorithm algorithm)
    {
        (bool ok, algorithm) = keyOid switch
        {
            NcaOids.Gost2004Key => (true, NcaKeyAlgorithm.Gost2004),
            NcaOids.Gost2015Key512 => (true, NcaKeyAlgorithm.Gost2015_512),
            NcaOids.Gost2015Key256 => (true, NcaKeyAlgorithm.Gost2015_256),
            _ => (false, NcaKeyAlgorithm.Rsa),
        };
        return ok;
    }

    /// <summary>Returns the SubjectPublicKeyInfo algorithm identifier NCA certificates carry for a GOST key.</summary>
    /// <param name="algorithm">A GOST algorithm.</param>
    /// <returns>The algorithm identifier with its parameters.</returns>
    public static AlgorithmIdentifier GetKeyAlgorithmIdentifier(NcaKeyAlgorithm algorithm) => algorithm switch
    {
        NcaKeyAlgorithm.Gost2004 => new AlgorithmIdentifier(
            new DerObjectIdentifier(NcaOids.Gost2004Key),
            new DerSequence(new DerObjectIdentifier(NcaOids.Gost2004Curve), new DerObjectIdentifier(NcaOids.Gost2004HashParams))),
        NcaKeyAlgorithm.Gost2015_512 => new AlgorithmIdentifier(
            new DerObjectIdentifier(NcaOids.Gost2015Key512),
            new DerSequence(new DerObjectIdentifier(NcaOids.Gost2015Curve512), new DerObjectIdentifier(NcaOids.Streebog512Digest))),
        NcaKeyAlgorithm.Gost2015_256 => new AlgorithmIdentifier(
            new DerObjectIdentifier(NcaOids.Gost2015Key256),
            new DerSequence(new DerObjectIdentifier(NcaOids.Gost2015Curve256), new DerObjectIdentifier(NcaOids.Streebog256Digest))),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Decodes the x‖y little-endian public key bytes (the content of the OCTET STRING) into a validated point.</summary>
    /// <param name="algorithm">A GOST algorithm.</param>
    /// <param name="keyBytes">x‖y, each half little-endian.</param>
    /// <returns>The public key parameters.</returns>
    public static ECPublicKeyParameters DecodePublicKey(NcaKeyAlgorithm algorithm, ReadOnlySpan<byte> keyBytes)
    {
        int half = GetHalfLength(algorithm);
        if (keyBytes.Length != 2 * half)
        {
            throw new FormatException("The GOST public key has the wrong length.");
        }

        ECDomainParameters domain = GetDomain(algorithm);
        BigInteger x = FromLittleEndian(keyBytes[..half]);
        BigInteger y = FromLittleEndian(keyBytes[half..]);
        ECPoint q = domain.Curve.ValidatePoint(x, y);
        return new ECPublicKeyParameters(q, domain);
    }

    /// <summary>Encodes a public point as x‖y little-endian.</summary>
    /// <param name="algorithm">A GOST algorithm.</param>
    /// <param name="q">The point.</param>
    /// <returns>The bytes that go inside the OCTET STRING.</returns>
    public static byte[] EncodePublicKey(NcaKeyAlgorithm algorithm, ECPoint q)
    {
        int half = GetHalfLength(algorithm);
        ECPoint n = q.Normalize();
        byte[] result = new byte[2 * half];
        WriteLittleEndian(n.AffineXCoord.ToBigInteger(), result.AsSpan(0, half));
        WriteLittleEndian(n.AffineYCoord.ToBigInteger(), result.AsSpan(half, half));
        return result;
    }

    /// <summary>Builds the NCA SubjectPublicKeyInfo of a GOST public point.</summary>
    /// <param name="algorithm">A GOST algorithm.</param>
    /// <param name="q">The point.</param>
    /// <returns>The SubjectPublicKeyInfo.</returns>
    public static SubjectPublicKeyInfo CreateSubjectPublicKeyInfo(NcaKeyAlgorithm algorithm, ECPoint q) =>
        new(GetKeyAlgorithmIdentifier(algorithm), new DerOctetString(EncodePublicKey(algorithm, q)).GetEncoded(Asn1Encodable.Der));

    /// <summary>Encodes (r, s) in the NCA layout r_LE‖s_LE.</summary>
    /// <param name="algorithm">A GOST algorithm.</param>
    /// <param name="r">r.</param>
    /// <param name="s">s.</param>
    /// <returns>The signature bytes.</returns>
    public static byte[] EncodeSignature(NcaKeyAlgorithm algorithm, BigInteger r, BigInteger s)
    {
        int half = GetHalfLength(algorithm);
        byte[] result = new byte[2 * half];
        WriteLittleEndian(r, result.AsSpan(0, half));
        WriteLittleEndian(s, result.AsSpan(half, half));
        return result;
    }

    /// <summary>Reads a non-negative little-endian integer.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The integer.</returns>
    public static BigInteger FromLittleEndian(ReadOnlySpan<byte> bytes)
    {
        Span<byte> be = bytes.Length <= 128 ? stackalloc byte[bytes.Length] : new byte[bytes.Length];
        bytes.CopyTo(be);
        be.Reverse();
        return new BigInteger(1, be);
    }

    /// <summary>Writes a non-negative integer little-endian into exactly <paramref name="destination"/>.Length bytes.</summary>
    /// <param name="value">The integer.</param>
    /// <param name="destination">The buffer.</param>
    public static void WriteLittleEndian(BigInteger value, Span<byte> destination)
    {
        destination.Clear();
        byte[] be = value.ToByteArrayUnsigned();
        if (be.Length > destination.Length)
        {
            throw new ArgumentException("The integer does not fit.", nameof(value));
        }

        for (int i = 0; i < be.Length; i++)
        {
            destination[i] = be[be.Length - 1 - i];
        }
    }

    private static ECDomainParameters Domain(X9ECParameters p) => new(p.Curve, p.G, p.N, p.H, p.GetSeed());
}
