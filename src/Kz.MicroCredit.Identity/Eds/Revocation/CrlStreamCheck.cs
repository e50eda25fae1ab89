using System.Formats.Asn1;
using Kz.MicroCredit.Identity.Http;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Walks a DER CRL while it downloads and refuses it at the first structure that cannot be a CRL: the outer and
/// TBSCertList headers, the TBS fields' tags, then every revoked-certificate entry (serial, date, optional
/// extensions) as soon as it is complete. A CRL whose DER header announces more than the cap is refused after its
/// first bytes, before any buffer of that size exists; junk is refused after its first byte. What passes is parsed
/// into the compact index by <see cref="CrlDocument"/> and verified; the walker only decides early what that parse
/// would refuse late.
/// </summary>
/// <remarks>PEM CRLs (never served by NCA endpoints, accepted for files) are not walked: the cap still bounds them.</remarks>
internal sealed class CrlStreamCheck : IResponseBodyCheck
{
    private const int MaxEntryBytes = 64 * 1024;
    private readonly long _cap;
    private Stage _stage;
    private int _pos;
    private int _outerEnd;
    private int _tbsEnd;
    private int _entriesEnd;
    private int _tbsSequences;
    private int _signatureParts;

    public CrlStreamCheck(long cap) => _cap = cap;

    private enum Stage
    {
        Outer,
        TbsHeader,
        TbsFields,
        Entries,
        Signature,
        Done,
        Pem,
    }

    public void Inspect(ReadOnlySpan<byte> received, bool final)
    {
        while (Step(received))
        {
        }

        if (_stage != Stage.Pem && received.Length > _outerEnd && _stage != Stage.Outer)
        {
            throw Malformed(); // bytes after the CRL
        }

        if (final && _stage is not (Stage.Done or Stage.Pem))
        {
            throw Malformed(); // truncated
        }
    }

    /// <summary>Advances over one element; false when more bytes are needed (or nothing is left to check).</summary>
    private bool Step(ReadOnlySpan<byte> data)
    {
        switch (_stage)
        {
            case Stage.Outer:
                return StepOuter(data);

            case Stage.TbsHeader:
                {
                    if (!TryHeader(data, _pos, 0x30, out int hdr, out long len))
                    {
                        return false;
                    }

                    _tbsEnd = Within(_pos + hdr + len, _outerEnd);
                    _pos += hdr;
                    _stage = Stage.TbsFields;
                    return true;
                }

            case Stage.TbsFields:
                {
                    if (_pos == _tbsEnd)
                    {
                        _stage = Stage.Signature;
                        return true;
                    }

                    if (!TryHeader(data, _pos, tag: null, out int hdr, out long len))
                    {
                        return false;
                    }

                    byte tag = data[_pos];
                    int end = Within(_pos + hdr + len, _tbsEnd);
                    if (tag == 0x30 && _tbsSequences == 2)
                    {
                        _tbsSequences++;
                        // signature AlgorithmIdentifier, issuer Name, then revokedCertificates: walk it entry by entry.
                        _entriesEnd = end;
                        _pos += hdr;
                        _stage = Stage.Entries;
                        return true;
                    }

                    if (tag is not (0x02 or 0x30 or 0x17 or 0x18 or 0xA0))
                    {
                        throw Malformed();
                    }

                    if (data.Length < end)
                    {
                        return false; // counted only once complete: this element is looked at again with more bytes
                    }

                    _tbsSequences += tag == 0x30 ? 1 : 0;
                    _pos = end;
                    return true;
                }

            case Stage.Entries:
                {
                    if (_pos == _entriesEnd)
                    {
                        _stage = Stage.TbsFields;
                        return true;
                    }

                    if (!TryHeader(data, _pos, 0x30, out int hdr, out long len))
                    {
                        return false;
                    }

                    if (len > MaxEntryBytes)
                    {
                        throw Malformed();
                    }

                    int end = Within(_pos + hdr + len, _entriesEnd);
                    if (data.Length < end)
                    {
                        return false;
                    }

                    CheckEntry(data[(_pos + hdr)..end]);
                    _pos = end;
                    return true;
                }

            case Stage.Signature:
                {
                    if (_pos == _outerEnd)
                    {
                        // After the TBS come exactly the signature AlgorithmIdentifier and the BIT STRING.
                        _stage = _signatureParts == 2 ? Stage.Done : throw Malformed();
                        return false;
                    }

                    if (!TryHeader(data, _pos, tag: null, out int hdr, out long len))
                    {
                        return false;
                    }

                    if (_signatureParts >= 2 || data[_pos] != (_signatureParts == 0 ? 0x30 : 0x03))
                    {
                        throw Malformed();
                    }

                    int end = Within(_pos + hdr + len, _outerEnd);
                    if (data.Length < end)
                    {
                        return false; // counted only once complete
                    }

                    _signatureParts++;

                    _pos = end;
                    return true;
                }

            default:
                return false;
        }
    }

    private bool StepOuter(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return false;
        }

        if (data[0] is (byte)'-' or (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
        {
            _stage = Stage.Pem;
            return false;
        }

        if (!TryHeader(data, 0, 0x30, out int hdr, out long len))
        {
            return false;
        }

        if (hdr + len > _cap)
        {
            throw new RemoteResponseException(RemoteResponseFault.TooLarge);
        }

        _outerEnd = (int)(hdr + len);
        _pos = hdr;
        _stage = Stage.TbsHeader;
        return true;
    }

    private static void CheckEntry(ReadOnlySpan<byte> content)
    {
        try
        {
            // BER, as CrlDocument reads it: real NCA CRLs carry encodings a strict DER reader refuses (e.g. non-minimal serials).
            var entry = new AsnReader(content.ToArray(), AsnEncodingRules.BER);
            entry.ReadIntegerBytes();
            Asn1Tag time = entry.PeekTag();
            if (time.HasSameClassAndValue(Asn1Tag.UtcTime))
            {
                entry.ReadUtcTime(2049);
            }
            else
            {
                entry.ReadGeneralizedTime();
            }

            if (entry.HasData)
            {
                entry.ReadSequence();
            }

            entry.ThrowIfNotEmpty();
        }
        catch (AsnContentException)
        {
            throw Malformed();
        }
    }

    /// <summary>Reads a DER header (one-byte tag, definite length of at most four bytes) at <paramref name="at"/>.</summary>
    /// <returns>False when more bytes are needed.</returns>
    private static bool TryHeader(ReadOnlySpan<byte> data, int at, byte? tag, out int headerLength, out long contentLength)
    {
        headerLength = 0;
        contentLength = 0;
        if (data.Length < at + 2)
        {
            if (data.Length > at && tag is { } t0 && data[at] != t0)
            {
                throw Malformed();
            }

            return false;
        }

        if ((tag is { } t && data[at] != t) || (data[at] & 0x1F) == 0x1F)
        {
            throw Malformed();
        }

        byte first = data[at + 1];
        if (first < 0x80)
        {
            headerLength = 2;
            contentLength = first;
            return true;
        }

        int count = first & 0x7F;
        if (count is 0 or > 4)
        {
            throw Malformed(); // indefinite (BER) or absurd length
        }

        if (data.Length < at + 2 + count)
        {
            return false;
        }

        long value = 0;
        for (int i = 0; i < count; i++)
        {
            value = (value << 8) | data[at + 2 + i];
        }

        headerLength = 2 + count;
        contentLength = value;
        return true;
    }

    private static int Within(long end, int limit) => end <= limit ? (int)end : throw Malformed();

    private static RemoteResponseException Malformed() => new(RemoteResponseFault.Malformed);
}
