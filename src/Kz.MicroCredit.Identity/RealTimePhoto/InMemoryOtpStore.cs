using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>An in-process <see cref="IOtpStore"/>; expired codes are purged as new ones arrive.</summary>
public sealed class InMemoryOtpStore : IOtpStore
{
    private readonly ConcurrentDictionary<string, Entry> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="InMemoryOtpStore"/> class.</summary>
    /// <param name="timeProvider">The clock used to purge.</param>
    public InMemoryOtpStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <inheritdoc />
    public Task AddAsync(OtpRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        DateTimeOffset now = _time.GetUtcNow();
        foreach (KeyValuePair<string, Entry> pair in _codes)
        {
            if (pair.Value.Record.ExpiresAt.AddHours(1) < now)
            {
                _codes.TryRemove(pair);
            }
        }

        if (!_codes.TryAdd(record.SessionId, new Entry(record)))
        {
            throw new InvalidOperationException("A code for this session already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<OtpState?> GetAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_codes.TryGetValue(sessionId, out Entry? e) ? new OtpState(e.Record, Volatile.Read(ref e.Attempts), Volatile.Read(ref e.Consumed) != 0) : (OtpState?)null);

    /// <inheritdoc />
    public Task<int> IncrementAttemptsAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_codes.TryGetValue(sessionId, out Entry? e) ? Interlocked.Increment(ref e.Attempts) : 0);

    /// <inheritdoc />
    public Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_codes.TryGetValue(sessionId, out Entry? e) && Interlocked.Exchange(ref e.Consumed, 1) == 0);

    /// <inheritdoc />
    public Task<bool> TryAcquireSendSlotAsync(string rateKey, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken = default)
    {
        Queue<DateTimeOffset> q = _windows.GetOrAdd(rateKey, _ => new Queue<DateTimeOffset>());
        lock (q)
        {
            while (q.Count > 0 && q.Peek() <= now - window)
            {
                q.Dequeue();
            }

            if (q.Count >= limit)
            {
                return Task.FromResult(false);
            }

            q.Enqueue(now);
            return Task.FromResult(true);
        }
    }

    private sealed class Entry(OtpRecord record)
    {
        public readonly OtpRecord Record = record;
        public int Attempts;
        public int Consumed;
    }
}
