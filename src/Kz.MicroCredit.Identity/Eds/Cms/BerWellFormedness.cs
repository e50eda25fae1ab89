namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// One pass over every TLV of a BER message that rejects what BouncyCastle's eager parser rejects: bad tags and
/// lengths, indefinite-length primitives, universal types it does not know or that must not be constructed, and the
/// primitive contents it checks on parse (INTEGER/ENUMERATED minimal form, OID sub-identifiers, BOOLEAN and NULL
/// lengths, BIT STRING padding, BMPString length, UTCTime/GeneralizedTime syntax).
/// </summary>
/// <remarks>
/// Why: <see cref="CmsSignedMessage"/> reads only the parts a verification needs, lazily. Without this pass a message
/// damaged somewhere the verifier never looks (inside a certificate's extensions, an unused unsigned attribute) would
/// be judged on what is left — still rejected, but as <c>SignatureInvalid</c> or <c>CertificateUntrusted</c> instead of
/// <c>MalformedSignature</c>, and differently from every earlier release. The walk is allocation-free and costs well under
/// a microsecond for a typical NCA message; the differential tests compare it with BouncyCastle on mutated messages.
/// </remarks>
internal static class BerWellFormedness
{
    private const int MaxDepth = 64;

    /// <summary>Checks that <paramref name="data"/> is exactly one well-formed BER element.</summary>
    /// <param name="data">The bytes.</param>
    /// <exception cref="CmsFormatException">What is wrong (structure only, never input data).</exception>
    public static void Check(ReadOnlySpan<byte> data)
    {
        int consumed = Element(data, 0, out bool endOfContents);
        if (endOfContents || consumed != data.Length)
        {
            throw new CmsFormatException("Not exactly one BER element.");
        }
    }

    /// <summary>
    /// Whether <paramref name="data"/> is exactly one element that is already in the form BouncyCastle's DER
    /// re-encoding produces, so the received bytes can stand in for that re-encoding: definite minimal lengths,
    /// low-tag-number form, constructed only for SEQUENCE, SET and tagged values, SET elements in ascending order,
    /// BOOLEAN 00/FF, minimal INTEGERs, BIT STRINGs with zero padding bits, primitive strings, times in their one DER
    /// form. Conservative: anything else answers <see langword="false"/> and the caller re-encodes.
    /// </summary>
    /// <param name="data">The bytes.</param>
    /// <returns><see langword="true"/> when the bytes are their own DER encoding.</returns>
    public static bool IsStrictDer(ReadOnlySpan<byte> data)
    {
        try
        {
            return StrictElement(data, 0) == data.Length;
        }
        catch (CmsFormatException)
        {
            return false;
        }
    }

    /// <summary>One strict-DER element at the start of <paramref name="data"/>: its encoded length, or -1.</summary>
    private static int StrictElement(ReadOnlySpan<byte> data, int depth)
    {
        int position = 0;
        byte first = Next(data, ref position);
        int tagNumber = first & 0x1F;
        if (depth > MaxDepth || tagNumber == 0x1F)
        {
            return -1;
        }

        byte lengthByte = Next(data, ref position);
        int length;
        if (lengthByte < 0x80)
        {
            length = lengthByte;
        }
        else
        {
            int size = lengthByte & 0x7F;
            if (size is 0 or > 3)
            {
                return -1;
            }

            length = Next(data, ref position);
            if (length == 0 || (size == 1 && length < 0x80))
            {
                return -1; // leading zero octet, or a short length in long form
            }

            for (int i = 1; i < size; i++)
            {
                length = (length << 8) | Next(data, ref position);
            }
        }

        length = CheckBounds(length, data, position);
        ReadOnlySpan<byte> contents = data.Slice(position, length);
        bool constructed = (first & 0x20) != 0;
        bool universal = (first & 0xC0) == 0;
        if (!constructed)
        {
            return universal && !StrictPrimitive(tagNumber, contents) ? -1 : position + length;
        }

        if (universal && tagNumber is not (16 or 17))
        {
            return -1;
        }

        ReadOnlySpan<byte> previous = default;
        bool sorted = universal && tagNumber == 17;
        while (!contents.IsEmpty)
        {
            int used = StrictElement(contents, depth + 1);
            if (used <= 0)
            {
                return -1;
            }

            ReadOnlySpan<byte> element = contents[..used];
            if (sorted && !previous.IsEmpty && previous.SequenceCompareTo(element) >= 0)
            {
                return -1;
            }

            previous = element;
            contents = contents[used..];
        }

        return position + length;
    }

    private static bool StrictPrimitive(int tagNumber, ReadOnlySpan<byte> contents) => tagNumber switch
    {
        1 => contents.Length == 1 && contents[0] is 0x00 or 0xFF,
        2 => IsMinimalInteger(contents),
        3 => contents.Length >= 1 && contents[0] <= 7 && (contents.Length > 1 ? (contents[^1] & ((1 << contents[0]) - 1)) == 0 : contents[0] == 0),
        4 or 12 or 19 or 22 => true,
        5 => contents.IsEmpty,
        6 => IsValidOidContents(contents),
        23 => contents.Length == 13 && contents[12] == (byte)'Z' && IsUtcTime(contents),
        24 => contents.Length == 15 && contents[14] == (byte)'Z' && IsGeneralizedTime(contents),
        30 => (contents.Length & 1) == 0,
        _ => false,
    };

    /// <summary>Checks one element at the start of <paramref name="data"/> and returns its encoded length.</summary>
    private static int Element(ReadOnlySpan<byte> data, int depth, out bool endOfContents)
    {
        if (depth > MaxDepth)
        {
            throw new CmsFormatException("Nesting too deep.");
        }

        int position = 0;
        byte first = Next(data, ref position);
        bool constructed = (first & 0x20) != 0;
        bool universal = (first & 0xC0) == 0;
        int tagNumber = first & 0x1F;
        if (tagNumber == 0x1F)
        {
            tagNumber = HighTagNumber(data, ref position);
        }

        int length = Length(data, ref position, out bool indefinite);
        if (first == 0 && !indefinite && length == 0)
        {
            endOfContents = true;
            return position;
        }

        endOfContents = false;
        if (universal && tagNumber == 0)
        {
            throw new CmsFormatException("Misplaced end-of-contents.");
        }

        if (!constructed)
        {
            if (indefinite)
            {
                throw new CmsFormatException("Indefinite-length primitive.");
            }

            if (universal)
            {
                Primitive(tagNumber, data.Slice(position, length));
            }

            return position + length;
        }

        if (universal && tagNumber is not (3 or 4 or 8 or 16 or 17))
        {
            throw new CmsFormatException("Universal type that cannot be constructed.");
        }

        if (indefinite)
        {
            while (true)
            {
                int used = Element(data[position..], depth + 1, out bool end);
                position += used;
                if (end)
                {
                    return position;
                }
            }
        }

        ReadOnlySpan<byte> contents = data.Slice(position, length);
        while (!contents.IsEmpty)
        {
            int used = Element(contents, depth + 1, out bool end);
            if (end)
            {
                throw new CmsFormatException("End-of-contents in a definite-length element.");
            }

            contents = contents[used..];
        }

        return position + length;
    }

    private static byte Next(ReadOnlySpan<byte> data, ref int position) =>
        position < data.Length ? data[position++] : throw new CmsFormatException("Truncated.");

    private static int HighTagNumber(ReadOnlySpan<byte> data, ref int position)
    {
        byte b = Next(data, ref position);
        if (b == 0x80)
        {
            throw new CmsFormatException("Invalid high tag number.");
        }

        int number = 0;
        for (int i = 0; ; i++)
        {
            if (i == 4)
            {
                throw new CmsFormatException("Tag number too large.");
            }

            number = (number << 7) | (b & 0x7F);
            if ((b & 0x80) == 0)
            {
                return number >= 31 ? number : throw new CmsFormatException("High-tag-number form for a low tag number.");
            }

            b = Next(data, ref position);
        }
    }

    private static int Length(ReadOnlySpan<byte> data, ref int position, out bool indefinite)
    {
        byte b = Next(data, ref position);
        indefinite = b == 0x80;
        if (b < 0x80 || indefinite)
        {
            return indefinite ? 0 : CheckBounds(b, data, position);
        }

        int size = b & 0x7F;
        if (size > 4)
        {
            throw new CmsFormatException("Length of more than 4 bytes.");
        }

        long length = 0;
        for (int i = 0; i < size; i++)
        {
            length = (length << 8) | Next(data, ref position);
        }

        return length > int.MaxValue ? throw new CmsFormatException("Length out of range.") : CheckBounds((int)length, data, position);
    }

    private static int CheckBounds(int length, ReadOnlySpan<byte> data, int position) =>
        length <= data.Length - position ? length : throw new CmsFormatException("Length beyond the data.");

    private static void Primitive(int tagNumber, ReadOnlySpan<byte> contents)
    {
        bool ok = tagNumber switch
        {
            1 => contents.Length == 1, // BOOLEAN
            2 => IsMinimalInteger(contents), // INTEGER
            3 => contents.Length >= 1 && contents[0] <= 7 && (contents.Length > 1 || contents[0] == 0), // BIT STRING
            4 or 7 or 12 or 18 or 19 or 20 or 21 or 22 or 25 or 26 or 27 or 28 => true, // OCTET STRING, string types (decoded only where used)
            5 => contents.IsEmpty, // NULL
            6 or 13 => IsValidOidContents(contents), // OBJECT IDENTIFIER, RELATIVE-OID
            10 => IsMinimalInteger(contents) && (contents[0] & 0x80) == 0, // ENUMERATED
            23 => IsUtcTime(contents),
            24 => IsGeneralizedTime(contents),
            30 => (contents.Length & 1) == 0, // BMPString
            _ => false, // unknown universal type, or SEQUENCE/SET/EXTERNAL in primitive form
        };
        if (!ok)
        {
            throw new CmsFormatException("Malformed primitive.");
        }
    }

    private static bool IsMinimalInteger(ReadOnlySpan<byte> contents) =>
        contents.Length == 1 || (contents.Length > 1 && !(contents[0] == 0x00 && contents[1] < 0x80) && !(contents[0] == 0xFF && contents[1] >= 0x80));

    private static bool IsValidOidContents(ReadOnlySpan<byte> contents)
    {
        if (contents.IsEmpty)
        {
            return false;
        }

        bool start = true;
        foreach (byte b in contents)
        {
            if (start && b == 0x80)
            {
                return false;
            }

            start = (b & 0x80) == 0;
        }

        return start;
    }

    /// <summary>YYMMDDhhmm[ss] followed by Z or ±hhmm.</summary>
    private static bool IsUtcTime(ReadOnlySpan<byte> contents)
    {
        int digits = 0;
        while (digits < contents.Length && IsDigit(contents[digits]))
        {
            digits++;
        }

        ReadOnlySpan<byte> zone = contents[digits..];
        return digits is 10 or 12 && IsDate(contents[2..6]) && IsClock(contents[6..digits]) && IsZone(zone, required: true);
    }

    /// <summary>YYYYMMDDhh[mm[ss[(.|,)f+]]] optionally followed by Z or ±hh[mm].</summary>
    private static bool IsGeneralizedTime(ReadOnlySpan<byte> contents)
    {
        int digits = 0;
        while (digits < contents.Length && IsDigit(contents[digits]))
        {
            digits++;
        }

        if (digits is not (10 or 12 or 14) || !IsDate(contents[4..8]) || !IsClock(contents[8..digits]))
        {
            return false;
        }

        ReadOnlySpan<byte> rest = contents[digits..];
        if (!rest.IsEmpty && rest[0] is (byte)'.' or (byte)',')
        {
            int fraction = 1;
            while (fraction < rest.Length && IsDigit(rest[fraction]))
            {
                fraction++;
            }

            if (fraction == 1)
            {
                return false;
            }

            rest = rest[fraction..];
        }

        return IsZone(rest, required: false);
    }

    private static bool IsDate(ReadOnlySpan<byte> monthDay)
    {
        int month = Two(monthDay, 0);
        int day = Two(monthDay, 2);
        return month is >= 1 and <= 12 && day is >= 1 and <= 31;
    }

    private static bool IsClock(ReadOnlySpan<byte> clock)
    {
        if (clock.Length < 2 || Two(clock, 0) > 23)
        {
            return false;
        }

        return (clock.Length < 4 || Two(clock, 2) <= 59) && (clock.Length < 6 || Two(clock, 4) <= 59);
    }

    private static bool IsZone(ReadOnlySpan<byte> zone, bool required)
    {
        if (zone.IsEmpty)
        {
            return !required;
        }

        if (zone.Length == 1)
        {
            return zone[0] == (byte)'Z';
        }

        return zone[0] is (byte)'+' or (byte)'-' && zone.Length is 3 or 5 && AllDigits(zone[1..]) && Two(zone, 1) <= 23 && (zone.Length == 3 || Two(zone, 3) <= 59);
    }

    private static bool AllDigits(ReadOnlySpan<byte> text)
    {
        foreach (byte b in text)
        {
            if (!IsDigit(b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static int Two(ReadOnlySpan<byte> text, int at) => ((text[at] - '0') * 10) + (text[at + 1] - '0');
}
