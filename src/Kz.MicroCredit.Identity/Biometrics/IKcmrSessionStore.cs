using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>Keeps the lender's hosted sessions; implementations must make <see cref="TryConsumeAsync"/> atomic.</summary>
internal interface IKcmrSessionStore
{
    /// <summary>Adds a new session.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task AddAsync(KcmrSessionRecord record, CancellationToken cancellationToken = default);

    /// <summary>Gets a session.</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The record or <see langword="null"/>.</returns>
    Task<KcmrSessionRecord?> GetAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Records a state; a final state (completed, expired, failed) is written once and never replaced.</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="state">The state.</param>
    /// <param name="result">The result for a completed session.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>How the update was taken.</returns>
    Task<KcmrSessionUpdateStatus> UpdateAsync(string sessionId, CeidSessionState state, CeidMatchResult? result, CancellationToken cancellationToken = default);

    /// <summary>Marks a session consumed.</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns><see langword="true"/> for the one caller that consumed it first.</returns>
    Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Records a callback event id.</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="keepUntil">How long to remember it.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns><see langword="true"/> the first time the event is seen.</returns>
    Task<bool> TryRecordEventAsync(string eventId, DateTimeOffset keepUntil, CancellationToken cancellationToken = default);
}
