using System.Formats.Asn1;
using Org.BouncyCastle.Asn1;
using BcAttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// A CMS SignedData (RFC 5652 §5) read with <see cref="AsnReader"/> straight over the caller's bytes: the content, the
/// certificate bag and each SignerInfo are slices of the input, not a BouncyCastle object tree. This is the per-call
/// parse of every CMS verification, so it avoids BouncyCastle's full ASN.1 tree and the DER re-encoding of every
/// certificate (≈ 15 µs and 24 KB per message, more than an RSA-2048 verify). The signed and unsigned attribute sets
/// are still handed to BouncyCastle, so their interpretation and the bytes the signature is checked over stay exactly
/// those of <c>SignerInformation</c> (see <see cref="CmsSignerInfoData.EncodedSignedAttributes"/>).
/// </summary>
/// <remarks>
/// BER is accepted where CMS allows it (indefinite lengths, constructed OCTET STRINGs), as BouncyCastle did. Stricter
/// than BouncyCastle on purpose: the outer content type must be id-signedData, nothing may follow the ContentInfo, and
/// the encapsulated content, when present, must be an OCTET STRING (legacy PKCS #7 "any content" is not an NCA format).
/// Every structural fault throws <see cref="AsnContentException"/> or <see cref="CmsFormatException"/>, which the
/// verifier maps to <c>MalformedSignature</c>.
/// </remarks>
internal sealed class CmsSignedMessage
{
    internal const string SignedDataOid = "1.2.840.113549.1.7.2";

    private static readonly Asn1Tag ExplicitZero = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag ImplicitZero = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag ImplicitOne = new(TagClass.ContextSpecific, 1);

    private CmsSignedMessage(string contentType, byte[]? content, List<ReadOnlyMemory<byte>> certificates, List<CmsSignerInfoData> signers)
    {
        ContentType = contentType;
        Content = content;
        Certificates = certificates;
        Signers = signers;
    }

    /// <summary>Gets the eContentType OID.</summary>
    public string ContentType { get; }

    /// <summary>Gets the encapsulated content, or <see langword="null"/> when the signature is detached.</summary>
    public byte[]? Content { get; }

    /// <summary>Gets the encodings of the plain X.509 certificates of the bag, in order (other choices skipped).</summary>
    public List<ReadOnlyMemory<byte>> Certificates { get; }

    /// <summary>Gets the SignerInfos, in order.</summary>
    public List<CmsSignerInfoData> Signers { get; }

    /// <summary>Reads a ContentInfo holding a SignedData.</summary>
    /// <param name="encoded">The BER/DER bytes; the slices of the result point into them.</param>
    /// <returns>The message.</returns>
    public static CmsSignedMessage Parse(ReadOnlyMemory<byte> encoded)
    {
        BerWellFormedness.Check(encoded.Span);
        var outer = new AsnReader(encoded, AsnEncodingRules.BER);
        AsnReader contentInfo = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        if (contentInfo.ReadObjectIdentifier() != SignedDataOid)
        {
            throw new CmsFormatException("Not a SignedData.");
        }

        AsnReader explicitContent = contentInfo.ReadSequence(ExplicitZero);
        contentInfo.ThrowIfNotEmpty();
        AsnReader signedData = explicitContent.ReadSequence();
        explicitContent.ThrowIfNotEmpty();

        signedData.ReadInteger();
        signedData.ReadSetOf(); // digestAlgorithms: informative only; each SignerInfo names its own.
        AsnReader encapsulated = signedData.ReadSequence();
        string contentType = encapsulated.ReadObjectIdentifier();
        byte[]? content = null;
        if (encapsulated.HasData)
        {
            AsnReader eContent = encapsulated.ReadSequence(ExplicitZero);
            content = eContent.ReadOctetString();
            eContent.ThrowIfNotEmpty();
        }

        encapsulated.ThrowIfNotEmpty();
        var certificates = new List<ReadOnlyMemory<byte>>();
        if (signedData.PeekTag().HasSameClassAndValue(ImplicitZero))
        {
            AsnReader bag = signedData.ReadSetOf(skipSortOrderValidation: true, expectedTag: ImplicitZero);
            while (bag.HasData)
            {
                Asn1Tag tag = bag.PeekTag();
                ReadOnlyMemory<byte> entry = bag.ReadEncodedValue();
                if (tag == Asn1Tag.Sequence)
                {
                    certificates.Add(entry);
                }
            }
        }

        if (signedData.PeekTag().HasSameClassAndValue(ImplicitOne))
        {
            signedData.ReadEncodedValue(); // CRLs in the message are not used: revocation has its own sources.
        }

        AsnReader signerInfos = signedData.ReadSetOf(skipSortOrderValidation: true);
        signedData.ThrowIfNotEmpty();
        var signers = new List<CmsSignerInfoData>();
        while (signerInfos.HasData)
        {
            signers.Add(CmsSignerInfoData.Read(signerInfos.ReadSequence()));
        }

        return new CmsSignedMessage(contentType, content, certificates, signers);
    }
}
