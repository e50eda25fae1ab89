using System.Text;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>Detects the format of a signature input and decodes PEM/base64 CMS to DER.</summary>
internal static class EdsInput
{
    /// <summary>Detects the format and returns the bytes to verify (DER for CMS, the document for XML).</summary>
    /// <param name="input">The input.</param>
    /// <param name="hint">A format hint; <see cref="EdsSignatureFormat.Auto"/> to detect.</param>
    /// <param name="maxBytes">The size cap.</param>
    /// <param name="format">The detected format.</param>
    /// <param name="payload">DER CMS or XML bytes.</param>
    /// <param name="failure">Why the input is unusable.</param>
    /// <returns>Whether the input is usable.</returns>
    public static bool TryDecode(ReadOnlyMemory<byte> input, EdsSignatureFormat hint, int maxBytes, out EdsSignatureFormat format, out ReadOnlyMemory<byte> payload, out ReasonCode failure)
    {
        format = EdsSignatureFormat.Auto;
        payload = default;
        failure = ReasonCode.MalformedSignature;
        if (input.Length > maxBytes)
        {
            failure = ReasonCode.InputTooLarge;
            return false;
        }

        ReadOnlySpan<byte> span = input.Span;
        if (hint != EdsSignatureFormat.Cms && XmlEncodingCheck.FindUnsupported(span) is not null)
        {
            failure = ReasonCode.UnsupportedEncoding; // UTF-16 or a declared non-UTF-8 encoding: XML we refuse by name
            return false;
        }

        int start = 0;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = 3;
        }

        while (start < span.Length && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        if (start >= span.Length)
        {
            return false;
        }

        if (span[start] == 0x30 && hint != EdsSignatureFormat.Xml)
        {
            format = EdsSignatureFormat.Cms;
            payload = input;
            return true;
        }

        if (span[start] == (byte)'<' && hint != EdsSignatureFormat.Cms)
        {
            format = EdsSignatureFormat.Xml;
            payload = input;
            return true;
        }

        if (hint == EdsSignatureFormat.Xml)
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(span[start..]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        if (text.StartsWith("-----BEGIN ", StringComparison.Ordinal))
        {
            int headerEnd = text.IndexOf('\n', StringComparison.Ordinal);
            int footer = text.IndexOf("-----END ", StringComparison.Ordinal);
            string label = headerEnd > 0 ? text[11..headerEnd].Trim().TrimEnd('-').Trim() : string.Empty;
            if (headerEnd < 0 || footer < headerEnd || label is not ("CMS" or "PKCS7" or "PKCS #7 SIGNED DATA" or "SIGNED MESSAGE"))
            {
                return false;
            }

            // Exactly one block, closed by the END line of the same label, with nothing but whitespace after it (like
            // trailing bytes after DER): a second block or a mismatched label is not "the" signature.
            string end = "-----END " + label + "-----";
            if (string.CompareOrdinal(text, footer, end, 0, end.Length) != 0 || !string.IsNullOrWhiteSpace(text[(footer + end.Length)..]))
            {
                return false;
            }

            text = text[headerEnd..footer];
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return false;
        }

        if (der.Length == 0 || der[0] != 0x30)
        {
            return false;
        }

        format = EdsSignatureFormat.Cms;
        payload = der;
        return true;
    }
}
