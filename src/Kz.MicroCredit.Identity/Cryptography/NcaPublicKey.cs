using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Kz.MicroCredit.Identity.Cryptography.Gost;
using Org.BouncyCastle.Math;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>
/// A public key of the NCA PKI (RSA, GOST 34.310-2004, GOST 34.10-2015-512/256), parsed once and kept ready for
/// repeated verification. RSA goes through the platform (<see cref="RSA"/>), GOST through the managed engine
/// (<see cref="GostSignatureVerifier"/>, docs/cryptography.md) with the Kazakh byte layouts (docs/nca-formats.md §2);
/// BouncyCastle's <see cref="ECGost3410Signer"/> stays as the reference and as a switch-off path
/// (<see cref="UseBouncyCastleForGost"/>). Thread-safe.
/// </summary>
internal sealed class NcaPublicKey
{
    private const int SharedCacheLimit = 1024;

    [ThreadStatic]
    private static long t_signatureOperations;
    private static readonly ConditionalWeakTable<X509Certificate2, NcaPublicKey> CertificateCache = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, NcaPublicKey> SharedCache = new(StringComparer.Ordinal);

    private readonly RSA? _rsa;
    private readonly ECPublicKeyParameters? _ec;
    private readonly GostPublicPoint? _gost;

    private NcaPublicKey(NcaKeyAlgorithm algorithm, RSA? rsa, ECPublicKeyParameters? ec, GostPublicPoint? gost, byte[] spki, int keySize)
    {
        Algorithm = algorithm;
        _rsa = rsa;
        _ec = ec;
        _gost = gost;
        SubjectPublicKeyInfo = spki;
        KeySize = keySize;
    }

    /// <summary>
    /// Gets or sets a value indicating whether GOST signatures are verified with BouncyCastle instead of the managed
    /// engine (a process-wide switch for diagnosis and benchmarks; both give the same verdicts, except that the engine
    /// reads a digest ≡ 0 mod q as 1, as the standard says, where BouncyCastle refuses).
    /// </summary>
    internal static bool UseBouncyCastleForGost { get; set; }

    /// <summary>
    /// Gets the number of public-key signature operations (RSA or GOST) this thread has performed: the verifiers are
    /// synchronous, so tests read it before and after a call to count the work an input caused.
    /// </summary>
    internal static long SignatureOperationsOnThisThread => t_signatureOperations;

    /// <summary>Gets the key algorithm.</summary>
    public NcaKeyAlgorithm Algorithm { get; }

    /// <summary>Gets the key size in bits (RSA modulus, or the GOST curve order size).</summary>
    public int KeySize { get; }

    /// <summary>Gets the DER SubjectPublicKeyInfo the key was parsed from.</summary>
    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

    /// <summary>Gets the GOST public point (null for RSA).</summary>
    internal ECPublicKeyParameters? GostKey => _ec;

    /// <summary>Gets the platform RSA key (null for GOST).</summary>
    internal RSA? RsaKey => _rsa;

    /// <summary>Returns the public key of a certificate; parsed once per certificate instance and cached.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <returns>The key.</returns>
    /// <exception cref="CryptographicException">The key algorithm is not an NCA one, or the key is malformed.</exception>
    public static NcaPublicKey FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return CertificateCache.GetValue(certificate, static c => GetOrCreate(c.PublicKey.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>
    /// Returns the key of a SubjectPublicKeyInfo from a bounded process-wide cache (keyed by the SPKI's SHA-256), so that
    /// the same signer key seen in many messages — a new certificate instance each time — is parsed once and keeps its
    /// GOST point precomputation.
    /// </summary>
    /// <param name="subjectPublicKeyInfo">The DER SubjectPublicKeyInfo.</param>
    /// <returns>The key.</returns>
    /// <exception cref="CryptographicException">The key algorithm is not an NCA one, or the key is malformed.</exception>
    public static NcaPublicKey GetOrCreate(byte[] subjectPublicKeyInfo)
    {
        ArgumentNullException.ThrowIfNull(subjectPublicKeyInfo);
        string id = Convert.ToHexString(SHA256.HashData(subjectPublicKeyInfo));
        if (SharedCache.TryGetValue(id, out NcaPublicKey? cached))
        {
            return cached;
        }

        NcaPublicKey key = FromSubjectPublicKeyInfo(subjectPublicKeyInfo);
        if (SharedCache.Count >= SharedCacheLimit)
        {
            SharedCache.Clear();
        }

        return SharedCache.GetOrAdd(id, key);
    }

    /// <summary>
    /// Drops every cached key object of one SubjectPublicKeyInfo (benchmarks only: the next verification by this key
    /// is a first-time signer's, with nothing precomputed, on either GOST engine).
    /// </summary>
    /// <param name="subjectPublicKeyInfo">The DER SubjectPublicKeyInfo.</param>
    internal static void ForgetForBenchmarks(byte[] subjectPublicKeyInfo)
    {
        SharedCache.TryRemove(Convert.ToHexString(SHA256.HashData(subjectPublicKeyInfo)), out _);
        var forget = new List<X509Certificate2>();
        foreach (KeyValuePair<X509Certificate2, NcaPublicKey> entry in CertificateCache)
        {
            if (entry.Value.SubjectPublicKeyInfo.Span.SequenceEqual(subjectPublicKeyInfo))
            {
                forget.Add(entry.Key);
            }
        }

        foreach (X509Certificate2 certificate in forget)
        {
            CertificateCache.Remove(certificate);
        }
    }

    /// <summary>Parses a DER SubjectPublicKeyInfo.</summary>
    /// <param name="subjectPublicKeyInfo">The DER bytes.</param>
    /// <returns>The key.</returns>
    /// <exception cref="CryptographicException">The key algorithm is not an NCA one, or the key is malformed.</exception>
    public static NcaPublicKey FromSubjectPublicKeyInfo(byte[] subjectPublicKeyInfo)
    {
        ArgumentNullException.ThrowIfNull(subjectPublicKeyInfo);
        SubjectPublicKeyInfo info;
        try
        {
            info = Org.BouncyCastle.Asn1.X509.SubjectPublicKeyInfo.GetInstance(Asn1Object.FromByteArray(subjectPublicKeyInfo));
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or FormatException)
        {
            throw new CryptographicException("The SubjectPublicKeyInfo is malformed.", ex);
        }

        return FromSubjectPublicKeyInfo(info, subjectPublicKeyInfo);
    }

    /// <summary>Creates a key from a BouncyCastle SubjectPublicKeyInfo.</summary>
    /// <param name="info">The parsed structure.</param>
    /// <returns>The key.</returns>
    public static NcaPublicKey FromSubjectPublicKeyInfo(SubjectPublicKeyInfo info) =>
        FromSubjectPublicKeyInfo(info, info.GetEncoded(Asn1Encodable.Der));

    private static NcaPublicKey FromSubjectPublicKeyInfo(SubjectPublicKeyInfo info, byte[] der)
    {
        string oid = info.Algorithm.Algorithm.Id;
        if (oid == NcaOids.RsaEncryption)
        {
            RSA rsa = RSA.Create();
            try
            {
                rsa.ImportSubjectPublicKeyInfo(der, out _);
            }
            catch
            {
                rsa.Dispose();
                throw;
            }

            return new NcaPublicKey(NcaKeyAlgorithm.Rsa, rsa, null, null, der, rsa.KeySize);
        }

        if (!NcaGost.TryGetKeyAlgorithm(oid, out NcaKeyAlgorithm algorithm))
        {
            throw new CryptographicException("The public key algorithm is not an NCA algorithm.");
        }

        try
        {
            byte[] keyBytes = Asn1OctetString.GetInstance(Asn1Object.FromByteArray(info.PublicKey.GetOctets())).GetOctets();
            ECPublicKeyParameters ec = NcaGost.DecodePublicKey(algorithm, keyBytes);
            if (!GostPublicPoint.TryDecode(GostCurves.Get(algorithm), keyBytes, out GostPublicPoint? gost))
            {
                throw new FormatException("The GOST public key is not a point of its curve.");
            }

            return new NcaPublicKey(algorithm, null, ec, gost, der, ec.Parameters.N.BitLength);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or FormatException)
        {
            throw new CryptographicException("The GOST public key is malformed.", ex);
        }
    }

    /// <summary>
    /// Verifies a signature over data, hashing the data with the digest the algorithm names. Accepts the key OID in place of
    /// the signature OID (2018 Kalkan CMS quirk). Returns <see langword="false"/> (never throws) for a wrong, malformed or
    /// mismatching signature, an algorithm that does not fit this key, or SHA-1.
    /// </summary>
    /// <param name="signatureAlgorithmOid">The signature algorithm OID (e.g. 1.2.398.3.10.1.1.2.3.2, 1.2.840.113549.1.1.11).</param>
    /// <param name="signedData">The signed bytes.</param>
    /// <param name="signature">The signature in the NCA byte layout.</param>
    /// <returns><see langword="true"/> when the signature is valid.</returns>
    public bool Verify(string signatureAlgorithmOid, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature) =>
        Verify(signatureAlgorithmOid, null, signedData, signature);

    /// <summary>As <see cref="Verify(string, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> with a separate digest OID (CMS SignerInfo).</summary>
    /// <param name="signatureAlgorithmOid">The signature (or key) algorithm OID.</param>
    /// <param name="digestAlgorithmOid">The digest OID, or null when the signature OID implies it.</param>
    /// <param name="signedData">The signed bytes.</param>
    /// <param name="signature">The signature.</param>
    /// <param name="allowSha1">Whether SHA-1 is acceptable (legacy data only).</param>
    /// <returns><see langword="true"/> when the signature is valid.</returns>
    public bool Verify(string signatureAlgorithmOid, string? digestAlgorithmOid, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature, bool allowSha1 = false)
    {
        if (!NcaSignatureAlgorithms.TryResolve(signatureAlgorithmOid, digestAlgorithmOid, out NcaKeyAlgorithm keyAlgorithm, out NcaDigestAlgorithm digest, allowSha1)
            || keyAlgorithm != Algorithm)
        {
            return false;
        }

        return VerifyWithDigest(digest, signedData, signature);
    }

    /// <summary>Verifies an XMLDSig SignatureValue over the canonical SignedInfo bytes.</summary>
    /// <param name="xmlSignatureMethodUri">The SignatureMethod Algorithm URI.</param>
    /// <param name="signedInfoCanonicalBytes">The canonicalised SignedInfo.</param>
    /// <param name="signature">The decoded SignatureValue.</param>
    /// <returns><see langword="true"/> when valid; false for unknown URIs, rsa-sha1, HMAC or a key mismatch.</returns>
    public bool VerifyXml(string xmlSignatureMethodUri, ReadOnlySpan<byte> signedInfoCanonicalBytes, ReadOnlySpan<byte> signature)
    {
        if (!NcaSignatureAlgorithms.TryResolveXml(xmlSignatureMethodUri, out NcaKeyAlgorithm keyAlgorithm, out NcaDigestAlgorithm digest)
            || keyAlgorithm != Algorithm)
        {
            return false;
        }

        return VerifyWithDigest(digest, signedInfoCanonicalBytes, signature);
    }

    /// <summary>
    /// Verifies a signature over a precomputed hash. For GOST the hash must have the key's digest length; for RSA the
    /// digest is inferred from the length (32 → SHA-256, 48 → SHA-384, 64 → SHA-512).
    /// </summary>
    /// <param name="hash">The digest.</param>
    /// <param name="signature">The signature in the NCA layout.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public bool VerifyHash(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        if (_rsa is not null)
        {
            HashAlgorithmName? name = hash.Length switch
            {
                32 => HashAlgorithmName.SHA256,
                48 => HashAlgorithmName.SHA384,
                64 => HashAlgorithmName.SHA512,
                _ => null,
            };
            return name is { } n && VerifyRsaHash(hash, signature, n);
        }

        return hash.Length == NcaDigests.GetLength(NcaDigests.DigestForKey(Algorithm)) && VerifyGostHash(hash, signature);
    }

    /// <summary>Verifies with an explicit digest algorithm (which must fit the key).</summary>
    /// <param name="digest">The digest.</param>
    /// <param name="signedData">The data.</param>
    /// <param name="signature">The signature.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    internal bool VerifyWithDigest(NcaDigestAlgorithm digest, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature)
    {
        if (_rsa is not null)
        {
            HashAlgorithmName? name = digest switch
            {
                NcaDigestAlgorithm.Sha256 => HashAlgorithmName.SHA256,
                NcaDigestAlgorithm.Sha384 => HashAlgorithmName.SHA384,
                NcaDigestAlgorithm.Sha512 => HashAlgorithmName.SHA512,
                NcaDigestAlgorithm.Sha1 => HashAlgorithmName.SHA1,
                _ => null,
            };
            if (name is not { } n)
            {
                return false;
            }

            Span<byte> rsaHash = stackalloc byte[64];
            int rsaLength = NcaDigests.Compute(digest, signedData, rsaHash);
            return VerifyRsaHash(rsaHash[..rsaLength], signature, n);
        }

        if (digest != NcaDigests.DigestForKey(Algorithm))
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[64];
        int length = NcaDigests.Compute(digest, signedData, hash);
        return VerifyGostHash(hash[..length], signature);
    }

    private bool VerifyRsaHash(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature, HashAlgorithmName name)
    {
        t_signatureOperations++;
        if (signature.Length != (_rsa!.KeySize + 7) / 8)
        {
            return false;
        }

        try
        {
            return _rsa.VerifyHash(hash, signature, name, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private bool VerifyGostHash(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        t_signatureOperations++;
        int half = NcaGost.GetHalfLength(Algorithm);
        if (signature.Length != 2 * half)
        {
            return false;
        }

        if (!UseBouncyCastleForGost)
        {
            return GostSignatureVerifier.Verify(_gost!, hash, signature);
        }

        BigInteger r = NcaGost.FromLittleEndian(signature[..half]);
        BigInteger s = NcaGost.FromLittleEndian(signature[half..]);
        var signer = new ECGost3410Signer();
        signer.Init(false, _ec);
        try
        {
            return signer.VerifySignature(hash.ToArray(), r, s);
        }
        catch (ArithmeticException)
        {
            return false; // a digest ≡ 0 mod q, which BouncyCastle cannot invert
        }
    }
}
