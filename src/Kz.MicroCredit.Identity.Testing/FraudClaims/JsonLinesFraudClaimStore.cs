using System.Text;
using Kz.MicroCredit.Identity.FraudClaims;

namespace Kz.MicroCredit.Identity.Testing.FraudClaims;

/// <summary>
/// A claim store in one JSON-lines file: one <see cref="FraudClaimEvent.ToJson"/> line per event, appended, never
/// rewritten. Optimistic concurrency is checked under a process-wide lock per file path; good for samples and small
/// back offices, not for several processes writing at once. The file holds claimants' IINs: protect it.
/// </summary>
public sealed class JsonLinesFraudClaimStore : IFraudClaimStore
{
    private static readonly Dictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly SemaphoreSlim _gate;

    /// <summary>Initializes a new instance of the <see cref="JsonLinesFraudClaimStore"/> class.</summary>
    /// <param name="path">The file; created on the first append.</param>
    public JsonLinesFraudClaimStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        lock (Locks)
        {
            if (!Locks.TryGetValue(_path, out SemaphoreSlim? gate))
            {
                Locks[_path] = gate = new SemaphoreSlim(1, 1);
            }

            _gate = gate;
        }
    }

    /// <summary>Gets the file's full path.</summary>
    public string FilePath => _path;

    /// <inheritdoc />
    public async Task<IReadOnlyList<FraudClaimEvent>> ReadAsync(string claimId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimId);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await ReadAllAsync(cancellationToken).ConfigureAwait(false))
                .Where(e => string.Equals(e.ClaimId, claimId, StringComparison.Ordinal))
                .ToArray();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task AppendAsync(string claimId, long expectedVersion, FraudClaimEvent claimEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimId);
        ArgumentNullException.ThrowIfNull(claimEvent);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long actual = (await ReadAllAsync(cancellationToken).ConfigureAwait(false)).Count(e => string.Equals(e.ClaimId, claimId, StringComparison.Ordinal));
            if (actual != expectedVersion)
            {
                throw new FraudClaimConcurrencyException(expectedVersion, actual);
            }

            await File.AppendAllTextAsync(_path, claimEvent.ToJson() + "\n", Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListClaimIdsAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (await ReadAllAsync(cancellationToken).ConfigureAwait(false)).Select(e => e.ClaimId).Distinct(StringComparer.Ordinal).ToArray();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<List<FraudClaimEvent>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var events = new List<FraudClaimEvent>();
        if (!File.Exists(_path))
        {
            return events;
        }

        foreach (string line in await File.ReadAllLinesAsync(_path, Encoding.UTF8, cancellationToken).ConfigureAwait(false))
        {
            if (line.Length > 0)
            {
                events.Add(FraudClaimEvent.FromJson(line));
            }
        }

        return events;
    }
}
