using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>A parsed SmartBridge answer: a SOAP fault or a <c>SendMessageResponse</c>.</summary>
internal sealed class SmartBridgeResponse
{
    public bool IsFault { get; init; }

    public string? FaultCode { get; init; }

    public string? MessageId { get; init; }

    public string? CorrelationId { get; init; }

    public string? SessionId { get; init; }

    public string? StatusCode { get; init; }

    public DateTimeOffset? ResponseDate { get; init; }

    public XmlElement? Body { get; init; }

    public XmlElement? Data { get; init; }
}
