using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity;

/// <summary>Start-up check messages (event ids 7000–7099). Arguments are configuration paths, method ids and dates only.</summary>
internal static partial class StartupLog
{
    [LoggerMessage(7000, LogLevel.Warning, "Method {Method} is registered but no policy uses it, and it cannot be constructed ({ExceptionType}); identification is not affected")]
    public static partial void UnusedMethodBroken(ILogger logger, string method, string exceptionType);

    [LoggerMessage(7001, LogLevel.Warning, "The certificate at {Path} expires on {NotAfter:yyyy-MM-dd} ({Days} days left); renew it before then")]
    public static partial void CertificateExpiresSoon(ILogger logger, string path, DateTimeOffset notAfter, int days);

    [LoggerMessage(7002, LogLevel.Warning, "The certificate at {Path} {Problem}; requests signed with it will be refused (set StartupChecks:FailOnExpiredCertificate to fail the start)")]
    public static partial void CertificateNotValidNow(ILogger logger, string path, string problem);
}
