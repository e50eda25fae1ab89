using System.Globalization;
using System.Text;
using System.Xml;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>The <c>requestInfo</c> of one SyncChannel <c>SendMessage</c>.</summary>
internal sealed record SmartBridgeRequestInfo(
    string MessageId,
    string? CorrelationId,
    string ServiceId,
    DateTimeOffset MessageDate,
    string SenderId,
    string SenderPassword,
    string? SessionId)
{
    /// <inheritdoc />
    public override string ToString() => $"SmartBridgeRequestInfo {{ MessageId = {MessageId}, ServiceId = {ServiceId} }}";
}
