using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Log messages of the phone-ownership check (event ids 5000–5099). Arguments are message ids (random UUIDs), service
/// ids, status codes, reason codes and exception type names only: never an IIN, a number, a password, a code or SOAP.
/// </summary>
internal static partial class PhoneOwnershipLog
{
    [LoggerMessage(5000, LogLevel.Debug, "SmartBridge request {MessageId} to service {ServiceId} sent")]
    public static partial void RequestSent(ILogger logger, string messageId, string serviceId);

    [LoggerMessage(5001, LogLevel.Information, "SmartBridge request {MessageId} to service {ServiceId} answered: status {StatusCode}, signature {Signature}")]
    public static partial void ResponseReceived(ILogger logger, string messageId, string serviceId, string statusCode, string signature);

    [LoggerMessage(5002, LogLevel.Warning, "SmartBridge request {MessageId} to service {ServiceId} failed: {Reason} (HTTP {HttpStatus})")]
    public static partial void RequestFailed(ILogger logger, string messageId, string serviceId, string reason, int httpStatus);

    [LoggerMessage(5003, LogLevel.Warning, "SmartBridge request {MessageId} to service {ServiceId} failed with {ExceptionType}: {Reason}")]
    public static partial void TransportFailed(ILogger logger, string messageId, string serviceId, string exceptionType, string reason);

    [LoggerMessage(5004, LogLevel.Warning, "SmartBridge answer to {MessageId} rejected: {Reason}")]
    public static partial void ResponseRejected(ILogger logger, string messageId, string reason);

    [LoggerMessage(5010, LogLevel.Information, "Phone-ownership consent {Handle} started through {ServiceId}, expires {ExpiresAt:o}")]
    public static partial void ConsentStarted(ILogger logger, string handle, string serviceId, DateTimeOffset expiresAt);

    [LoggerMessage(5011, LogLevel.Information, "Phone-ownership consent {Handle} redeemed: {Result}")]
    public static partial void ConsentRedeemed(ILogger logger, string handle, string result);
}
