using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Distributed;

namespace Kz.MicroCredit.Identity;

/// <summary>What a challenge store keeps: digests, never the clear IIN or nonce.</summary>
/// <param name="Id">The challenge id.</param>
/// <param name="NonceDigest">SHA-256 of the nonce.</param>
/// <param name="SubjectDigest">SHA-256 of id and IIN.</param>
/// <param name="Operation">The operation.</param>
/// <param name="ExpiresAt">The expiry.</param>
public sealed record ChallengeRecord(string Id, byte[] NonceDigest, byte[] SubjectDigest, IdentificationOperation Operation, DateTimeOffset ExpiresAt);

/// <summary>Keeps issued challenges and marks them used.</summary>
public interface IChallengeStore
{
    /// <summary>Adds a challenge.</summary>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task AddAsync(ChallengeRecord record, CancellationToken cancellationToken = default);

    /// <summary>Marks a challenge used and returns it with whether this was its first use.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The record (null when unknown) and whether this call was the first to consume it.</returns>
    Task<(ChallengeRecord? Record, bool FirstUse)> ConsumeAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>An in-process store: atomic single use; expired entries are reclaimed a few at a time (O(1) per add).</summary>
public sealed class InMemoryChallengeStore : IChallengeStore
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

/// <summary>
/// A store over <see cref="IDistributedCache"/> for lenders running several instances.
/// </summary>
/// <remarks>
/// <see cref="IDistributedCache"/> has no compare-and-set, so two instances redeeming the same challenge within the
/// same few milliseconds could both see a first use. The window is small and the attacker must already hold a valid
/// signature of this borrower; a lender that needs strict single use across instances implements
/// <see cref="IChallengeStore"/> over an atomic operation of their cache (e.g. Redis <c>GETDEL</c>).
/// </remarks>
public sealed class DistributedCacheChallengeStore : IChallengeStore
{
    private const string Prefix = "kzid:challenge:";
    private readonly IDistributedCache _cache;

    /// <summary>Initializes a new instance of the <see cref="DistributedCacheChallengeStore"/> class.</summary>
    /// <param name="cache">The cache.</param>
    public DistributedCacheChallengeStore(IDistributedCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
    }

    /// <inheritdoc />
    public async Task AddAsync(ChallengeRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(StoredChallenge.From(record), ChallengeJsonContext.Default.StoredChallenge);
        var entry = new DistributedCacheEntryOptions { AbsoluteExpiration = record.ExpiresAt.AddMinutes(10) };
        await _cache.SetAsync(Prefix + record.Id, json, entry, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<(ChallengeRecord? Record, bool FirstUse)> ConsumeAsync(string id, CancellationToken cancellationToken = default)
    {
        byte[]? json = await _cache.GetAsync(Prefix + id, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return (null, false);
        }

        StoredChallenge? stored;
        try
        {
            stored = JsonSerializer.Deserialize(json, ChallengeJsonContext.Default.StoredChallenge);
        }
        catch (JsonException)
        {
            return (null, false);
        }

        if (stored is null)
        {
            return (null, false);
        }

        if (stored.Used)
        {
            return (stored.ToRecord(), false);
        }

        stored.Used = true;
        var entry = new DistributedCacheEntryOptions { AbsoluteExpiration = stored.ExpiresAt.AddMinutes(10) };
        await _cache.SetAsync(Prefix + id, JsonSerializer.SerializeToUtf8Bytes(stored, ChallengeJsonContext.Default.StoredChallenge), entry, cancellationToken).ConfigureAwait(false);
        return (stored.ToRecord(), true);
    }

    internal sealed class StoredChallenge
    {
        public required string Id { get; set; }

        public required byte[] NonceDigest { get; set; }

        public required byte[] SubjectDigest { get; set; }

        public IdentificationOperation Operation { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public bool Used { get; set; }

        public static StoredChallenge From(ChallengeRecord r) => new()
        {
            Id = r.Id,
            NonceDigest = r.NonceDigest,
            SubjectDigest = r.SubjectDigest,
            Operation = r.Operation,
            ExpiresAt = r.ExpiresAt,
        };

        public ChallengeRecord ToRecord() => new(Id, NonceDigest, SubjectDigest, Operation, ExpiresAt);
    }
}

[JsonSerializable(typeof(DistributedCacheChallengeStore.StoredChallenge))]
internal sealed partial class ChallengeJsonContext : JsonSerializerContext;
