using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>An in-process <see cref="IRealTimePhotoSessionStore"/>; old entries are reclaimed a few at a time (O(1) per add).</summary>
internal sealed class InMemoryRealTimePhotoSessionStore : IRealTimePhotoSessionStore
{
    /// <summary>Sessions stay a day after expiry so that a late replay still says "replayed" rather than "unknown".</summary>
    internal static readonly TimeSpan SessionRetention = TimeSpan.FromDays(1);

    /// <summary>How long a live frame stays bound to its session.</summary>
    internal static readonly TimeSpan FrameRetention = TimeSpan.FromDays(7);

    private readonly ExpiringTable<Entry> _sessions;
    private readonly ExpiringTable<string> _frames;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="InMemoryRealTimePhotoSessionStore"/> class.</summary>
    /// <param name="timeProvider">The clock used to purge old entries.</param>
    public InMemoryRealTimePhotoSessionStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _sessions = new ExpiringTable<Entry>(timeProvider);
        _frames = new ExpiringTable<string>(timeProvider);
    }

    /// <inheritdoc />
    public Task AddAsync(RealTimePhotoSessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_sessions.TryAdd(record.SessionId, new Entry(record), record.ExpiresAt + SessionRetention))
        {
            throw new InvalidOperationException("A session with this id already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<(RealTimePhotoSessionRecord Record, bool Consumed)?> GetAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_sessions.TryGet(sessionId, out Entry? e) ? (e.Record, Volatile.Read(ref e.Consumed) != 0) : ((RealTimePhotoSessionRecord, bool)?)null);

    /// <inheritdoc />
    public Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_sessions.TryGet(sessionId, out Entry? e) && Interlocked.Exchange(ref e.Consumed, 1) == 0);

    /// <inheritdoc />
    public Task<bool> TryBindFrameAsync(string frameKey, string sessionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(frameKey);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        string bound = _frames.GetOrAdd(frameKey, () => sessionId, _time.GetUtcNow() + FrameRetention);
        return Task.FromResult(string.Equals(bound, sessionId, StringComparison.Ordinal));
    }

    private sealed class Entry(RealTimePhotoSessionRecord record)
    {
        public readonly RealTimePhotoSessionRecord Record = record;
        public int Consumed;
    }
}
