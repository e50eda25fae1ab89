using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>EDS log messages (event ids 2050–2099): codes, formats and algorithms only — never IINs, names or signatures.</summary>
internal static partial class EdsLog
{
    [LoggerMessage(2050, LogLevel.Information, "EDS signature for {CorrelationId} verified: format {Format}, key {KeyAlgorithm}, signing time source {TimeSource}")]
    public static partial void Verified(ILogger logger, string correlationId, string format, string keyAlgorithm, string timeSource);

    [LoggerMessage(2051, LogLevel.Information, "EDS signature for {CorrelationId} not accepted: {Status} {Reason}")]
    public static partial void NotAccepted(ILogger logger, string correlationId, string status, string reason);

    [LoggerMessage(2052, LogLevel.Warning, "EDS signature timestamp for {CorrelationId} could not be validated; ignored")]
    public static partial void TimestampIgnored(ILogger logger, string correlationId);
}
