using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>
/// Digest OIDs and XMLDSig digest URIs of NCA-EDS.md §1/§4, and one-shot/incremental hashing over them.
/// SHA-1 is refused unless the caller passes <c>allowSha1: true</c>.
/// </summary>
internal static class NcaDigests
{
    public const string XmlSha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    public const string XmlSha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public const string XmlSha384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
    public const string XmlSha512 = "http://www.w3.org/2001/04/xmlenc#sha512";
    public const string XmlGost34311 = "http://www.w3.org/2001/04/xmldsig-more#gost34311";
    public const string XmlStreebog512 = "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512";
    public const string XmlStreebog256 = "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-256";

    [ThreadStatic]
    private static Gost34311Digest? t_gost34311;

    [ThreadStatic]
    private static Gost3411_2012_256Digest? t_streebog256;

    [ThreadStatic]
    private static Gost3411_2012_512Digest? t_streebog512;

    /// <summary>Resolves a digest OID or XMLDSig digest URI.</summary>
    /// <param name="digestOidOrXmlUri">An OID such as 1.2.398.3.10.1.3.3 or a URI such as <c>http://www.w3.org/2001/04/xmlenc#sha256</c>.</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="allowSha1">Whether SHA-1 is acceptable.</param>
    /// <returns><see langword="true"/> when known (and allowed).</returns>
    public static bool TryResolve(string? digestOidOrXmlUri, out NcaDigestAlgorithm algorithm, bool allowSha1 = false)
    {
        NcaDigestAlgorithm? found = digestOidOrXmlUri switch
        {
            NcaOids.Sha256 or XmlSha256 => NcaDigestAlgorithm.Sha256,
            NcaOids.Sha384 or XmlSha384 => NcaDigestAlgorithm.Sha384,
            NcaOids.Sha512 or XmlSha512 => NcaDigestAlgorithm.Sha512,
            NcaOids.Gost34311Digest or XmlGost34311 => NcaDigestAlgorithm.Gost34311,
            NcaOids.Streebog256Digest or XmlStreebog256 => NcaDigestAlgorithm.Streebog256,
            NcaOids.Streebog512Digest or XmlStreebog512 => NcaDigestAlgorithm.Streebog512,
            NcaOids.Sha1 or XmlSha1 when allowSha1 => NcaDigestAlgorithm.Sha1,
            _ => null,
        };
        algorithm = found.GetValueOrDefault();
        return found.HasValue;
    }

    /// <summary>Hashes data with the digest named by an OID or XMLDSig URI.</summary>
    /// <param name="digestOidOrXmlUri">The digest OID or URI.</param>
    /// <param name="data">The data.</param>
    /// <param name="allowSha1">Whether SHA-1 is acceptable.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="CryptographicException">The algorithm is unknown or not allowed.</exception>
    public static byte[] Compute(string digestOidOrXmlUri, ReadOnlySpan<byte> data, bool allowSha1 = false) =>
        TryResolve(digestOidOrXmlUri, out NcaDigestAlgorithm algorithm, allowSha1)
            ? Compute(algorithm, data)
            : throw new CryptographicException("The digest algorithm is not supported.");

    /// <summary>Hashes data.</summary>
    /// <param name="algorithm">The digest.</param>
    /// <param name="data">The data.</param>
    /// <returns>The digest.</returns>
    public static byte[] Compute(NcaDigestAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        byte[] result = new byte[GetLength(algorithm)];
        Compute(algorithm, data, result);
        return result;
    }

    /// <summary>Hashes data into a caller buffer of exactly <see cref="GetLength"/> bytes or more.</summary>
    /// <param name="algorithm">The digest.</param>
    /// <param name="data">The data.</param>
    /// <param name="destination">Where the digest goes.</param>
    /// <returns>The number of bytes written.</returns>
    public static int Compute(NcaDigestAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        switch (algorithm)
        {
            case NcaDigestAlgorithm.Sha256:
                return SHA256.HashData(data, destination);
            case NcaDigestAlgorithm.Sha384:
                return SHA384.HashData(data, destination);
            case NcaDigestAlgorithm.Sha512:
                return SHA512.HashData(data, destination);
            case NcaDigestAlgorithm.Sha1:
#pragma warning disable CA5350 // SHA-1 only when the caller explicitly allowed it (TSP imprints, OCSP CertID).
                return SHA1.HashData(data, destination);
#pragma warning restore CA5350
            default:
                IDigest digest = RentBouncyDigest(algorithm);
                digest.Reset();
                digest.BlockUpdate(data);
                return digest.DoFinal(destination);
        }
    }

    /// <summary>Returns the digest length in bytes.</summary>
    /// <param name="algorithm">The digest.</param>
    /// <returns>The length.</returns>
    public static int GetLength(NcaDigestAlgorithm algorithm) => algorithm switch
    {
        NcaDigestAlgorithm.Sha1 => 20,
        NcaDigestAlgorithm.Sha256 or NcaDigestAlgorithm.Gost34311 or NcaDigestAlgorithm.Streebog256 => 32,
        NcaDigestAlgorithm.Sha384 => 48,
        NcaDigestAlgorithm.Sha512 or NcaDigestAlgorithm.Streebog512 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Returns the digest that goes with a key algorithm in NCA signatures.</summary>
    /// <param name="keyAlgorithm">The key algorithm.</param>
    /// <returns>SHA-256 for RSA, GOST 34.311-95 for GOST-2004, Streebog for GOST-2015.</returns>
    public static NcaDigestAlgorithm DigestForKey(NcaKeyAlgorithm keyAlgorithm) => keyAlgorithm switch
    {
        NcaKeyAlgorithm.Rsa => NcaDigestAlgorithm.Sha256,
        NcaKeyAlgorithm.Gost2004 => NcaDigestAlgorithm.Gost34311,
        NcaKeyAlgorithm.Gost2015_512 => NcaDigestAlgorithm.Streebog512,
        NcaKeyAlgorithm.Gost2015_256 => NcaDigestAlgorithm.Streebog256,
        _ => throw new ArgumentOutOfRangeException(nameof(keyAlgorithm)),
    };

    /// <summary>Returns the OID of a digest.</summary>
    /// <param name="algorithm">The digest.</param>
    /// <returns>The OID.</returns>
    public static string GetOid(NcaDigestAlgorithm algorithm) => algorithm switch
    {
        NcaDigestAlgorithm.Sha1 => NcaOids.Sha1,
        NcaDigestAlgorithm.Sha256 => NcaOids.Sha256,
        NcaDigestAlgorithm.Sha384 => NcaOids.Sha384,
        NcaDigestAlgorithm.Sha512 => NcaOids.Sha512,
        NcaDigestAlgorithm.Gost34311 => NcaOids.Gost34311Digest,
        NcaDigestAlgorithm.Streebog256 => NcaOids.Streebog256Digest,
        NcaDigestAlgorithm.Streebog512 => NcaOids.Streebog512Digest,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Returns the XMLDSig DigestMethod URI of a digest (NCA-EDS.md §4).</summary>
    /// <param name="algorithm">The digest.</param>
    /// <returns>The URI.</returns>
    public static string GetXmlUri(NcaDigestAlgorithm algorithm) => algorithm switch
    {
        NcaDigestAlgorithm.Sha1 => XmlSha1,
        NcaDigestAlgorithm.Sha256 => XmlSha256,
        NcaDigestAlgorithm.Sha384 => XmlSha384,
        NcaDigestAlgorithm.Sha512 => XmlSha512,
        NcaDigestAlgorithm.Gost34311 => XmlGost34311,
        NcaDigestAlgorithm.Streebog256 => XmlStreebog256,
        NcaDigestAlgorithm.Streebog512 => XmlStreebog512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Creates an incremental hasher (for large or streamed content).</summary>
    /// <param name="algorithm">The digest.</param>
    /// <returns>A new hasher; dispose it.</returns>
    public static NcaIncrementalDigest CreateIncremental(NcaDigestAlgorithm algorithm) => new(algorithm);

    /// <summary>Creates a new BouncyCastle-compatible digest object (GOST 34.311-95 with the D-TEST S-box — our table-driven <see cref="Gost34311Digest"/>, Streebog, SHA-x).</summary>
    /// <param name="algorithm">The digest.</param>
    /// <returns>A fresh digest.</returns>
    public static IDigest CreateBouncyDigest(NcaDigestAlgorithm algorithm) => algorithm switch
    {
        NcaDigestAlgorithm.Gost34311 => new Gost34311Digest(),
        NcaDigestAlgorithm.Streebog256 => new Gost3411_2012_256Digest(),
        NcaDigestAlgorithm.Streebog512 => new Gost3411_2012_512Digest(),
        NcaDigestAlgorithm.Sha1 => new Sha1Digest(),
        NcaDigestAlgorithm.Sha256 => new Sha256Digest(),
        NcaDigestAlgorithm.Sha384 => new Sha384Digest(),
        NcaDigestAlgorithm.Sha512 => new Sha512Digest(),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    private static IDigest RentBouncyDigest(NcaDigestAlgorithm algorithm) => algorithm switch
    {
        NcaDigestAlgorithm.Gost34311 => t_gost34311 ??= new Gost34311Digest(),
        NcaDigestAlgorithm.Streebog256 => t_streebog256 ??= new Gost3411_2012_256Digest(),
        NcaDigestAlgorithm.Streebog512 => t_streebog512 ??= new Gost3411_2012_512Digest(),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };
}
