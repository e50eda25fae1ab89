using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.Redis;

/// <summary>Redis state log messages (event ids 9000–9099): operation names and exception types only, never a key or value.</summary>
internal static partial class RedisStateLog
{
    [LoggerMessage(9000, LogLevel.Warning, "Redis state operation {Operation} failed with {ExceptionType}; failing closed")]
    public static partial void OperationFailed(ILogger logger, string operation, string exceptionType);
}
