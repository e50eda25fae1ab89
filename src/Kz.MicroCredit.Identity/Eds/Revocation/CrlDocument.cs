using System.Formats.Asn1;
using System.Numerics;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// A parsed (not yet verified) X.509 CRL. Parsed with a forward-only DER reader straight into a <see cref="CrlIndex"/>:
/// no object per entry survives the parse, so a production-sized CRL costs tens of bytes per entry.
/// </summary>
internal sealed class CrlDocument
{
    private static readonly byte[] OidReasonCode = [0x06, 0x03, 0x55, 0x1D, 0x15];
    private static readonly byte[] OidInvalidityDate = [0x06, 0x03, 0x55, 0x1D, 0x18];

    private CrlDocument()
    {
    }

    /// <summary>Gets the whole CRL (kept only while verifying; see <see cref="ReleaseContent"/>).</summary>
    public ReadOnlyMemory<byte> Der { get; private set; }

    /// <summary>Gets the TBSCertList bytes the signature covers.</summary>
    public ReadOnlyMemory<byte> TbsDer { get; private set; }

    /// <summary>Gets the DER AlgorithmIdentifier of the outer signature.</summary>
    public ReadOnlyMemory<byte> SignatureAlgorithm { get; private set; }

    /// <summary>Gets the signature value.</summary>
    public byte[] Signature { get; private set; } = [];

    /// <summary>Gets the DER issuer Name.</summary>
    public byte[] Issuer { get; private set; } = [];

    /// <summary>Gets thisUpdate.</summary>
    public DateTimeOffset ThisUpdate { get; private set; }

    /// <summary>Gets nextUpdate when present.</summary>
    public DateTimeOffset? NextUpdate { get; private set; }

    /// <summary>Gets the CRL number when present.</summary>
    public BigInteger? CrlNumber { get; private set; }

    /// <summary>Gets the base CRL number when this is a delta CRL.</summary>
    public BigInteger? DeltaBaseCrlNumber { get; private set; }

    /// <summary>Gets whether this is a delta CRL.</summary>
    public bool IsDelta => DeltaBaseCrlNumber.HasValue;

    /// <summary>Gets the instant since which entries of expired certificates are kept (ExpiredCertsOnCRL), when present.</summary>
    public DateTimeOffset? ExpiredCertsOnCrl { get; private set; }

    /// <summary>Gets whether the issuing distribution point restricts the scope to end-entity certificates.</summary>
    public bool OnlyUserCertificates { get; private set; }

    /// <summary>Gets whether the issuing distribution point restricts the scope to CA certificates.</summary>
    public bool OnlyCaCertificates { get; private set; }

    /// <summary>Gets the SHA-256 of the CRL, lower-case hex (for evidence).</summary>
    public string Sha256 { get; private set; } = string.Empty;

    /// <summary>Gets the entries.</summary>
    public CrlIndex Index { get; private set; } = CrlIndex.Empty;

    /// <summary>Parses a CRL (DER, or PEM "X509 CRL").</summary>
    /// <param name="content">The bytes.</param>
    /// <returns>The CRL.</returns>
    /// <exception cref="CrlFormatException">Empty, garbage, truncated, or an unsupported critical extension.</exception>
    public static CrlDocument Parse(ReadOnlyMemory<byte> content)
    {
        if (content.IsEmpty)
        {
            throw new CrlFormatException("empty");
        }

        content = PemToDer(content);
        try
        {
            var doc = new CrlDocument { Der = content };
            doc.Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content.Span));
            var outer = new AsnReader(content, AsnEncodingRules.BER);
            AsnReader certList = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            ReadOnlyMemory<byte> tbs = certList.ReadEncodedValue();
            doc.TbsDer = tbs;
            doc.SignatureAlgorithm = certList.ReadEncodedValue();
            doc.Signature = certList.ReadBitString(out int unused);
            if (unused != 0)
            {
                throw new CrlFormatException("signature bits");
            }

            certList.ThrowIfNotEmpty();
            doc.ParseTbs(tbs);
            return doc;
        }
        catch (AsnContentException)
        {
            throw new CrlFormatException("asn1");
        }
    }

    /// <summary>Drops the raw bytes once verified, keeping the index and metadata only.</summary>
    public void ReleaseContent()
    {
        SignatureAlgorithm = SignatureAlgorithm.ToArray();
        Der = ReadOnlyMemory<byte>.Empty;
        TbsDer = ReadOnlyMemory<byte>.Empty;
        Signature = [];
    }

    /// <summary>Checks that the CRL names <paramref name="issuer"/> and its signature verifies with the issuer's key.</summary>
    /// <param name="issuer">The issuer.</param>
    /// <returns>Whether verified (always false once the content was released).</returns>
    public bool IsIssuedBy(System.Security.Cryptography.X509Certificates.X509Certificate2 issuer) =>
        !TbsDer.IsEmpty
        && RevocationSignatures.NamesEqual(Issuer, issuer.SubjectName.RawData)
        && RevocationSignatures.VerifyStructure(Der.Span, issuer, isCrl: true);

    private void ParseTbs(ReadOnlyMemory<byte> tbsDer)
    {
        AsnReader tbs = new AsnReader(tbsDer, AsnEncodingRules.BER).ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        ReadOnlyMemory<byte> innerAlg = tbs.ReadEncodedValue();
        if (!innerAlg.Span.SequenceEqual(SignatureAlgorithm.Span))
        {
            throw new CrlFormatException("algorithm mismatch");
        }

        Issuer = tbs.ReadEncodedValue().ToArray();
        ThisUpdate = ReadTime(tbs);
        if (tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || tbs.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
        {
            NextUpdate = ReadTime(tbs);
        }

        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            ReadOnlyMemory<byte> revoked = tbs.ReadEncodedValue();
            Index = ReadEntries(revoked);
        }

        if (tbs.HasData)
        {
            AsnReader explicitExt = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0));
            ReadCrlExtensions(explicitExt.ReadSequence());
            explicitExt.ThrowIfNotEmpty();
        }

        tbs.ThrowIfNotEmpty();
    }

    private static CrlIndex ReadEntries(ReadOnlyMemory<byte> revokedDer)
    {
        AsnReader list = new AsnReader(revokedDer, AsnEncodingRules.BER).ReadSequence();
        var builder = new CrlIndex.Builder(revokedDer.Length / 40);
        while (list.HasData)
        {
            AsnReader entry = list.ReadSequence();
            ReadOnlyMemory<byte> serial = entry.ReadIntegerBytes();
            long revokedAt = ReadTime(entry).ToUnixTimeSeconds();
            byte reason = CrlIndex.NoReason;
            if (entry.HasData)
            {
                AsnReader extensions = entry.ReadSequence();
                while (extensions.HasData)
                {
                    AsnReader ext = extensions.ReadSequence();
                    ReadOnlySpan<byte> oid = ext.ReadEncodedValue().Span;
                    bool critical = ext.HasData && ext.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && ext.ReadBoolean();
                    ReadOnlyMemory<byte> value = ext.ReadOctetString();
                    if (oid.SequenceEqual(OidReasonCode))
                    {
                        var valueReader = new AsnReader(value, AsnEncodingRules.BER);
                        ReadOnlySpan<byte> enumBytes = valueReader.ReadEnumeratedBytes().Span;
                        reason = enumBytes.Length == 1 && enumBytes[0] < 128 ? enumBytes[0] : (byte)254;
                    }
                    else if (critical && !oid.SequenceEqual(OidInvalidityDate))
                    {
                        // certificateIssuer (indirect CRLs) and anything else critical is not supported: reject the CRL.
                        throw new CrlFormatException("critical entry extension");
                    }
                }
            }

            builder.Add(serial.Span, revokedAt, reason);
        }

        return builder.Build();
    }

    private void ReadCrlExtensions(AsnReader extensions)
    {
        while (extensions.HasData)
        {
            AsnReader ext = extensions.ReadSequence();
            string oid = ext.ReadObjectIdentifier();
            bool critical = ext.HasData && ext.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && ext.ReadBoolean();
            ReadOnlyMemory<byte> value = ext.ReadOctetString();
            var v = new AsnReader(value, AsnEncodingRules.BER);
            switch (oid)
            {
                case "2.5.29.20":
                    CrlNumber = v.ReadInteger();
                    break;
                case "2.5.29.27":
                    DeltaBaseCrlNumber = v.ReadInteger();
                    break;
                case "2.5.29.60":
                    ExpiredCertsOnCrl = ReadTime(v);
                    break;
                case "2.5.29.28":
                    ReadIssuingDistributionPoint(v.ReadSequence());
                    break;
                case "2.5.29.35": // authorityKeyIdentifier
                case "2.5.29.18": // issuerAltName
                case "2.5.29.46": // freshestCRL
                case "1.3.6.1.5.5.7.1.1": // authorityInfoAccess
                    break;
                default:
                    if (critical)
                    {
                        throw new CrlFormatException("critical extension");
                    }

                    break;
            }
        }
    }

    private void ReadIssuingDistributionPoint(AsnReader idp)
    {
        while (idp.HasData)
        {
            Asn1Tag tag = idp.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific)
            {
                throw new CrlFormatException("idp");
            }

            switch (tag.TagValue)
            {
                case 0: // distributionPoint: the scope by location is accepted (endpoints are pinned).
                    idp.ReadEncodedValue();
                    break;
                case 1:
                    OnlyUserCertificates = idp.ReadBoolean(tag);
                    break;
                case 2:
                    OnlyCaCertificates = idp.ReadBoolean(tag);
                    break;
                case 4:
                    if (idp.ReadBoolean(tag))
                    {
                        throw new CrlFormatException("indirect CRL");
                    }

                    break;
                default: // onlySomeReasons, onlyContainsAttributeCerts: a partial CRL is not supported.
                    throw new CrlFormatException("partial CRL");
            }
        }
    }

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime(2049) : reader.ReadGeneralizedTime();

    private static ReadOnlyMemory<byte> PemToDer(ReadOnlyMemory<byte> content)
    {
        ReadOnlySpan<byte> span = content.Span;
        int i = 0;
        while (i < span.Length && (span[i] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
        {
            i++;
        }

        if (i < span.Length && span[i] == (byte)'-')
        {
            string text = System.Text.Encoding.ASCII.GetString(span);
            if (System.Security.Cryptography.PemEncoding.TryFind(text, out var fields) && text[fields.Label].Equals("X509 CRL", StringComparison.Ordinal))
            {
                return Convert.FromBase64String(text[fields.Base64Data]);
            }

            throw new CrlFormatException("pem");
        }

        return content;
    }
}
