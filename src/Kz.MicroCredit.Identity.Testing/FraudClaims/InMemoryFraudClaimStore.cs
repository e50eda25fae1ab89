using Kz.MicroCredit.Identity.FraudClaims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Testing.FraudClaims;

/// <summary>An in-memory append-only claim store with optimistic concurrency.</summary>
public sealed class InMemoryFraudClaimStore : IFraudClaimStore
{
    private readonly Dictionary<string, List<FraudClaimEvent>> _claims = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Lock _lock = new();

    /// <summary>Gets the number of events stored across all claims.</summary>
    public int EventCount
    {
        get
        {
            lock (_lock)
            {
                return _claims.Values.Sum(l => l.Count);
            }
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FraudClaimEvent>> ReadAsync(string claimId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimId);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<FraudClaimEvent>>(_claims.TryGetValue(claimId, out List<FraudClaimEvent>? events) ? events.ToArray() : []);
        }
    }

    /// <inheritdoc />
    public Task AppendAsync(string claimId, long expectedVersion, FraudClaimEvent claimEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimId);
        ArgumentNullException.ThrowIfNull(claimEvent);
        lock (_lock)
        {
            _claims.TryGetValue(claimId, out List<FraudClaimEvent>? events);
            long actual = events?.Count ?? 0;
            if (actual != expectedVersion)
            {
                throw new FraudClaimConcurrencyException(expectedVersion, actual);
            }

            if (events is null)
            {
                _claims[claimId] = events = [];
                _order.Add(claimId);
            }

            events.Add(claimEvent);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListClaimIdsAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>(_order.ToArray());
        }
    }
}
