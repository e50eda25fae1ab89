using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>An in-process <see cref="IOtpStore"/>; expired codes and windows are reclaimed a few at a time (O(1) per add).</summary>
internal sealed class InMemoryOtpStore : IOtpStore
{
    /// <summary>Codes stay an hour after expiry so that a late replay still says AlreadyUsed or Expired.</summary>
    internal static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly ExpiringTable<Entry> _codes;
    private readonly ExpiringTable<Queue<DateTimeOffset>> _windows;

    /// <summary>Initializes a new instance of the <see cref="InMemoryOtpStore"/> class.</summary>
    /// <param name="timeProvider">The clock used to purge.</param>
    public InMemoryOtpStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _codes = new ExpiringTable<Entry>(timeProvider);
        _windows = new ExpiringTable<Queue<DateTimeOffset>>(timeProvider);
    }

    /// <inheritdoc />
    public Task AddAsync(OtpRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_codes.TryAdd(record.SessionId, new Entry(record), record.ExpiresAt + Retention))
        {
            throw new InvalidOperationException("A code for this session already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<OtpState?> GetAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_codes.TryGet(sessionId, out Entry? e) ? new OtpState(e.Record, Volatile.Read(ref e.Attempts), Volatile.Read(ref e.Consumed) != 0) : (OtpState?)null);

    /// <inheritdoc />
    public Task<int> IncrementAttemptsAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_codes.TryGet(sessionId, out Entry? e) ? Interlocked.Increment(ref e.Attempts) : 0);

    /// <inheritdoc />
    public Task<bool> TryConsumeAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_codes.TryGet(sessionId, out Entry? e) && Interlocked.Exchange(ref e.Consumed, 1) == 0);

    /// <inheritdoc />
    public Task<bool> TryAcquireSendSlotAsync(string rateKey, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(rateKey);
        Queue<DateTimeOffset> q = _windows.GetOrAdd(rateKey, static () => new Queue<DateTimeOffset>(), now + window);
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

            // The window lives as long as its newest send matters.
            _windows.Extend(rateKey, now + window);
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
