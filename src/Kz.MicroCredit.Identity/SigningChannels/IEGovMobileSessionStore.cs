namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>
/// Keeps eGov mobile signing sessions. Every instance of a lender's web farm must see the same store; the claim and the
/// completion are atomic so that exactly one phone fetches the token and exactly one answer closes a session.
/// </summary>
internal interface IEGovMobileSessionStore
{
    /// <summary>Adds a new session; keep it until at least 10 minutes after <see cref="EGovMobileSession.ExpiresAt"/> (the page may read the outcome late), then it may go.</summary>
    /// <param name="session">The session.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>A task.</returns>
    Task AddAsync(EGovMobileSession session, CancellationToken cancellationToken = default);

    /// <summary>Gets a session, or <see langword="null"/> when unknown or already dropped.</summary>
    /// <param name="id">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The session.</returns>
    Task<EGovMobileSession?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Sets the token digest of a pending session that has none yet; atomic.</summary>
    /// <param name="id">The session id.</param>
    /// <param name="tokenDigest">The SHA-256 digest of the API 2 token.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether this call claimed the session (false when unknown, claimed before or not pending).</returns>
    Task<bool> TryClaimAsync(string id, byte[] tokenDigest, CancellationToken cancellationToken = default);

    /// <summary>Closes a pending session once with its outcome; atomic: of concurrent calls exactly one succeeds.</summary>
    /// <param name="id">The session id.</param>
    /// <param name="state">The final state (<see cref="EGovMobileSessionState.Accepted"/> or <see cref="EGovMobileSessionState.Rejected"/>).</param>
    /// <param name="reasons">The reason codes.</param>
    /// <param name="signature">The accepted signature, for <see cref="EGovMobileSessionState.Accepted"/>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether this call closed the session.</returns>
    Task<bool> TryCompleteAsync(string id, EGovMobileSessionState state, IReadOnlyList<string> reasons, byte[]? signature, CancellationToken cancellationToken = default);
}
