using System.Globalization;
using System.Text;
using System.Xml;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Builds unsigned SmartBridge SyncChannel <c>SendMessage</c> envelopes in the layout of the public signed sample
/// (SOAP 1.1, <c>wsu:Id="id-&lt;uuid&gt;"</c> on the Body, <c>requestData/data</c> in the Interfaces namespace with
/// an <c>xsi:type</c>).
/// </summary>
internal static class SmartBridgeEnvelope
{
    public static XmlDocument Build(SmartBridgeRequestInfo info, SmartBridgeServiceData data, string bodyId)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(data);
        var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, OmitXmlDeclaration = false, CloseOutput = false };
        using (XmlWriter w = XmlWriter.Create(buffer, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("SOAP-ENV", "Envelope", SmartBridgeNamespaces.Soap11);
            w.WriteStartElement("SOAP-ENV", "Header", SmartBridgeNamespaces.Soap11);
            w.WriteEndElement();
            w.WriteStartElement("SOAP-ENV", "Body", SmartBridgeNamespaces.Soap11);
            w.WriteAttributeString("xmlns", "wsu", SmartBridgeNamespaces.Xmlns, SmartBridgeNamespaces.Wsu);
            w.WriteAttributeString("wsu", "Id", SmartBridgeNamespaces.Wsu, bodyId);
            w.WriteStartElement("ns3", "SendMessage", SmartBridgeNamespaces.SyncTypes);
            w.WriteStartElement("request", string.Empty);
            w.WriteStartElement("requestInfo", string.Empty);
            w.WriteElementString("messageId", string.Empty, info.MessageId);
            if (!string.IsNullOrEmpty(info.CorrelationId))
            {
                w.WriteElementString("correlationId", string.Empty, info.CorrelationId);
            }

            w.WriteElementString("serviceId", string.Empty, info.ServiceId);
            w.WriteElementString("messageDate", string.Empty, FormatDate(info.MessageDate));
            w.WriteStartElement("sender", string.Empty);
            w.WriteElementString("senderId", string.Empty, info.SenderId);
            w.WriteElementString("password", string.Empty, info.SenderPassword);
            w.WriteEndElement();
            if (!string.IsNullOrEmpty(info.SessionId))
            {
                w.WriteElementString("sessionId", string.Empty, info.SessionId);
            }

            w.WriteEndElement(); // requestInfo
            w.WriteStartElement("requestData", string.Empty);
            w.WriteStartElement("ns4", "data", SmartBridgeNamespaces.SyncInterfaces);
            w.WriteAttributeString("xmlns", "xsi", SmartBridgeNamespaces.Xmlns, SmartBridgeNamespaces.Xsi);
            string type = data.XsiType;
            if (data.XsiTypeNamespace is not null)
            {
                w.WriteAttributeString("xmlns", "cs", SmartBridgeNamespaces.Xmlns, data.XsiTypeNamespace);
                type = "cs:" + type;
            }

            w.WriteAttributeString("xsi", "type", SmartBridgeNamespaces.Xsi, type);
            data.WriteContent(w);
            w.WriteEndElement(); // data
            w.WriteEndElement(); // requestData
            w.WriteEndElement(); // request
            w.WriteEndElement(); // SendMessage
            w.WriteEndElement(); // Body
            w.WriteEndElement(); // Envelope
            w.WriteEndDocument();
        }

        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        buffer.Position = 0;
        using (XmlReader reader = XmlReader.Create(buffer, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
        {
            document.Load(reader);
        }

        return document;
    }

    public static string NewBodyId() => "id-" + Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);

    public static string FormatDate(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static byte[] ToBytes(XmlDocument document)
    {
        var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false, NewLineHandling = NewLineHandling.Entitize };
        using (XmlWriter w = XmlWriter.Create(buffer, settings))
        {
            document.Save(w);
        }

        return buffer.ToArray();
    }
}
