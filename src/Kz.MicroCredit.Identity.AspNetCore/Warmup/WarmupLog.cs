using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.AspNetCore;

/// <summary>Hosting log messages (event ids 7100–7199): counts, endpoint paths and reasons only.</summary>
internal static partial class WarmupLog
{
    [LoggerMessage(7100, LogLevel.Information, "Warm-up done: {Anchors} trust anchors, {Crls} CRLs loaded, {Problems} problem(s)")]
    public static partial void Completed(ILogger logger, int anchors, int crls, int problems);

    [LoggerMessage(7101, LogLevel.Warning, "Cached CRL for {Url} refused: {Why}; downloading it again")]
    public static partial void CacheRefused(ILogger logger, string url, string why);

    [LoggerMessage(7102, LogLevel.Debug, "CRL for {Url} served from the cache ({Why})")]
    public static partial void CacheHit(ILogger logger, string url, string why);

    [LoggerMessage(7103, LogLevel.Warning, "Could not write the CRL cache for {Url} ({ExceptionType})")]
    public static partial void CacheWriteFailed(ILogger logger, string url, string exceptionType);
}
