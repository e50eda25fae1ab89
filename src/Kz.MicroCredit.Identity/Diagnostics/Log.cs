using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.Diagnostics;

/// <summary>
/// Core log messages (event ids 1000–1099). Arguments are method ids, statuses, reason codes, correlation ids and
/// exception type names only: no IIN, phone, name, image or signature ever reaches a log line.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Debug, "Identification {CorrelationId} started: policy {Policy}, operation {Operation}")]
    public static partial void IdentificationStarted(ILogger logger, string correlationId, string policy, string operation);

    [LoggerMessage(1001, LogLevel.Information, "Identification {CorrelationId} decided {Status} by policy {Policy} [{Reasons}]")]
    public static partial void IdentificationDecided(ILogger logger, string correlationId, string policy, string status, string reasons);

    [LoggerMessage(1002, LogLevel.Debug, "Method {Method} for {CorrelationId}: {Status} veto={Veto} [{Reasons}]")]
    public static partial void MethodCompleted(ILogger logger, string method, string correlationId, string status, bool veto, string reasons);

    // The exception object is deliberately not passed: messages of parser exceptions can quote input.
    [LoggerMessage(1003, LogLevel.Warning, "Method {Method} for {CorrelationId} failed with {ExceptionType}; outcome Indeterminate")]
    public static partial void MethodFailed(ILogger logger, string method, string correlationId, string exceptionType);

    [LoggerMessage(1004, LogLevel.Warning, "Method {Method} for {CorrelationId} timed out; outcome Indeterminate")]
    public static partial void MethodTimedOut(ILogger logger, string method, string correlationId);

    [LoggerMessage(1010, LogLevel.Information, "Challenge {ChallengeId} issued for operation {Operation}, expires {ExpiresAt:o}")]
    public static partial void ChallengeIssued(ILogger logger, string challengeId, string operation, DateTimeOffset expiresAt);

    [LoggerMessage(1011, LogLevel.Information, "Challenge {ChallengeId} redeemed: {Status}")]
    public static partial void ChallengeRedeemed(ILogger logger, string challengeId, string status);
}
