using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>Signing-channel log messages (event ids 9100–9149): states and codes only — never IINs, tokens or signatures.</summary>
internal static partial class EGovMobileLog
{
    [LoggerMessage(9100, LogLevel.Information, "eGov mobile signing session started: sign method {SignMethod}, expires {ExpiresAt}")]
    public static partial void Started(ILogger logger, string signMethod, DateTimeOffset expiresAt);

    [LoggerMessage(9101, LogLevel.Information, "eGov mobile protocol call refused: {Step} {Error}")]
    public static partial void Refused(ILogger logger, string step, string error);

    [LoggerMessage(9102, LogLevel.Information, "eGov mobile answer verified by nca-eds: {Status} {Reasons}")]
    public static partial void Answered(ILogger logger, string status, string reasons);

    [LoggerMessage(9103, LogLevel.Information, "eGov mobile Eds sign-in verified by nca-eds: {Status} {Reasons}")]
    public static partial void SignedIn(ILogger logger, string status, string reasons);
}
