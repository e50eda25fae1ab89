using System.Text;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Finds an XML document encoded in something other than UTF-8 (NCA signers — NCALayer, Kalkan, SmartBridge — produce
/// UTF-8): a UTF-16 byte-order mark or UTF-16 code units around the first '&lt;', or an XML declaration naming another
/// encoding (windows-1251 and the like). Such input is refused with <see cref="ReasonCode.UnsupportedEncoding"/>
/// instead of the vague MalformedSignature a failed decode used to give. Only a fixed, input-free name is reported.
/// </summary>
internal static class XmlEncodingCheck
{
    /// <summary>Names the unsupported encoding of a document, or returns null for UTF-8 (or US-ASCII, or no declaration).</summary>
    /// <param name="xml">The document bytes (any prefix of them is enough).</param>
    /// <returns>"UTF-16", "windows-1251", or "a non-UTF-8 encoding"; null when the document is (declared) UTF-8.</returns>
    public static string? FindUnsupported(ReadOnlySpan<byte> xml)
    {
        if (xml.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || xml.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return "UTF-16";
        }

        if (xml.Length >= 2 && ((xml[0] == 0 && xml[1] == (byte)'<') || (xml[0] == (byte)'<' && xml[1] == 0)))
        {
            return "UTF-16";
        }

        ReadOnlySpan<byte> head = xml.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? xml[3..] : xml;
        if (!head.StartsWith("<?xml"u8))
        {
            return null;
        }

        int end = head.IndexOf("?>"u8);
        ReadOnlySpan<byte> declaration = end > 0 ? head[..end] : head[..Math.Min(head.Length, 200)];
        int at = declaration.IndexOf("encoding"u8);
        if (at < 0)
        {
            return null;
        }

        ReadOnlySpan<byte> rest = declaration[(at + 8)..].TrimStart(" \t\r\n="u8).TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] is not ((byte)'"' or (byte)'\''))
        {
            return null; // not a well-formed declaration: the parser refuses it as malformed
        }

        byte quote = rest[0];
        rest = rest[1..];
        int close = rest.IndexOf(quote);
        ReadOnlySpan<byte> name = close >= 0 ? rest[..close] : rest;
        if (Ascii.EqualsIgnoreCase(name, "UTF-8"u8) || Ascii.EqualsIgnoreCase(name, "UTF8"u8) || Ascii.EqualsIgnoreCase(name, "US-ASCII"u8))
        {
            return null;
        }

        if (Ascii.EqualsIgnoreCase(name, "UTF-16"u8) || Ascii.EqualsIgnoreCase(name, "UTF-16LE"u8) || Ascii.EqualsIgnoreCase(name, "UTF-16BE"u8))
        {
            return "UTF-16";
        }

        return Ascii.EqualsIgnoreCase(name, "windows-1251"u8) || Ascii.EqualsIgnoreCase(name, "cp1251"u8) ? "windows-1251" : "a non-UTF-8 encoding";
    }
}
