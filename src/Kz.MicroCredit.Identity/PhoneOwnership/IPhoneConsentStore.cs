using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Keeps started consents between the two requests of the consent flow. The default is in-process
/// (<see cref="InMemoryPhoneConsentStore"/>); a web farm registers a shared implementation before
/// <c>AddEGovPhoneOwnership</c>. Implementations must make <see cref="IncrementAttemptsAsync"/> atomic, so that parallel
/// redemptions of one handle cannot exceed the attempt limit.
/// </summary>
internal interface IPhoneConsentStore
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
