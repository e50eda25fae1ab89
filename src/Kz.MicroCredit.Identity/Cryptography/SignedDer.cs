using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Kz.MicroCredit.Identity.Cryptography;

/// <summary>The parts of a signed DER structure: SEQUENCE { tbs, AlgorithmIdentifier, BIT STRING signature, ... }.</summary>
internal readonly struct SignedDer
{
    private SignedDer(int tbsOffset, int tbsLength, string algorithmOid, bool parametersAllowed, byte[] algorithmDer, byte[] signature)
    {
        TbsOffset = tbsOffset;
        TbsLength = tbsLength;
        AlgorithmOid = algorithmOid;
        AlgorithmParametersAllowed = parametersAllowed;
        AlgorithmDer = algorithmDer;
        Signature = signature;
    }

    /// <summary>Gets the offset of the signed part (with its tag and length) in the input.</summary>
    public int TbsOffset { get; }

    /// <summary>Gets the length of the signed part.</summary>
    public int TbsLength { get; }

    /// <summary>Gets the signature algorithm OID.</summary>
    public string AlgorithmOid { get; }

    /// <summary>Gets a value indicating whether the algorithm parameters are absent or NULL (the only forms NCA uses).</summary>
    public bool AlgorithmParametersAllowed { get; }

    /// <summary>Gets the DER of the outer AlgorithmIdentifier.</summary>
    public byte[] AlgorithmDer { get; }

    /// <summary>Gets the signature bytes.</summary>
    public byte[] Signature { get; }

    /// <summary>Splits a signed structure.</summary>
    /// <param name="der">The DER bytes.</param>
    /// <param name="parts">The parts.</param>
    /// <returns><see langword="true"/> when the structure has the expected shape and nothing trails it.</returns>
    public static bool TrySplit(ReadOnlySpan<byte> der, out SignedDer parts)
    {
        parts = default;
        try
        {
            const AsnEncodingRules Der = AsnEncodingRules.DER;
            AsnDecoder.ReadSequence(der, Der, out int contentOffset, out int contentLength, out int consumed);
            if (consumed != der.Length)
            {
                return false;
            }

            ReadOnlySpan<byte> content = der.Slice(contentOffset, contentLength);
            AsnDecoder.ReadEncodedValue(content, Der, out _, out _, out int tbsLength);
            ReadOnlySpan<byte> rest = content[tbsLength..];
            AsnDecoder.ReadEncodedValue(rest, Der, out _, out _, out int algLength);
            ReadOnlySpan<byte> algorithm = rest[..algLength];
            rest = rest[algLength..];
            byte[] signature = AsnDecoder.ReadBitString(rest, Der, out int unused, out _);
            if (unused != 0)
            {
                return false;
            }

            AsnDecoder.ReadSequence(algorithm, Der, out int algContentOffset, out int algContentLength, out _);
            ReadOnlySpan<byte> algContent = algorithm.Slice(algContentOffset, algContentLength);
            string oid = AsnDecoder.ReadObjectIdentifier(algContent, Der, out int oidLength);
            ReadOnlySpan<byte> parameters = algContent[oidLength..];
            bool allowed = parameters.IsEmpty || parameters.SequenceEqual((ReadOnlySpan<byte>)[0x05, 0x00]);
            parts = new SignedDer(contentOffset, tbsLength, oid, allowed, algorithm.ToArray(), signature);
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>Checks that the AlgorithmIdentifier inside the signed part equals the outer one (certificates and CRLs).</summary>
    /// <param name="der">The whole structure.</param>
    /// <param name="isCertificate">True for a certificate (version [0], serial, then signature), false for a CRL (optional version, then signature).</param>
    /// <returns><see langword="true"/> when they are byte-identical.</returns>
    public bool InnerAlgorithmMatches(ReadOnlySpan<byte> der, bool isCertificate)
    {
        try
        {
            const AsnEncodingRules Der = AsnEncodingRules.DER;
            ReadOnlySpan<byte> tbs = der.Slice(TbsOffset, TbsLength);
            AsnDecoder.ReadSequence(tbs, Der, out int offset, out int length, out _);
            ReadOnlySpan<byte> content = tbs.Slice(offset, length);
            Asn1Tag tag = Asn1Tag.Decode(content, out _);
            int skip;
            if (isCertificate)
            {
                if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
                {
                    AsnDecoder.ReadEncodedValue(content, Der, out _, out _, out skip);
                    content = content[skip..];
                }

                AsnDecoder.ReadEncodedValue(content, Der, out _, out _, out skip); // serialNumber
                content = content[skip..];
            }
            else if (tag.HasSameClassAndValue(Asn1Tag.Integer))
            {
                AsnDecoder.ReadEncodedValue(content, Der, out _, out _, out skip); // version
                content = content[skip..];
            }

            AsnDecoder.ReadEncodedValue(content, Der, out _, out _, out int algLength);
            return content[..algLength].SequenceEqual(AlgorithmDer);
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
