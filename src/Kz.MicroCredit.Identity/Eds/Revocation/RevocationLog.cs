using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>Revocation log messages (event ids 2100–2199): sources, statuses, reason codes and CA names only.</summary>
internal static partial class RevocationLog
{
    [LoggerMessage(2100, LogLevel.Debug, "Revocation checked by {Source}: {Status} {Failure}")]
    public static partial void Checked(ILogger logger, string source, RevocationStatus status, string failure);

    [LoggerMessage(2101, LogLevel.Warning, "Revocation status not established ({Failures}); soft-fail={SoftFail}")]
    public static partial void NotEstablished(ILogger logger, string failures, bool softFail);

    [LoggerMessage(2110, LogLevel.Warning, "OCSP request to {Url} failed: {Error}")]
    public static partial void OcspFailed(ILogger logger, string url, string error);

    [LoggerMessage(2120, LogLevel.Information, "CRL {Url} loaded: {Entries} entries, number {Number}, nextUpdate {NextUpdate:o}")]
    public static partial void CrlLoaded(ILogger logger, string url, int entries, string number, DateTimeOffset? nextUpdate);

    [LoggerMessage(2121, LogLevel.Warning, "CRL {Url} not usable: {Failure}")]
    public static partial void CrlFailed(ILogger logger, string url, string failure);

    [LoggerMessage(2122, LogLevel.Debug, "CRL {Url} background refresh scheduled in {Due}")]
    public static partial void CrlRefreshScheduled(ILogger logger, string url, TimeSpan due);

    [LoggerMessage(2130, LogLevel.Warning, "Time-stamp request to {Url} failed: {Error}")]
    public static partial void TsaFailed(ILogger logger, string url, string error);
}
