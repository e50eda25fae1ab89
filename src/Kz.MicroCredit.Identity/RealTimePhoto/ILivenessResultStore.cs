namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>
/// Keeps the newest verified liveness webhook result per provider session, so that the instance evaluating the
/// identification sees a result delivered to any instance. Final results are sticky: a later final result that
/// disagrees marks the session conflicted. <see cref="ApplyAsync"/> must be atomic (dedupe, ordering and the sticky
/// rule in one step).
/// </summary>
internal interface ILivenessResultStore
{
    /// <summary>Applies a verified webhook event: repeats are ignored, older events never overwrite newer ones, a final result is never changed.</summary>
    /// <param name="eventId">The provider's event id.</param>
    /// <param name="result">The result the event carries.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>What the event did: <see cref="LivenessWebhookOutcome.Accepted"/>, <see cref="LivenessWebhookOutcome.Duplicate"/>, <see cref="LivenessWebhookOutcome.Stale"/> or <see cref="LivenessWebhookOutcome.Conflict"/>.</returns>
    Task<LivenessWebhookOutcome> ApplyAsync(string eventId, LivenessResult result, CancellationToken cancellationToken = default);

    /// <summary>Gets the applied result of a provider session.</summary>
    /// <param name="providerSessionId">The provider's session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result (null when none arrived) and whether two final results disagreed.</returns>
    Task<LivenessResultLookup> GetAsync(string providerSessionId, CancellationToken cancellationToken = default);
}
