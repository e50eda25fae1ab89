using System.Text;
using System.Xml;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.PhoneOwnership;

public sealed class SmartBridgeXmlTests
{
    private static readonly DateTimeOffset When = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    internal static string Response(string messageId, string status, string dataContent, string? correlationId = null) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
        <ns2:SendMessageResponse xmlns:ns2="http://bip.bee.kz/SyncChannel/v10/Types"><response>
        <responseInfo><messageId>{messageId}</messageId>{(correlationId is null ? "" : $"<correlationId>{correlationId}</correlationId>")}<responseDate>2026-03-01T10:00:01.000+05:00</responseDate>
        <status><code>{status}</code><message>Message has been processed successfully</message></status><sessionId>s-1</sessionId></responseInfo>
        <responseData><data>{dataContent}</data></responseData>
        </response></ns2:SendMessageResponse></soap:Body></soap:Envelope>
        """;

    private static XmlDocument Load(string xml) => SmartBridgeXml.Load(Encoding.UTF8.GetBytes(xml), 1 << 20);

    [Fact]
    public void Envelope_has_the_SyncChannel_layout()
    {
        var info = new SmartBridgeRequestInfo("m-1", null, "SVC_ID", When, "sender", "secret", "sess-1");
        var data = new SmartBridgeServiceData("checkSubscriberRequest", w => w.WriteElementString("iin", string.Empty, "880912300763"));

        XmlDocument d = SmartBridgeEnvelope.Build(info, data, "id-abc");

        var ns = new XmlNamespaceManager(d.NameTable);
        ns.AddNamespace("s", "http://schemas.xmlsoap.org/soap/envelope/");
        ns.AddNamespace("t", "http://bip.bee.kz/SyncChannel/v10/Types");
        ns.AddNamespace("i", "http://bip.bee.kz/SyncChannel/v10/Interfaces");
        ns.AddNamespace("wsu", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd");
        ns.AddNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
        Assert.NotNull(d.SelectSingleNode("/s:Envelope/s:Header", ns));
        Assert.Equal("id-abc", d.SelectSingleNode("/s:Envelope/s:Body/@wsu:Id", ns)?.Value);
        const string Info = "/s:Envelope/s:Body/t:SendMessage/request/requestInfo/";
        Assert.Equal("m-1", d.SelectSingleNode(Info + "messageId", ns)?.InnerText);
        Assert.Equal("SVC_ID", d.SelectSingleNode(Info + "serviceId", ns)?.InnerText);
        Assert.Equal("2026-03-01T10:00:00.000Z", d.SelectSingleNode(Info + "messageDate", ns)?.InnerText);
        Assert.Equal("sender", d.SelectSingleNode(Info + "sender/senderId", ns)?.InnerText);
        Assert.Equal("secret", d.SelectSingleNode(Info + "sender/password", ns)?.InnerText);
        Assert.Equal("sess-1", d.SelectSingleNode(Info + "sessionId", ns)?.InnerText);
        Assert.Null(d.SelectSingleNode(Info + "correlationId", ns));
        XmlElement dataElement = (XmlElement)d.SelectSingleNode("/s:Envelope/s:Body/t:SendMessage/request/requestData/i:data", ns)!;
        Assert.Equal("checkSubscriberRequest", dataElement.GetAttribute("type", "http://www.w3.org/2001/XMLSchema-instance"));
        Assert.Equal("880912300763", dataElement.SelectSingleNode("iin", ns)?.InnerText);
    }

    [Fact]
    public void Element_order_of_requestInfo_follows_the_skeleton()
    {
        var info = new SmartBridgeRequestInfo("m", "c", "S", When, "u", "p", "x");
        XmlDocument d = SmartBridgeEnvelope.Build(info, new SmartBridgeServiceData("T", _ => { }), "id-1");
        XmlNode requestInfo = d.GetElementsByTagName("requestInfo")[0]!;
        string[] names = requestInfo.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName).ToArray();
        Assert.Equal(new[] { "messageId", "correlationId", "serviceId", "messageDate", "sender", "sessionId" }, names);
    }

    [Fact]
    public void Response_is_parsed()
    {
        SmartBridgeResponse r = SmartBridgeResponseParser.Parse(Load(Response("m-1", "SCSS001", "<result>REGISTERED</result>", "c-9")));
        Assert.False(r.IsFault);
        Assert.Equal("m-1", r.MessageId);
        Assert.Equal("c-9", r.CorrelationId);
        Assert.Equal("SCSS001", r.StatusCode);
        Assert.Equal("REGISTERED", SmartBridgeResponseParser.ReadData(r.Data!, 1000).Find("result"));
    }

    [Fact]
    public void Escaped_inner_xml_payload_is_parsed()
    {
        string inner = System.Security.SecurityElement.Escape("<checkSubscriberResponse><iin>880912300763</iin><result>NOT_REGISTERED</result></checkSubscriberResponse>");
        SmartBridgeResponse r = SmartBridgeResponseParser.Parse(Load(Response("m-1", "SCSS001", inner)));

        SmartBridgeResponseData data = SmartBridgeResponseParser.ReadData(r.Data!, 10_000);

        Assert.True(data.WasEscaped);
        Assert.Equal("checkSubscriberResponse", data.Payload.Name.LocalName);
        Assert.Equal("NOT_REGISTERED", data.Find("result"));
    }

    [Fact]
    public void Escaped_inner_xml_with_a_DTD_is_rejected()
    {
        string inner = System.Security.SecurityElement.Escape("<!DOCTYPE r [<!ENTITY x \"boom\">]><r>&x;</r>");
        SmartBridgeResponse r = SmartBridgeResponseParser.Parse(Load(Response("m-1", "SCSS001", inner)));
        var ex = Assert.Throws<SmartBridgeXmlException>(() => SmartBridgeResponseParser.ReadData(r.Data!, 10_000));
        Assert.Equal(SmartBridgeXmlError.Dtd, ex.Error);
    }

    [Fact]
    public void Escaped_inner_xml_over_the_cap_is_rejected()
    {
        string inner = System.Security.SecurityElement.Escape("<r>" + new string('a', 5000) + "</r>");
        SmartBridgeResponse r = SmartBridgeResponseParser.Parse(Load(Response("m-1", "SCSS001", inner)));
        var ex = Assert.Throws<SmartBridgeXmlException>(() => SmartBridgeResponseParser.ReadData(r.Data!, 1000));
        Assert.Equal(SmartBridgeXmlError.TooLarge, ex.Error);
    }

    [Fact]
    public void Dtd_in_a_response_is_rejected_without_expanding_it()
    {
        const string Xml = """<?xml version="1.0"?><!DOCTYPE e [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&b;</soap:Body></soap:Envelope>""";
        var ex = Assert.Throws<SmartBridgeXmlException>(() => Load(Xml));
        Assert.Equal(SmartBridgeXmlError.Dtd, ex.Error);
        Assert.DoesNotContain("aaaa", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void External_entity_is_rejected()
    {
        const string Xml = """<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><e>&x;</e>""";
        Assert.Equal(SmartBridgeXmlError.Dtd, Assert.Throws<SmartBridgeXmlException>(() => Load(Xml)).Error);
    }

    [Fact]
    public void Oversized_input_is_rejected_before_parsing()
    {
        byte[] big = Encoding.UTF8.GetBytes("<a>" + new string('x', 3000) + "</a>");
        Assert.Equal(SmartBridgeXmlError.TooLarge, Assert.Throws<SmartBridgeXmlException>(() => SmartBridgeXml.Load(big, 1000)).Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>")]
    public void Garbage_is_rejected(string text)
    {
        Assert.Throws<SmartBridgeXmlException>(() =>
        {
            XmlDocument d = SmartBridgeXml.Load(Encoding.UTF8.GetBytes(text), 1 << 20);
            SmartBridgeResponseParser.Parse(d);
        });
    }

    [Fact]
    public void Deep_nesting_is_rejected()
    {
        string xml = string.Concat(Enumerable.Repeat("<a>", 200)) + string.Concat(Enumerable.Repeat("</a>", 200));
        Assert.Equal(SmartBridgeXmlError.TooLarge, Assert.Throws<SmartBridgeXmlException>(() => Load(xml)).Error);
    }

    [Fact]
    public void Two_bodies_are_rejected()
    {
        const string Xml = """<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/><soap:Body/></soap:Envelope>""";
        Assert.Throws<SmartBridgeXmlException>(() => SmartBridgeResponseParser.Parse(Load(Xml)));
    }

    [Fact]
    public void Fault_is_recognised_and_only_a_safe_code_is_kept()
    {
        const string Xml = """<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>IIN 880912300763 unknown</faultstring></soap:Fault></soap:Body></soap:Envelope>""";
        SmartBridgeResponse r = SmartBridgeResponseParser.Parse(Load(Xml));
        Assert.True(r.IsFault);
        Assert.Equal("soap:Server", r.FaultCode);
        Assert.Equal("invalid", SmartBridgeResponseParser.SafeCode("880912300763 <b>"));
    }
}
