using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>An in-process <see cref="IPhoneConsentStore"/> (one instance only); expired consents are purged as new ones arrive.</summary>
public sealed class InMemoryPhoneConsentStore : IPhoneConsentStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="InMemoryPhoneConsentStore"/> class.</summary>
    /// <param name="timeProvider">The clock used for expiry.</param>
    public InMemoryPhoneConsentStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <inheritdoc />
    public Task<string> AddAsync(PhoneConsentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        DateTimeOffset now = _time.GetUtcNow();
        foreach (KeyValuePair<string, Entry> pair in _entries)
        {
            if (pair.Value.Record.ExpiresAt <= now)
            {
                _entries.TryRemove(pair.Key, out _);
            }
        }

        // 128 random bits: the handle is the only thing that ties the code entry to the consent.
        string handle = "pc_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _entries[handle] = new Entry(record);
        return Task.FromResult(handle);
    }

    /// <inheritdoc />
    public Task<PhoneConsentRecord?> GetAsync(string handle, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.TryGetValue(handle, out Entry? entry) && entry.Record.ExpiresAt > _time.GetUtcNow() ? entry.Record : null);

    /// <inheritdoc />
    public Task<int> IncrementAttemptsAsync(string handle, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.TryGetValue(handle, out Entry? entry) ? Interlocked.Increment(ref entry.Attempts) : 0);

    /// <inheritdoc />
    public Task RemoveAsync(string handle, CancellationToken cancellationToken = default)
    {
        _entries.TryRemove(handle, out _);
        return Task.CompletedTask;
    }

    private sealed class Entry(PhoneConsentRecord record)
    {
        public int Attempts;

        public PhoneConsentRecord Record { get; } = record;
    }
}
