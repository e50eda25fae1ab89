using System.Formats.Asn1;
using Org.BouncyCastle.Asn1;
using BcAttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>One SignerInfo (RFC 5652 §5.3), as slices of the message.</summary>
internal sealed class CmsSignerInfoData
{
    private static readonly Asn1Tag ImplicitZero = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag ImplicitOne = new(TagClass.ContextSpecific, 1);

    private ReadOnlyMemory<byte> _signedAttributesField;
    private ReadOnlyMemory<byte> _unsignedAttributesField;
    private byte[]? _encodedSignedAttributes;
    private List<(string Oid, List<ReadOnlyMemory<byte>> Values)>? _signedAttributes;
    private BcAttributeTable? _unsignedTable;

    /// <summary>Gets the DER Name of the issuer when the signer is identified by issuer and serial number.</summary>
    public ReadOnlyMemory<byte>? Issuer { get; private set; }

    /// <summary>Gets the serial number's INTEGER contents (two's complement, big-endian) with <see cref="Issuer"/>.</summary>
    public ReadOnlyMemory<byte>? SerialNumber { get; private set; }

    /// <summary>Gets the subject key identifier when the signer is identified by it.</summary>
    public ReadOnlyMemory<byte>? SubjectKeyIdentifier { get; private set; }

    /// <summary>Gets the digest algorithm OID.</summary>
    public string DigestAlgorithmOid { get; private set; } = string.Empty;

    /// <summary>Gets the signature algorithm OID.</summary>
    public string SignatureAlgorithmOid { get; private set; } = string.Empty;

    /// <summary>Gets the signature value.</summary>
    public byte[] Signature { get; private set; } = [];

    /// <summary>Gets a value indicating whether signed attributes are present.</summary>
    public bool HasSignedAttributes => !_signedAttributesField.IsEmpty;

    /// <summary>Gets the unsigned attributes, or <see langword="null"/> when absent.</summary>
    public BcAttributeTable? UnsignedAttributes =>
        _unsignedAttributesField.IsEmpty ? null : _unsignedTable ??= new BcAttributeTable(AsUniversalSet(_unsignedAttributesField));

    /// <summary>
    /// Gets the bytes the signature covers: the DER encoding of the signed attributes as a SET OF (RFC 5652 §5.4),
    /// which is what BouncyCastle's <c>SignerInformation.GetEncodedSignedAttributes</c> returns. When the received
    /// [0] field already is that DER form (every conforming signer's output), its bytes are used with the tag changed
    /// to SET; otherwise BouncyCastle re-encodes it, exactly as before.
    /// </summary>
    /// <returns>The bytes (shared; do not modify).</returns>
    public byte[] EncodedSignedAttributes()
    {
        ReadSignedAttributes();
        return _encodedSignedAttributes!;
    }

    /// <summary>
    /// Looks a signed attribute up by type: how many attributes of that type there are and, when there is exactly one
    /// with exactly one value, the encoding of that value (BouncyCastle <c>AttributeTable</c> semantics).
    /// </summary>
    /// <param name="oid">The attribute type.</param>
    /// <param name="singleValue">The only value of the only attribute of that type, else empty.</param>
    /// <returns>The number of attributes of that type.</returns>
    public int SignedAttribute(string oid, out ReadOnlyMemory<byte> singleValue)
    {
        ReadSignedAttributes();
        int count = 0;
        singleValue = default;
        foreach ((string Oid, List<ReadOnlyMemory<byte>> Values) attribute in _signedAttributes!)
        {
            if (attribute.Oid == oid)
            {
                count++;
                singleValue = attribute.Values.Count == 1 ? attribute.Values[0] : default;
            }
        }

        if (count != 1)
        {
            singleValue = default;
        }

        return count;
    }

    internal static CmsSignerInfoData Read(AsnReader reader)
    {
        var data = new CmsSignerInfoData();
        reader.ReadInteger();
        if (reader.PeekTag() == Asn1Tag.Sequence)
        {
            AsnReader issuerAndSerial = reader.ReadSequence();
            data.Issuer = issuerAndSerial.ReadEncodedValue();
            CheckName(data.Issuer.Value);
            data.SerialNumber = issuerAndSerial.ReadIntegerBytes();
            issuerAndSerial.ThrowIfNotEmpty();
        }
        else
        {
            data.SubjectKeyIdentifier = reader.ReadOctetString(ImplicitZero);
        }

        data.DigestAlgorithmOid = ReadAlgorithm(reader);
        if (reader.PeekTag().HasSameClassAndValue(ImplicitZero))
        {
            data._signedAttributesField = ConstructedField(reader.ReadEncodedValue());
        }

        data.SignatureAlgorithmOid = ReadAlgorithm(reader);
        data.Signature = reader.ReadOctetString();
        if (reader.HasData && reader.PeekTag().HasSameClassAndValue(ImplicitOne))
        {
            data._unsignedAttributesField = ConstructedField(reader.ReadEncodedValue());
        }

        reader.ThrowIfNotEmpty();
        return data;
    }

    /// <summary>
    /// The signer's issuer must be a Name BouncyCastle can build while reading SignerInfos (RDN SETs of type/value
    /// pairs, UTF8String values that decode), or the whole message is malformed — as it always was, not just this
    /// signer when its certificate is looked up.
    /// </summary>
    private static void CheckName(ReadOnlyMemory<byte> name)
    {
        AsnReader rdns = new AsnReader(name, AsnEncodingRules.BER).ReadSequence();
        while (rdns.HasData)
        {
            AsnReader rdn = rdns.ReadSetOf(skipSortOrderValidation: true);
            while (rdn.HasData)
            {
                AsnReader pair = rdn.ReadSequence();
                pair.ReadObjectIdentifier();
                Asn1Tag tag = pair.PeekTag();
                ReadOnlyMemory<byte> value = pair.ReadEncodedValue();
                pair.ThrowIfNotEmpty();
                if (tag == new Asn1Tag(UniversalTagNumber.UTF8String))
                {
                    // Primitive: BerWellFormedness rejects a constructed UTF8String before this runs.
                    AsnDecoder.ReadEncodedValue(value.Span, AsnEncodingRules.BER, out int offset, out int length, out _);
                    if (!System.Text.Unicode.Utf8.IsValid(value.Span.Slice(offset, length)))
                    {
                        throw new CmsFormatException("Issuer name value is not UTF-8.");
                    }
                }
            }
        }
    }

    /// <summary>An attribute set field must use the constructed encoding (BouncyCastle rejects the message otherwise).</summary>
    private static ReadOnlyMemory<byte> ConstructedField(ReadOnlyMemory<byte> field) =>
        (field.Span[0] & 0x20) != 0 ? field : throw new CmsFormatException("Attributes must be a constructed SET.");

    private static string ReadAlgorithm(AsnReader reader)
    {
        AsnReader algorithm = reader.ReadSequence();
        string oid = algorithm.ReadObjectIdentifier();
        if (algorithm.HasData)
        {
            algorithm.ReadEncodedValue();
        }

        algorithm.ThrowIfNotEmpty();
        return oid;
    }

    private void ReadSignedAttributes()
    {
        if (_encodedSignedAttributes is not null)
        {
            return;
        }

        if (_signedAttributesField.IsEmpty)
        {
            throw new CmsFormatException("No signed attributes.");
        }

        byte[] received = UniversalSetBytes(_signedAttributesField);
        if (TryReadDistinguished(received) is { } attributes)
        {
            _signedAttributes = attributes;
            _encodedSignedAttributes = received;
            return;
        }

        // Not plain DER: BouncyCastle reads the set and its DER re-encoding is what the signature covers.
        Asn1Set set = Asn1Set.GetInstance(Asn1Object.FromByteArray(received));
        var list = new List<(string Oid, List<ReadOnlyMemory<byte>> Values)>(set.Count);
        foreach (Asn1Encodable element in set)
        {
            var attribute = Org.BouncyCastle.Asn1.Cms.Attribute.GetInstance(element);
            var values = new List<ReadOnlyMemory<byte>>(attribute.AttrValues.Count);
            foreach (Asn1Encodable value in attribute.AttrValues)
            {
                values.Add(value.GetEncoded(Asn1Encodable.Der));
            }

            list.Add((attribute.AttrType.Id, values));
        }

        _signedAttributes = list;
        _encodedSignedAttributes = set.GetEncoded(Asn1Encodable.Der);
    }

    private static Asn1Set AsUniversalSet(ReadOnlyMemory<byte> field) =>
        Asn1Set.GetInstance(Asn1Object.FromByteArray(UniversalSetBytes(field)));

    /// <summary>The [n] IMPLICIT SET field re-tagged as a universal SET (0x31), same length and contents.</summary>
    private static byte[] UniversalSetBytes(ReadOnlyMemory<byte> field)
    {
        byte[] bytes = field.ToArray(); // constructed: checked when the SignerInfo was read
        bytes[0] = 0x31;
        return bytes;
    }

    /// <summary>
    /// Reads <paramref name="encoded"/> as attributes when it is already strict DER (see
    /// <see cref="BerWellFormedness.IsStrictDer"/>), so that BouncyCastle's DER re-encoding would give the same bytes
    /// and both parsers read the same values. Anything unusual answers <see langword="null"/> and takes the
    /// BouncyCastle path, which is always correct; this check only decides whether that work can be skipped.
    /// </summary>
    private static List<(string Oid, List<ReadOnlyMemory<byte>> Values)>? TryReadDistinguished(byte[] encoded)
    {
        if (!BerWellFormedness.IsStrictDer(encoded))
        {
            return null;
        }

        try
        {
            AsnReader set = new AsnReader(encoded, AsnEncodingRules.DER).ReadSetOf();
            var attributes = new List<(string Oid, List<ReadOnlyMemory<byte>> Values)>(4);
            while (set.HasData)
            {
                AsnReader attribute = set.ReadSequence();
                string oid = attribute.ReadObjectIdentifier();
                AsnReader valueSet = attribute.ReadSetOf();
                if (attribute.HasData)
                {
                    return null;
                }

                var values = new List<ReadOnlyMemory<byte>>(1);
                while (valueSet.HasData)
                {
                    values.Add(valueSet.ReadEncodedValue());
                }

                attributes.Add((oid, values));
            }

            return attributes;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
