using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Reads SmartBridge answers from a document parsed by <see cref="SmartBridgeXml"/>. Lenient on prefixes, strict on
/// shape: exactly one Body, one fault or one <c>SendMessageResponse</c>; the <c>data</c> payload may be carried as
/// escaped inner XML, which gets its own hardened parse.
/// </summary>
internal static class SmartBridgeResponseParser
{
    public static SmartBridgeResponse Parse(XmlDocument document)
    {
        XmlElement envelope = document.DocumentElement!;
        if (envelope.LocalName != "Envelope" || envelope.NamespaceURI != SmartBridgeNamespaces.Soap11)
        {
            throw new SmartBridgeXmlException(SmartBridgeXmlError.Malformed);
        }

        XmlElement body = SingleChild(envelope, "Body", SmartBridgeNamespaces.Soap11) ?? throw new SmartBridgeXmlException(SmartBridgeXmlError.Malformed);
        XmlElement? fault = SingleChild(body, "Fault", SmartBridgeNamespaces.Soap11);
        if (fault is not null)
        {
            string? code = Text(SingleChild(fault, "faultcode", null));
            return new SmartBridgeResponse { IsFault = true, FaultCode = SafeCode(code), Body = body };
        }

        XmlElement message = SingleChild(body, "SendMessageResponse", null) ?? throw new SmartBridgeXmlException(SmartBridgeXmlError.Malformed);
        XmlElement response = SingleChild(message, "response", null) ?? throw new SmartBridgeXmlException(SmartBridgeXmlError.Malformed);
        XmlElement info = SingleChild(response, "responseInfo", null) ?? throw new SmartBridgeXmlException(SmartBridgeXmlError.Malformed);
        XmlElement? status = SingleChild(info, "status", null);
        XmlElement? responseData = SingleChild(response, "responseData", null);
        XmlElement? data = responseData is null ? null : SingleChild(responseData, "data", null);
        DateTimeOffset? date = DateTimeOffset.TryParse(Text(SingleChild(info, "responseDate", null)), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset d) ? d : null;
        return new SmartBridgeResponse
        {
            MessageId = Text(SingleChild(info, "messageId", null)),
            CorrelationId = Text(SingleChild(info, "correlationId", null)),
            SessionId = Text(SingleChild(info, "sessionId", null)),
            StatusCode = Text(status is null ? null : SingleChild(status, "code", null)),
            ResponseDate = date,
            Body = body,
            Data = data,
        };
    }

    /// <summary>
    /// Gives the <c>data</c> element as an <see cref="XElement"/>; when the payload is an escaped XML string, its root
    /// (parsed with the hardened reader, no DTD) replaces the text as the only child.
    /// </summary>
    public static SmartBridgeResponseData ReadData(XmlElement data, long maxChars)
    {
        XElement element;
        using (var reader = new XmlNodeReader(data))
        {
            element = XElement.Load(reader, LoadOptions.None);
        }

        if (element.HasElements)
        {
            return new SmartBridgeResponseData(element, wasEscaped: false);
        }

        string text = element.Value.Trim();
        if (!text.StartsWith('<'))
        {
            return new SmartBridgeResponseData(element, wasEscaped: false);
        }

        XmlDocument inner = SmartBridgeXml.LoadString(text, maxChars);
        XElement root;
        using (var reader = new XmlNodeReader(inner.DocumentElement!))
        {
            root = XElement.Load(reader, LoadOptions.None);
        }

        element.RemoveNodes();
        element.Add(root);
        return new SmartBridgeResponseData(element, wasEscaped: true);
    }

    /// <summary>A status or fault code, kept only if it looks like a code (letters, digits, <c>:._-</c>, ≤ 64 chars).</summary>
    public static string? SafeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        code = code.Trim();
        if (code.Length > 64)
        {
            return "invalid";
        }

        foreach (char c in code)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is ':' or '.' or '_' or '-'))
            {
                return "invalid";
            }
        }

        return code;
    }

    private static XmlElement? SingleChild(XmlElement parent, string localName, string? namespaceUri)
    {
        XmlElement? found = null;
        foreach (XmlNode node in parent.ChildNodes)
        {
            if (node is XmlElement e && e.LocalName == localName && (namespaceUri is null || e.NamespaceURI == namespaceUri))
            {
                if (found is not null)
                {
                    throw new SmartBridgeXmlException(SmartBridgeXmlError.Malformed);
                }

                found = e;
            }
        }

        return found;
    }

    private static string? Text(XmlElement? element)
    {
        if (element is null)
        {
            return null;
        }

        string value = element.InnerText.Trim();
        return value.Length == 0 ? null : value;
    }
}
