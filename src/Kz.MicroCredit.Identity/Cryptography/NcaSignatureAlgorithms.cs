namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>Signature algorithm OIDs and XMLDSig SignatureMethod URIs (docs/nca-formats.md §1 and §4) and how they map to key + digest.</summary>
internal static class NcaSignatureAlgorithms
{
    public const string XmlRsaSha1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    public const string XmlRsaSha256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public const string XmlRsaSha384 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384";
    public const string XmlRsaSha512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
    public const string XmlGost2004 = "http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311";
    public const string XmlGost2015_512 = "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512";
    public const string XmlGost2015_256 = "urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-256";

    /// <summary>
    /// Resolves a signature algorithm OID. The key OIDs (rsaEncryption, the three GOST key OIDs) are accepted in place of a
    /// signature OID (CMS practice for RSA; the 2018 Kalkan quirk for GOST); then the digest comes from
    /// <paramref name="digestOid"/> (RSA) or is implied by the key (GOST, where a contradicting digest OID fails).
    /// </summary>
    /// <param name="signatureOid">The signature (or key) algorithm OID.</param>
    /// <param name="digestOid">The separate digest OID (CMS SignerInfo.digestAlgorithm), when there is one.</param>
    /// <param name="keyAlgorithm">The key algorithm the signature needs.</param>
    /// <param name="digest">The digest.</param>
    /// <param name="allowSha1">Whether sha1WithRSA is acceptable.</param>
    /// <returns><see langword="true"/> when known and allowed.</returns>
    public static bool TryResolve(string? signatureOid, string? digestOid, out NcaKeyAlgorithm keyAlgorithm, out NcaDigestAlgorithm digest, bool allowSha1 = false)
    {
        keyAlgorithm = NcaKeyAlgorithm.Rsa;
        digest = NcaDigestAlgorithm.Sha256;
        switch (signatureOid)
        {
            case NcaOids.Sha256WithRsa:
                digest = NcaDigestAlgorithm.Sha256;
                return DigestAgrees(digestOid, digest, allowSha1);
            case NcaOids.Sha384WithRsa:
                digest = NcaDigestAlgorithm.Sha384;
                return DigestAgrees(digestOid, digest, allowSha1);
            case NcaOids.Sha512WithRsa:
                digest = NcaDigestAlgorithm.Sha512;
                return DigestAgrees(digestOid, digest, allowSha1);
            case NcaOids.Sha1WithRsa when allowSha1:
                digest = NcaDigestAlgorithm.Sha1;
                return DigestAgrees(digestOid, digest, allowSha1);
            case NcaOids.RsaEncryption:
                return digestOid is null || (NcaDigests.TryResolve(digestOid, out digest, allowSha1)
                    && digest is NcaDigestAlgorithm.Sha256 or NcaDigestAlgorithm.Sha384 or NcaDigestAlgorithm.Sha512 or NcaDigestAlgorithm.Sha1);
            case NcaOids.Gost2004Signature or NcaOids.Gost2004Key:
                keyAlgorithm = NcaKeyAlgorithm.Gost2004;
                break;
            case NcaOids.Gost2015Signature512 or NcaOids.Gost2015Key512:
                keyAlgorithm = NcaKeyAlgorithm.Gost2015_512;
                break;
            case NcaOids.Gost2015Signature256 or NcaOids.Gost2015Key256:
                keyAlgorithm = NcaKeyAlgorithm.Gost2015_256;
                break;
            default:
                return false;
        }

        digest = NcaDigests.DigestForKey(keyAlgorithm);
        return DigestAgrees(digestOid, digest, allowSha1);
    }

    /// <summary>Resolves an XMLDSig SignatureMethod URI.</summary>
    /// <param name="uri">The URI.</param>
    /// <param name="keyAlgorithm">The key algorithm.</param>
    /// <param name="digest">The digest.</param>
    /// <param name="allowSha1">Whether rsa-sha1 is acceptable.</param>
    /// <returns><see langword="true"/> when known and allowed.</returns>
    public static bool TryResolveXml(string? uri, out NcaKeyAlgorithm keyAlgorithm, out NcaDigestAlgorithm digest, bool allowSha1 = false)
    {
        (bool ok, keyAlgorithm, digest) = uri switch
        {
            XmlRsaSha256 => (true, NcaKeyAlgorithm.Rsa, NcaDigestAlgorithm.Sha256),
            XmlRsaSha384 => (true, NcaKeyAlgorithm.Rsa, NcaDigestAlgorithm.Sha384),
            XmlRsaSha512 => (true, NcaKeyAlgorithm.Rsa, NcaDigestAlgorithm.Sha512),
            XmlRsaSha1 when allowSha1 => (true, NcaKeyAlgorithm.Rsa, NcaDigestAlgorithm.Sha1),
            XmlGost2004 => (true, NcaKeyAlgorithm.Gost2004, NcaDigestAlgorithm.Gost34311),
            XmlGost2015_512 => (true, NcaKeyAlgorithm.Gost2015_512, NcaDigestAlgorithm.Streebog512),
            XmlGost2015_256 => (true, NcaKeyAlgorithm.Gost2015_256, NcaDigestAlgorithm.Streebog256),
            _ => (false, NcaKeyAlgorithm.Rsa, NcaDigestAlgorithm.Sha256),
        };
        return ok;
    }

    /// <summary>Returns the signature OID an NCA signer writes for a key algorithm.</summary>
    /// <param name="keyAlgorithm">The key algorithm.</param>
    /// <returns>sha256WithRSAEncryption or the Kazakh GOST signature OID.</returns>
    public static string GetSignatureOid(NcaKeyAlgorithm keyAlgorithm) => keyAlgorithm switch
    {
        NcaKeyAlgorithm.Rsa => NcaOids.Sha256WithRsa,
        NcaKeyAlgorithm.Gost2004 => NcaOids.Gost2004Signature,
        NcaKeyAlgorithm.Gost2015_512 => NcaOids.Gost2015Signature512,
        NcaKeyAlgorithm.Gost2015_256 => NcaOids.Gost2015Signature256,
        _ => throw new ArgumentOutOfRangeException(nameof(keyAlgorithm)),
    };

    /// <summary>Returns the XMLDSig SignatureMethod URI Kalkan writes for a key algorithm.</summary>
    /// <param name="keyAlgorithm">The key algorithm.</param>
    /// <returns>The URI.</returns>
    public static string GetXmlSignatureUri(NcaKeyAlgorithm keyAlgorithm) => keyAlgorithm switch
    {
        NcaKeyAlgorithm.Rsa => XmlRsaSha256,
        NcaKeyAlgorithm.Gost2004 => XmlGost2004,
        NcaKeyAlgorithm.Gost2015_512 => XmlGost2015_512,
        NcaKeyAlgorithm.Gost2015_256 => XmlGost2015_256,
        _ => throw new ArgumentOutOfRangeException(nameof(keyAlgorithm)),
    };

    private static bool DigestAgrees(string? digestOid, NcaDigestAlgorithm expected, bool allowSha1) =>
        digestOid is null || (NcaDigests.TryResolve(digestOid, out NcaDigestAlgorithm d, allowSha1) && d == expected);
}
