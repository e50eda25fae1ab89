using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Caching.Distributed;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// A store over <see cref="IDistributedCache"/> for lenders running several instances.
/// </summary>
/// <remarks>
/// <see cref="IDistributedCache"/> has no compare-and-set, so two instances redeeming the same challenge within the
/// same few milliseconds could both see a first use. The window is small and the attacker must already hold a valid
/// signature of this borrower; a lender that needs strict single use across instances implements
/// <see cref="IChallengeStore"/> over an atomic operation of their cache (e.g. Redis <c>GETDEL</c>).
/// </remarks>
internal sealed class DistributedCacheChallengeStore : IChallengeStore
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
