using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// Biometrics log messages (event ids 3000–3099). Arguments are operation names, interaction/session/event ids,
/// HTTP status codes, reason codes and correlation ids only: never an IIN, a phone, an image or a response body.
/// </summary>
internal static partial class BiometricsLog
{
    [LoggerMessage(3000, LogLevel.Debug, "CEID {Operation} sending, interaction {InteractionId}")]
    public static partial void CallSending(ILogger logger, string operation, string interactionId);

    [LoggerMessage(3001, LogLevel.Debug, "CEID {Operation} answered HTTP {StatusCode}, interaction {InteractionId}")]
    public static partial void CallAnswered(ILogger logger, string operation, int statusCode, string interactionId);

    [LoggerMessage(3002, LogLevel.Warning, "CEID {Operation} failed [{Reasons}] (HTTP {StatusCode}, {Fault})")]
    public static partial void CallFailed(ILogger logger, string operation, string reasons, int statusCode, string fault);

    [LoggerMessage(3003, LogLevel.Debug, "CEID access token acquired, valid {ExpiresInSeconds} s")]
    public static partial void TokenAcquired(ILogger logger, int expiresInSeconds);

    [LoggerMessage(3004, LogLevel.Information, "CEID {Operation} got HTTP 401; refreshing the access token once")]
    public static partial void TokenRejected(ILogger logger, string operation);

    [LoggerMessage(3005, LogLevel.Warning, "CEID token endpoint failed [{Reason}] (HTTP {StatusCode})")]
    public static partial void TokenFailed(ILogger logger, string reason, int statusCode);

    [LoggerMessage(3006, LogLevel.Information, "CEID {Operation} retry {Attempt} after {Fault}")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string fault);

    [LoggerMessage(3010, LogLevel.Warning, "Face image for {CorrelationId} refused before sending [{Reason}]")]
    public static partial void ImageRefused(ILogger logger, string correlationId, string reason);

    [LoggerMessage(3011, LogLevel.Information, "Biometric match for {CorrelationId}: {Status} [{Reasons}], attempt {Attempt} of {Cap}, match {MatchId}")]
    public static partial void MatchDecided(ILogger logger, string correlationId, string status, string reasons, int attempt, int cap, string matchId);

    [LoggerMessage(3012, LogLevel.Warning, "Biometric attempts exhausted for {CorrelationId}; no call made")]
    public static partial void AttemptsExhausted(ILogger logger, string correlationId);

    [LoggerMessage(3020, LogLevel.Information, "CEID session {SessionId} created, expires {ExpiresAt:o}")]
    public static partial void SessionCreated(ILogger logger, string sessionId, DateTimeOffset expiresAt);

    [LoggerMessage(3021, LogLevel.Warning, "CEID callback rejected [{Reason}]")]
    public static partial void CallbackRejected(ILogger logger, string reason);

    [LoggerMessage(3022, LogLevel.Debug, "CEID callback {EventId} is a duplicate; ignored")]
    public static partial void CallbackDuplicate(ILogger logger, string eventId);

    [LoggerMessage(3023, LogLevel.Information, "CEID session {SessionId} is {State} ({Update})")]
    public static partial void SessionUpdated(ILogger logger, string sessionId, string state, string update);

    [LoggerMessage(3024, LogLevel.Warning, "CEID session evidence for {CorrelationId} refused [{Reason}]")]
    public static partial void SessionRefused(ILogger logger, string correlationId, string reason);
}
