using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>An in-process <see cref="IRealTimePhotoSessionStore"/>.</summary>
public sealed class InMemoryRealTimePhotoSessionStore : IRealTimePhotoSessionStore
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string SessionId, DateTimeOffset At)> _frames = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="InMemoryRealTimePhotoSessionStore"/> class.</summary>
    /// <param name="timeProvider">The clock used to purge old entries.</param>
    public InMemoryRealTimePhotoSessionStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <inheritdoc />
    public Task AddAsync(RealTimePhotoSessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        DateTimeOffset now = _time.GetUtcNow();
        foreach (KeyValuePair<string, Entry> pair in _sessions)
        {
            // Kept a day after expiry so that a late replay still says "replayed" rather than "unknown".
            if (pair.Value.Record.ExpiresAt.AddDays(1) < now)
            {
                _sessions.TryRemove(pair);
            }
        }

        foreach (KeyValuePair<string, (string, DateTimeOffset At)> pair in _frames)
        {
            if (pair.Value.At.AddDays(7) < now)
            {
                _frames.TryRemove(pair);
            }
        }

        if (!_sessions.TryAdd(record.SessionId, new Entry(record)))
        {
            throw new InvalidOperationException("A session with this id already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<(RealTimePhotoSessionRecord Record, bool Consumed)?> GetAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_sessions.TryGetValue(sessionId, out Entry? e) ? (e.Record, Volatile.Read(ref e.Consumed) != 0) : ((RealTimePhotoSessionRecord, bool)?)null);

    /// <inheritdoc />
    public Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_sessions.TryGetValue(sessionId, out Entry? e) && Interlocked.Exchange(ref e.Consumed, 1) == 0);

    /// <inheritdoc />
    public Task<bool> TryBindFrameAsync(string frameKey, string sessionId, CancellationToken cancellationToken = default)
    {
        (string SessionId, DateTimeOffset) bound = _frames.GetOrAdd(frameKey, (sessionId, _time.GetUtcNow()));
        return Task.FromResult(string.Equals(bound.SessionId, sessionId, StringComparison.Ordinal));
    }

    private sealed class Entry(RealTimePhotoSessionRecord record)
    {
        public readonly RealTimePhotoSessionRecord Record = record;
        public int Consumed;
    }
}
