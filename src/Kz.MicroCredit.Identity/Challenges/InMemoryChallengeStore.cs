using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Distributed;

namespace Kz.MicroCredit.Identity;

/// <summary>An in-process store: atomic single use; expired entries are reclaimed a few at a time (O(1) per add).</summary>
internal sealed class InMemoryChallengeStore : IChallengeStore
{
    /// <summary>Used entries stay a while after expiry so that a late replay still says AlreadyUsed.</summary>
    internal static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);

    private readonly ExpiringTable<Entry> _entries;

    /// <summary>Initializes a new instance of the <see cref="InMemoryChallengeStore"/> class.</summary>
    /// <param name="timeProvider">The clock used to purge expired entries.</param>
    public InMemoryChallengeStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _entries = new ExpiringTable<Entry>(timeProvider);
    }

    /// <inheritdoc />
    public Task AddAsync(ChallengeRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_entries.TryAdd(record.Id, new Entry(record), record.ExpiresAt + Retention))
        {
            throw new InvalidOperationException("A challenge with this id already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<(ChallengeRecord? Record, bool FirstUse)> ConsumeAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!_entries.TryGet(id, out Entry? entry))
        {
            return Task.FromResult<(ChallengeRecord?, bool)>((null, false));
        }

        bool first = Interlocked.Exchange(ref entry.Used, 1) == 0;
        return Task.FromResult<(ChallengeRecord?, bool)>((entry.Record, first));
    }

    private sealed class Entry(ChallengeRecord record)
    {
        public readonly ChallengeRecord Record = record;
        public int Used;
    }
}
