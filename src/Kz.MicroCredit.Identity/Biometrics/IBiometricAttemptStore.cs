using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// Counts failed biometric attempts per borrower and operation (the regulation's cap: three failed attempts are a
/// negative result). Keys are HMAC tokens of IIN and operation, never the clear IIN.
/// </summary>
public interface IBiometricAttemptStore
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
}
