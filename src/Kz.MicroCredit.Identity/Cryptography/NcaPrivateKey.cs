using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>
/// An in-memory NCA private key (platform RSA, or a GOST scalar) that signs in the NCA byte layout.
/// Thread-safe for signing. Dispose to release the RSA handle.
/// </summary>
internal sealed class NcaPrivateKey : IDisposable
{
    private static readonly SecureRandom Random = new();
    private readonly RSA? _rsa;
    private readonly ECPrivateKeyParameters? _ec;

    private NcaPrivateKey(NcaKeyAlgorithm algorithm, RSA? rsa, ECPrivateKeyParameters? ec, NcaPublicKey publicKey)
    {
        Algorithm = algorithm;
        _rsa = rsa;
        _ec = ec;
        PublicKey = publicKey;
    }

    /// <summary>Gets the algorithm.</summary>
    public NcaKeyAlgorithm Algorithm { get; }

    /// <summary>Gets the matching public key.</summary>
    public NcaPublicKey PublicKey { get; }

    /// <summary>Gets the signature algorithm OID this key writes.</summary>
    public string SignatureAlgorithmOid => NcaSignatureAlgorithms.GetSignatureOid(Algorithm);

    /// <summary>Gets the digest this key signs over.</summary>
    public NcaDigestAlgorithm Digest => NcaDigests.DigestForKey(Algorithm);

    /// <summary>Generates a fresh key.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="rsaKeySize">RSA modulus size (2048 users, 4096 CAs).</param>
    /// <returns>The key.</returns>
    public static NcaPrivateKey Generate(NcaKeyAlgorithm algorithm, int rsaKeySize = 2048)
    {
        if (algorithm == NcaKeyAlgorithm.Rsa)
        {
            return FromRsa(RSA.Create(rsaKeySize));
        }

        ECDomainParameters domain = NcaGost.GetDomain(algorithm);
        BigInteger d = BigIntegers.CreateRandomInRange(BigInteger.One, domain.N.Subtract(BigInteger.One), Random);
        return FromGost(algorithm, d);
    }

    /// <summary>Wraps a platform RSA key (ownership passes to the new instance).</summary>
    /// <param name="rsa">The key.</param>
    /// <returns>The key.</returns>
    public static NcaPrivateKey FromRsa(RSA rsa) =>
        new(NcaKeyAlgorithm.Rsa, rsa, null, NcaPublicKey.FromSubjectPublicKeyInfo(rsa.ExportSubjectPublicKeyInfo()));

    /// <summary>Creates a GOST key from its scalar.</summary>
    /// <param name="algorithm">A GOST algorithm.</param>
    /// <param name="d">The private scalar, 0 &lt; d &lt; n.</param>
    /// <returns>The key.</returns>
    public static NcaPrivateKey FromGost(NcaKeyAlgorithm algorithm, BigInteger d)
    {
        ECDomainParameters domain = NcaGost.GetDomain(algorithm);
        if (d.SignValue <= 0 || d.CompareTo(domain.N) >= 0)
        {
            throw new CryptographicException("The GOST private key is out of range.");
        }

        var ec = new ECPrivateKeyParameters(d, domain);
        var q = new FixedPointCombMultiplier().Multiply(domain.G, d).Normalize();
        byte[] spki = NcaGost.CreateSubjectPublicKeyInfo(algorithm, q).GetEncoded(Asn1Encodable.Der);
        return new NcaPrivateKey(algorithm, null, ec, NcaPublicKey.FromSubjectPublicKeyInfo(spki));
    }

    /// <summary>
    /// Reads a decrypted PKCS#8 PrivateKeyInfo as NCA key files hold it (docs/nca-formats.md §5a): RSA as usual; GOST-2015 d as a
    /// 64/32-byte little-endian OCTET STRING; GOST-2004 d as an INTEGER.
    /// </summary>
    /// <param name="info">The key info.</param>
    /// <returns>The key.</returns>
    /// <exception cref="NotSupportedException">The algorithm is not an NCA algorithm.</exception>
    /// <exception cref="CryptographicException">The key is malformed.</exception>
    public static NcaPrivateKey FromPrivateKeyInfo(PrivateKeyInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        string oid = info.PrivateKeyAlgorithm.Algorithm.Id;
        if (oid == NcaOids.RsaEncryption)
        {
            RSA rsa = RSA.Create();
            try
            {
                rsa.ImportPkcs8PrivateKey(info.GetEncoded(Asn1Encodable.Der), out _);
                return FromRsa(rsa);
            }
            catch
            {
                rsa.Dispose();
                throw;
            }
        }

        if (!NcaGost.TryGetKeyAlgorithm(oid, out NcaKeyAlgorithm algorithm))
        {
            throw new NotSupportedException("The private key algorithm is not an NCA algorithm.");
        }

        byte[] octets = info.PrivateKey.GetOctets();
        BigInteger d;
        try
        {
            d = Asn1Object.FromByteArray(octets) switch
            {
                DerInteger integer => integer.Value,
                Asn1OctetString le => NcaGost.FromLittleEndian(le.GetOctets()),
                _ => throw new CryptographicException("The GOST private key has an unknown encoding."),
            };
        }
        catch (IOException)
        {
            // Not ASN.1: the raw little-endian scalar.
            d = NcaGost.FromLittleEndian(octets);
        }

        return FromGost(algorithm, d);
    }

    /// <summary>Exports the key as a PrivateKeyInfo in the NCA encoding (see <see cref="FromPrivateKeyInfo"/>).</summary>
    /// <returns>The DER PrivateKeyInfo.</returns>
    public byte[] ExportPrivateKeyInfo()
    {
        if (_rsa is not null)
        {
            return _rsa.ExportPkcs8PrivateKey();
        }

        Asn1Encodable encoded = Algorithm == NcaKeyAlgorithm.Gost2004
            ? new DerInteger(_ec!.D)
            : LittleEndianScalar();
        return new PrivateKeyInfo(NcaGost.GetKeyAlgorithmIdentifier(Algorithm), encoded).GetEncoded(Asn1Encodable.Der);

        DerOctetString LittleEndianScalar()
        {
            byte[] le = new byte[NcaGost.GetHalfLength(Algorithm)];
            NcaGost.WriteLittleEndian(_ec!.D, le);
            return new DerOctetString(le);
        }
    }

    /// <summary>Hashes and signs data with the key's digest.</summary>
    /// <param name="data">The data.</param>
    /// <returns>The signature in the NCA layout.</returns>
    public byte[] Sign(ReadOnlySpan<byte> data) => SignHash(NcaDigests.Compute(Digest, data));

    /// <summary>Signs a precomputed hash (RSA: SHA-256/384/512 by length; GOST: the key's digest length).</summary>
    /// <param name="hash">The digest.</param>
    /// <returns>The signature in the NCA layout.</returns>
    public byte[] SignHash(ReadOnlySpan<byte> hash)
    {
        if (_rsa is not null)
        {
            HashAlgorithmName name = hash.Length switch
            {
                32 => HashAlgorithmName.SHA256,
                48 => HashAlgorithmName.SHA384,
                64 => HashAlgorithmName.SHA512,
                _ => throw new CryptographicException("The hash length does not name a SHA-2 digest."),
            };
            return _rsa.SignHash(hash.ToArray(), name, RSASignaturePadding.Pkcs1);
        }

        if (hash.Length != NcaDigests.GetLength(Digest))
        {
            throw new CryptographicException("The hash length does not fit the GOST key.");
        }

        var signer = new ECGost3410Signer();
        signer.Init(true, new ParametersWithRandom(_ec!, Random));
        BigInteger[] rs = signer.GenerateSignature(hash.ToArray());
        return NcaGost.EncodeSignature(Algorithm, rs[0], rs[1]);
    }

    /// <summary>Checks whether a public key is this key's public half.</summary>
    /// <param name="other">The public key (from a certificate).</param>
    /// <returns><see langword="true"/> when they match.</returns>
    public bool Matches(NcaPublicKey other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Algorithm != Algorithm)
        {
            return false;
        }

        if (_rsa is not null)
        {
            RSAParameters mine = _rsa.ExportParameters(false);
            RSAParameters theirs = other.RsaKey!.ExportParameters(false);
            return mine.Modulus.AsSpan().SequenceEqual(theirs.Modulus) && mine.Exponent.AsSpan().SequenceEqual(theirs.Exponent);
        }

        return PublicKey.GostKey!.Q.Equals(other.GostKey!.Q);
    }

    /// <inheritdoc/>
    public void Dispose() => _rsa?.Dispose();
}
