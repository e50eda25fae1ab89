namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>The append-only store of claim events, with optimistic concurrency.</summary>
public interface IFraudClaimStore
{
    /// <summary>Reads a claim's events, oldest first; empty when the claim does not exist.</summary>
    /// <param name="claimId">The claim id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The events.</returns>
    Task<IReadOnlyList<FraudClaimEvent>> ReadAsync(string claimId, CancellationToken cancellationToken = default);

    /// <summary>Appends one event if the claim still has <paramref name="expectedVersion"/> events.</summary>
    /// <param name="claimId">The claim id.</param>
    /// <param name="expectedVersion">The number of events the writer read (0 for a new claim).</param>
    /// <param name="claimEvent">The event; its sequence is <paramref name="expectedVersion"/> + 1.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    /// <exception cref="FraudClaimConcurrencyException">The claim has another number of events.</exception>
    Task AppendAsync(string claimId, long expectedVersion, FraudClaimEvent claimEvent, CancellationToken cancellationToken = default);

    /// <summary>Lists the ids of all claims (for reports and overdue scans).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The ids.</returns>
    Task<IReadOnlyList<string>> ListClaimIdsAsync(CancellationToken cancellationToken = default);
}
