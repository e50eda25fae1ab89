using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>Keeps sessions, marks them consumed (single use) and remembers which session used which live frame.</summary>
internal interface IRealTimePhotoSessionStore
{
    /// <summary>Adds a session.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task AddAsync(RealTimePhotoSessionRecord record, CancellationToken cancellationToken = default);

    /// <summary>Gets a session.</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The record and whether it is consumed, or <see langword="null"/>.</returns>
    Task<(RealTimePhotoSessionRecord Record, bool Consumed)?> GetAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Consumes a session atomically.</summary>
    /// <param name="sessionId">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether this call consumed it.</returns>
    Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Binds a live frame (by its keyed hash) to a session; a frame is used by one session only.</summary>
    /// <param name="frameKey">The frame's keyed hash.</param>
    /// <param name="sessionId">The session.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether the frame is new or already bound to this same session.</returns>
    Task<bool> TryBindFrameAsync(string frameKey, string sessionId, CancellationToken cancellationToken = default);
}
