using System.Xml;
using Kz.MicroCredit.Identity.Eds;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// The parse used for everything SmartBridge sends (envelopes and escaped inner-XML payloads): the library's one
/// hardened loader (<see cref="HardenedXml"/>: DTDs prohibited, no resolver, a character cap, a nesting limit,
/// whitespace preserved, since signatures are checked over this very parse), with processing instructions dropped
/// and its errors told as <see cref="SmartBridgeXmlException"/>.
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
        return Parse(() => XmlReader.Create(new MemoryStream(copy, writable: false), HardenedXml.CreateSettings(maxBytes, ignoreProcessingInstructions: true)));
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

        return Parse(() => XmlReader.Create(new StringReader(text), HardenedXml.CreateSettings(maxChars, ignoreProcessingInstructions: true)));
    }

    /// <summary>The nesting limit (the DOM, XPath and the canonicalisers recurse over depth).</summary>
    public const int MaxDepth = HardenedXml.DefaultMaxDepth;

    private static XmlDocument Parse(Func<XmlReader> createReader)
    {
        var document = new XmlDocument();
        return HardenedXml.Load(document, createReader, MaxDepth) switch
        {
            HardenedXmlError.None => document,
            HardenedXmlError.Empty => throw new SmartBridgeXmlException(SmartBridgeXmlError.Empty),
            HardenedXmlError.TooLarge => throw new SmartBridgeXmlException(SmartBridgeXmlError.TooLarge),
            HardenedXmlError.Dtd => throw new SmartBridgeXmlException(SmartBridgeXmlError.Dtd),
            _ => throw new SmartBridgeXmlException(SmartBridgeXmlError.Malformed),
        };
    }
}
