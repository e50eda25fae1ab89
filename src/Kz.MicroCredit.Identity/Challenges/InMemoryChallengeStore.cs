using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Distributed;

namespace Kz.MicroCredit.Identity;

/// <summary>An in-process store: atomic single use; expired entries are purged as new ones arrive.</summary>
public sealed class InMemoryChallengeStore : IChallengeStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="InMemoryChallengeStore"/> class.</summary>
    /// <param name="timeProvider">The clock used to purge expired entries.</param>
    public InMemoryChallengeStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <inheritdoc />
    public Task AddAsync(ChallengeRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        DateTimeOffset now = _time.GetUtcNow();
        foreach (KeyValuePair<string, Entry> pair in _entries)
        {
            // Used entries stay a while after expiry so that a late replay still says AlreadyUsed.
            if (pair.Value.Record.ExpiresAt.AddMinutes(10) < now)
            {
                _entries.TryRemove(pair);
            }
        }

        if (!_entries.TryAdd(record.Id, new Entry(record)))
        {
            throw new InvalidOperationException("A challenge with this id already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<(ChallengeRecord? Record, bool FirstUse)> ConsumeAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!_entries.TryGetValue(id, out Entry? entry))
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
