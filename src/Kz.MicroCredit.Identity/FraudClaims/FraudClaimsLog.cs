using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>Fraud-claim log messages (event ids 6000–6099): claim ids, commands and states only, never an IIN.</summary>
internal static partial class FraudClaimsLog
{
    [LoggerMessage(6000, LogLevel.Information, "Fraud claim {ClaimId}: {Command} moved {FromState} to {ToState}")]
    public static partial void StepApplied(ILogger logger, string claimId, FraudClaimCommand command, FraudClaimState? fromState, FraudClaimState toState);

    [LoggerMessage(6001, LogLevel.Debug, "Fraud claim {ClaimId}: {Command} replayed (event {Sequence}); nothing called")]
    public static partial void StepReplayed(ILogger logger, string claimId, FraudClaimCommand command, long sequence);

    [LoggerMessage(6002, LogLevel.Warning, "Fraud claim {ClaimId}: {Command} rejected in state {FromState}")]
    public static partial void TransitionRejected(ILogger logger, string claimId, FraudClaimCommand command, FraudClaimState fromState);

    [LoggerMessage(6003, LogLevel.Warning, "Fraud claim {ClaimId}: {Command} failed in a port with {ExceptionType}; nothing recorded")]
    public static partial void PortFailed(ILogger logger, string claimId, FraudClaimCommand command, string exceptionType);

    [LoggerMessage(6004, LogLevel.Warning, "Fraud claim {ClaimId} is overdue in state {State} since {DueAt:o}")]
    public static partial void Overdue(ILogger logger, string claimId, FraudClaimState state, DateTimeOffset dueAt);

    [LoggerMessage(6005, LogLevel.Information, "Fraud claim {ClaimId}: no identification evidence report on file")]
    public static partial void EvidenceReportMissing(ILogger logger, string claimId);
}
