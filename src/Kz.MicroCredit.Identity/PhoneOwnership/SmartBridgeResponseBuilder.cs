using System.Text;
using System.Xml;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Builds SmartBridge answers (<c>SendMessageResponse</c> or a SOAP fault) for simulators and tests, in the layout the
/// client reads: <c>wsu:Id</c> on the Body so the gateway side can sign it with WS-Security.
/// </summary>
internal static class SmartBridgeResponseBuilder
{
    public static XmlDocument Response(string? messageId, string? correlationId, string statusCode, DateTimeOffset responseDate, Action<XmlWriter>? writeData, bool escapeData = false)
    {
        string? escaped = null;
        if (escapeData && writeData is not null)
        {
            var inner = new StringBuilder();
            using (XmlWriter iw = XmlWriter.Create(inner, new XmlWriterSettings { OmitXmlDeclaration = true }))
            {
                iw.WriteStartElement("payload", string.Empty);
                writeData(iw);
                iw.WriteEndElement();
            }

            escaped = inner.ToString();
        }

        return Write(w =>
        {
            w.WriteStartElement("ns2", "SendMessageResponse", SmartBridgeNamespaces.SyncTypes);
            w.WriteStartElement("response", string.Empty);
            w.WriteStartElement("responseInfo", string.Empty);
            if (messageId is not null)
            {
                w.WriteElementString("messageId", string.Empty, messageId);
            }

            if (correlationId is not null)
            {
                w.WriteElementString("correlationId", string.Empty, correlationId);
            }

            w.WriteElementString("responseDate", string.Empty, SmartBridgeEnvelope.FormatDate(responseDate));
            w.WriteStartElement("status", string.Empty);
            w.WriteElementString("code", string.Empty, statusCode);
            w.WriteElementString("message", string.Empty, statusCode == "SCSS001" ? "Message has been processed successfully" : "Error");
            w.WriteEndElement();
            w.WriteElementString("sessionId", string.Empty, Guid.NewGuid().ToString("D"));
            w.WriteEndElement(); // responseInfo
            w.WriteStartElement("responseData", string.Empty);
            w.WriteStartElement("data", string.Empty);
            if (escaped is not null)
            {
                w.WriteString(escaped);
            }
            else
            {
                writeData?.Invoke(w);
            }

            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement(); // response
            w.WriteEndElement(); // SendMessageResponse
        });
    }

    public static XmlDocument Fault(string faultCode, string faultString) => Write(w =>
    {
        w.WriteStartElement("SOAP-ENV", "Fault", SmartBridgeNamespaces.Soap11);
        w.WriteElementString("faultcode", string.Empty, faultCode);
        w.WriteElementString("faultstring", string.Empty, faultString);
        w.WriteEndElement();
    });

    private static XmlDocument Write(Action<XmlWriter> body)
    {
        var buffer = new MemoryStream();
        using (XmlWriter w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("SOAP-ENV", "Envelope", SmartBridgeNamespaces.Soap11);
            w.WriteStartElement("SOAP-ENV", "Header", SmartBridgeNamespaces.Soap11);
            w.WriteEndElement();
            w.WriteStartElement("SOAP-ENV", "Body", SmartBridgeNamespaces.Soap11);
            w.WriteAttributeString("xmlns", "wsu", SmartBridgeNamespaces.Xmlns, SmartBridgeNamespaces.Wsu);
            w.WriteAttributeString("wsu", "Id", SmartBridgeNamespaces.Wsu, SmartBridgeEnvelope.NewBodyId());
            body(w);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        buffer.Position = 0;
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using XmlReader reader = XmlReader.Create(buffer, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        document.Load(reader);
        return document;
    }

    /// <summary>
    /// Replaces the signer certificate in a signed envelope's KeyInfo by <c>ds:X509IssuerSerial</c> (what gateway answers
    /// carry in public samples). KeyInfo is not covered by the signature, so the signature stays valid.
    /// </summary>
    public static void UseIssuerSerialKeyInfo(XmlDocument signed, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        XmlElement reference = signed.GetElementsByTagName("SecurityTokenReference", SmartBridgeNamespaces.Wsse).OfType<XmlElement>().Single();
        reference.RemoveAll();
        XmlElement data = signed.CreateElement("ds", "X509Data", SmartBridgeNamespaces.XmlDsig);
        XmlElement issuerSerial = signed.CreateElement("ds", "X509IssuerSerial", SmartBridgeNamespaces.XmlDsig);
        XmlElement issuer = signed.CreateElement("ds", "X509IssuerName", SmartBridgeNamespaces.XmlDsig);
        issuer.InnerText = certificate.IssuerName.Name;
        XmlElement serial = signed.CreateElement("ds", "X509SerialNumber", SmartBridgeNamespaces.XmlDsig);
        serial.InnerText = new System.Numerics.BigInteger(certificate.GetSerialNumber(), isUnsigned: true, isBigEndian: false).ToString(System.Globalization.CultureInfo.InvariantCulture);
        issuerSerial.AppendChild(issuer);
        issuerSerial.AppendChild(serial);
        data.AppendChild(issuerSerial);
        reference.AppendChild(data);
    }

    /// <summary>Reads the request info a simulator needs from a parsed request envelope.</summary>
    public static (string? MessageId, string? ServiceId, XmlElement? Data) ReadRequest(XmlDocument request)
    {
        XmlElement? messageId = null, serviceId = null, data = null;
        foreach (XmlElement e in request.GetElementsByTagName("*").OfType<XmlElement>())
        {
            switch (e.LocalName)
            {
                case "messageId" when messageId is null && e.ParentNode?.LocalName == "requestInfo":
                    messageId = e;
                    break;
                case "serviceId" when serviceId is null && e.ParentNode?.LocalName == "requestInfo":
                    serviceId = e;
                    break;
                case "data" when data is null && e.ParentNode?.LocalName == "requestData":
                    data = e;
                    break;
            }
        }

        return (messageId?.InnerText.Trim(), serviceId?.InnerText.Trim(), data);
    }
}
