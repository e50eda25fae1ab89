using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>
/// Keeps one-time codes (hashes only) and the send-rate windows. Keys of the rate windows are HMACs, never the clear
/// phone number or IIN. Implementations must make <see cref="IncrementAttemptsAsync"/>, <see cref="TryConsumeAsync"/>
/// and <see cref="TryAcquireSendSlotAsync"/> atomic.
/// </summary>
internal interface IOtpStore
{
    /// <summary>Adds a code.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task AddAsync(OtpRecord record, CancellationToken cancellationToken = default);

    /// <summary>Gets a code and its counters.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The state, or <see langword="null"/> when unknown.</returns>
    Task<OtpState?> GetAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Counts an attempt.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The number of attempts including this one; 0 when the code is unknown.</returns>
    Task<int> IncrementAttemptsAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Marks the code consumed.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether this call consumed it (false when already consumed or unknown).</returns>
    Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Takes a slot in a sliding send window.</summary>
    /// <param name="rateKey">The window key (an HMAC).</param>
    /// <param name="now">Now.</param>
    /// <param name="window">The window length.</param>
    /// <param name="limit">Sends allowed in the window.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether a slot was taken.</returns>
    Task<bool> TryAcquireSendSlotAsync(string rateKey, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken = default);
}
