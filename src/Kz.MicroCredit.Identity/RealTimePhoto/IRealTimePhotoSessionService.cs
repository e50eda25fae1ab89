using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>Starts real-time two-factor photo sessions: sends the code and creates the liveness session.</summary>
public interface IRealTimePhotoSessionService
{
    /// <summary>
    /// Starts a session: checks the send limits, draws the random commands, creates the liveness session at the
    /// provider, and sends a one-time code naming the operation and amount. Then the borrower completes the liveness flow
    /// and types the code, and the backend calls <c>IdentifyAsync</c> with <see cref="RealTimePhotoEvidence"/>.
    /// </summary>
    /// <param name="request">The borrower and operation.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The session, or why it did not start.</returns>
    Task<RealTimePhotoStartResult> StartAsync(RealTimePhotoStartRequest request, CancellationToken cancellationToken = default);
}
