using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>An in-process <see cref="IPhoneConsentStore"/> (one instance only); expired consents are reclaimed a few at a time (O(1) per add).</summary>
internal sealed class InMemoryPhoneConsentStore : IPhoneConsentStore
{
    private readonly ExpiringTable<Entry> _entries;

    /// <summary>Initializes a new instance of the <see cref="InMemoryPhoneConsentStore"/> class.</summary>
    /// <param name="timeProvider">The clock used for expiry.</param>
    public InMemoryPhoneConsentStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _entries = new ExpiringTable<Entry>(timeProvider);
    }

    /// <inheritdoc />
    public Task<string> AddAsync(PhoneConsentRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        while (true)
        {
            // 128 random bits: the handle is the only thing that ties the code entry to the consent.
            string handle = NewHandle();
            if (_entries.TryAdd(handle, new Entry(record), record.ExpiresAt))
            {
                return Task.FromResult(handle);
            }
        }
    }

    /// <inheritdoc />
    public Task<PhoneConsentRecord?> GetAsync(string handle, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.TryGet(handle, out Entry? entry) ? entry.Record : null);

    /// <inheritdoc />
    public Task<int> IncrementAttemptsAsync(string handle, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.TryGet(handle, out Entry? entry) ? Interlocked.Increment(ref entry.Attempts) : 0);

    /// <inheritdoc />
    public Task RemoveAsync(string handle, CancellationToken cancellationToken = default)
    {
        _entries.TryRemove(handle);
        return Task.CompletedTask;
    }

    /// <summary>A new unguessable handle (128 random bits, hex, prefixed).</summary>
    /// <returns>The handle.</returns>
    internal static string NewHandle() => "pc_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private sealed class Entry(PhoneConsentRecord record)
    {
        public int Attempts;

        public PhoneConsentRecord Record { get; } = record;
    }
}
