using System.Xml;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// The hardened XML parse used for everything SmartBridge sends (envelopes and escaped inner-XML payloads): DTDs
/// prohibited, no resolver, a character cap, whitespace preserved (signatures are checked over this very parse).
/// </summary>
internal static class SmartBridgeXml
{
    /// <summary>Parses bytes into a document; throws <see cref="SmartBridgeXmlException"/> on any problem.</summary>
    public static XmlDocument Load(ReadOnlyMemory<byte> bytes, long maxBytes)
    {
        if (bytes.Length == 0)
        {
            throw new SmartBridgeXmlException(SmartBridgeXmlError.Empty);
        }

        if (bytes.Length > maxBytes)
        {
            throw new SmartBridgeXmlException(SmartBridgeXmlError.TooLarge);
        }

        byte[] copy = bytes.ToArray();
        using (var first = new MemoryStream(copy, writable: false))
        {
            CheckDepth(XmlReader.Create(first, Settings(maxBytes)));
        }

        using var stream = new MemoryStream(copy, writable: false);
        return Load(stream, maxBytes);
    }

    /// <summary>Parses a string (e.g. an escaped inner-XML payload) into a document.</summary>
    public static XmlDocument LoadString(string text, long maxChars)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new SmartBridgeXmlException(SmartBridgeXmlError.Empty);
        }

        if (text.Length > maxChars)
        {
            throw new SmartBridgeXmlException(SmartBridgeXmlError.TooLarge);
        }

        using (var first = new StringReader(text))
        {
            CheckDepth(XmlReader.Create(first, Settings(maxChars)));
        }

        using var reader = new StringReader(text);
        return Parse(XmlReader.Create(reader, Settings(maxChars)));
    }

    /// <summary>The nesting limit (the DOM, XPath and the canonicalisers recurse over depth).</summary>
    public const int MaxDepth = 64;

    private static void CheckDepth(XmlReader reader)
    {
        using (reader)
        {
            try
            {
                while (reader.Read())
                {
                    if (reader.Depth > MaxDepth)
                    {
                        throw new SmartBridgeXmlException(SmartBridgeXmlError.TooLarge);
                    }
                }
            }
            catch (XmlException ex)
            {
                throw new SmartBridgeXmlException(
                    ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase) ? SmartBridgeXmlError.Dtd
                    : ex.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase) ? SmartBridgeXmlError.TooLarge
                    : SmartBridgeXmlError.Malformed,
                    ex);
            }
        }
    }

    private static XmlDocument Load(Stream stream, long maxBytes) => Parse(XmlReader.Create(stream, Settings(maxBytes)));

    private static XmlReaderSettings Settings(long maxChars) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxChars,
        MaxCharactersFromEntities = 1024,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private static XmlDocument Parse(XmlReader reader)
    {
        using (reader)
        {
            var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
            try
            {
                document.Load(reader);
            }
            catch (XmlException ex)
            {
                // The message of an XmlException can quote input: only its kind travels on.
                throw new SmartBridgeXmlException(
                    ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase) ? SmartBridgeXmlError.Dtd
                    : ex.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase) ? SmartBridgeXmlError.TooLarge
                    : SmartBridgeXmlError.Malformed,
                    ex);
            }

            if (document.DocumentElement is null)
            {
                throw new SmartBridgeXmlException(SmartBridgeXmlError.Malformed);
            }

            foreach (XmlNode node in document.ChildNodes)
            {
                if (node.NodeType == XmlNodeType.DocumentType)
                {
                    throw new SmartBridgeXmlException(SmartBridgeXmlError.Dtd);
                }
            }

            return document;
        }
    }
}
