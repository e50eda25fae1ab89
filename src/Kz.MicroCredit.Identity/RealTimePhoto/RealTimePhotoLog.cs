using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>
/// Log messages of the real-time photo method (event ids 4000–4099). Arguments are session ids (random, not personal),
/// provider names, statuses, reason codes and exception type names only: never a code, phone, IIN or image.
/// </summary>
internal static partial class RealTimePhotoLog
{
    [LoggerMessage(4000, LogLevel.Information, "Real-time photo session {SessionId} started with provider {Provider}: {CommandCount} commands, expires {ExpiresAt:o}")]
    public static partial void SessionStarted(ILogger logger, string sessionId, string provider, int commandCount, DateTimeOffset expiresAt);

    [LoggerMessage(4001, LogLevel.Warning, "Real-time photo session not started: {Status}")]
    public static partial void SessionNotStarted(ILogger logger, string status);

    [LoggerMessage(4002, LogLevel.Debug, "One-time code for session {SessionId} sent, expires {ExpiresAt:o}")]
    public static partial void OtpSent(ILogger logger, string sessionId, DateTimeOffset expiresAt);

    [LoggerMessage(4003, LogLevel.Warning, "One-time code for session {SessionId} could not be sent: {ExceptionType}")]
    public static partial void OtpSendFailed(ILogger logger, string sessionId, string exceptionType);

    [LoggerMessage(4004, LogLevel.Information, "One-time code for session {SessionId} checked: {Result}, attempt {Attempt}")]
    public static partial void OtpChecked(ILogger logger, string sessionId, string result, int attempt);

    [LoggerMessage(4005, LogLevel.Warning, "One-time code send refused by the rate limit ({Scope})")]
    public static partial void OtpRateLimited(ILogger logger, string scope);

    [LoggerMessage(4010, LogLevel.Debug, "Liveness result for session {SessionId} from {Source}: {Decision}, attempts {Attempts}")]
    public static partial void LivenessResult(ILogger logger, string sessionId, string source, string decision, int attempts);

    [LoggerMessage(4011, LogLevel.Warning, "Liveness provider call {Operation} failed: {Kind} ({ExceptionType})")]
    public static partial void ProviderCallFailed(ILogger logger, string operation, string kind, string exceptionType);

    [LoggerMessage(4012, LogLevel.Information, "Real-time photo session {SessionId} evaluated: {Status} [{Reason}]")]
    public static partial void SessionEvaluated(ILogger logger, string sessionId, string status, string reason);

    [LoggerMessage(4020, LogLevel.Information, "Liveness webhook: {Outcome}")]
    public static partial void WebhookHandled(ILogger logger, string outcome);

    [LoggerMessage(4021, LogLevel.Trace, "Liveness webhook event {EventId} seq {Sequence} for provider session {ProviderSessionId}: {Outcome}")]
    public static partial void WebhookEvent(ILogger logger, string eventId, long sequence, string providerSessionId, string outcome);
}
