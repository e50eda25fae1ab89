using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// Counts failed biometric attempts per borrower and operation (the regulation's cap: three failed attempts are a
/// negative result). Keys are HMAC tokens of IIN and operation, never the clear IIN.
/// </summary>
internal interface IBiometricAttemptStore
{
    /// <summary>Gets the number of failed attempts still inside the window.</summary>
    /// <param name="subjectKey">The keyed token of borrower and operation.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The count.</returns>
    Task<int> GetFailedAttemptsAsync(string subjectKey, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt and returns the new count.</summary>
    /// <param name="subjectKey">The keyed token.</param>
    /// <param name="window">How long the attempt is remembered.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The count including this failure.</returns>
    Task<int> RecordFailureAsync(string subjectKey, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>Forgets the failures after a verified attempt.</summary>
    /// <param name="subjectKey">The keyed token.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task ResetAsync(string subjectKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts an attempt before the provider is asked, unless <paramref name="cap"/> attempts are already counted; the
    /// reservation is a failed attempt until it is released or confirmed as a success, so an attempt whose answer is
    /// lost (crash, store failure) stays counted. Shared stores must do the check and the count in one atomic step.
    /// </summary>
    /// <param name="subjectKey">The keyed token.</param>
    /// <param name="reservationId">A unique id of this attempt, chosen by the caller.</param>
    /// <param name="cap">The number of failed attempts that refuses further attempts.</param>
    /// <param name="window">How long the attempt is remembered.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The attempt's number (counted ones including this), or <see langword="null"/> when the cap is reached.</returns>
    /// <remarks>The default implementation (for stores written before reservations) only reads the count: such a store
    /// counts the failure when <see cref="ConfirmFailureAsync"/> is called, after the provider answered.</remarks>
    async Task<int?> TryReserveAttemptAsync(string subjectKey, string reservationId, int cap, TimeSpan window, CancellationToken cancellationToken = default)
    {
        int failures = await GetFailedAttemptsAsync(subjectKey, cancellationToken).ConfigureAwait(false);
        return failures >= cap ? null : failures + 1;
    }

    /// <summary>Confirms a reserved attempt as failed (it stays counted) and returns the number of counted attempts.</summary>
    /// <param name="subjectKey">The keyed token.</param>
    /// <param name="reservationId">The reservation's id.</param>
    /// <param name="window">How long the attempt is remembered.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The count including this failure.</returns>
    Task<int> ConfirmFailureAsync(string subjectKey, string reservationId, TimeSpan window, CancellationToken cancellationToken = default) =>
        RecordFailureAsync(subjectKey, window, cancellationToken);

    /// <summary>Gives a reserved attempt back: only when the provider certainly did not evaluate the face.</summary>
    /// <param name="subjectKey">The keyed token.</param>
    /// <param name="reservationId">The reservation's id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task ReleaseAttemptAsync(string subjectKey, string reservationId, CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>
    /// Confirms a reserved attempt as verified: drops it and, unless the other counted attempts reach
    /// <paramref name="cap"/>, forgets the failures (atomically in shared stores).
    /// </summary>
    /// <param name="subjectKey">The keyed token.</param>
    /// <param name="reservationId">The reservation's id.</param>
    /// <param name="cap">The cap of failed attempts.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns><see langword="true"/> when the failures were forgotten; <see langword="false"/> when the cap was reached meanwhile (the result must not be verified).</returns>
    async Task<bool> ConfirmSuccessAsync(string subjectKey, string reservationId, int cap, CancellationToken cancellationToken = default)
    {
        if (await GetFailedAttemptsAsync(subjectKey, cancellationToken).ConfigureAwait(false) >= cap)
        {
            return false;
        }

        await ResetAsync(subjectKey, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
