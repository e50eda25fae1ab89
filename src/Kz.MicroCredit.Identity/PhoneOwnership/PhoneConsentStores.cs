using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// A started КДП consent, kept from <see cref="IPhoneOwnershipConsentService.StartConsentAsync"/> until the borrower
/// enters the 1414 code. It carries personal data (IIN, phone number) and the gateway's request token: a shared
/// implementation must protect it at rest and let it expire at <see cref="ExpiresAt"/>.
/// </summary>
/// <param name="Iin">The IIN the consent was requested for.</param>
/// <param name="PhoneNumber">The number the consent was requested for.</param>
/// <param name="RequestToken">The gateway's token for the confirmation call, if it gave one.</param>
/// <param name="ExpiresAt">When the consent stops being redeemable.</param>
/// <param name="RequestMessageId">The SmartBridge message id of the consent request (for the evidence report).</param>
public sealed record PhoneConsentRecord(Iin Iin, KzPhoneNumber PhoneNumber, string? RequestToken, DateTimeOffset ExpiresAt, string RequestMessageId)
{
    /// <inheritdoc />
    public override string ToString() => $"PhoneConsentRecord {{ ExpiresAt = {ExpiresAt:o} }}";
}

/// <summary>
/// Keeps started consents between the two requests of the consent flow. The default is in-process
/// (<see cref="InMemoryPhoneConsentStore"/>); a web farm registers a shared implementation before
/// <c>AddEGovPhoneOwnership</c>. Implementations must make <see cref="IncrementAttemptsAsync"/> atomic, so that parallel
/// redemptions of one handle cannot exceed the attempt limit.
/// </summary>
public interface IPhoneConsentStore
{
    /// <summary>Stores a consent under a new unguessable handle.</summary>
    /// <param name="record">The consent.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The handle to give the borrower's client.</returns>
    Task<string> AddAsync(PhoneConsentRecord record, CancellationToken cancellationToken = default);

    /// <summary>Gets a consent.</summary>
    /// <param name="handle">The handle.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The consent, or <see langword="null"/> when unknown, removed or expired.</returns>
    Task<PhoneConsentRecord?> GetAsync(string handle, CancellationToken cancellationToken = default);

    /// <summary>Counts a redemption attempt.</summary>
    /// <param name="handle">The handle.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The number of attempts including this one; 0 when the handle is unknown.</returns>
    Task<int> IncrementAttemptsAsync(string handle, CancellationToken cancellationToken = default);

    /// <summary>Forgets a consent (redeemed, refused, or out of attempts).</summary>
    /// <param name="handle">The handle.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task RemoveAsync(string handle, CancellationToken cancellationToken = default);
}

/// <summary>An in-process <see cref="IPhoneConsentStore"/> (one instance only); expired consents are reclaimed a few at a time (O(1) per add).</summary>
public sealed class InMemoryPhoneConsentStore : IPhoneConsentStore
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
