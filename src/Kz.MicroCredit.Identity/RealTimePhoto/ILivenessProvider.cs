namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>A liveness provider: creates sessions with the library's random commands and reports their result.</summary>
/// <remarks>
/// Implementations throw <see cref="LivenessProviderException"/> for faults (the method then ends Indeterminate). The
/// reference HTTP adapter is <see cref="HttpLivenessProvider"/>.
/// </remarks>
public interface ILivenessProvider
{
    /// <summary>Gets the provider name written into the evidence (e.g. <c>verigram</c>).</summary>
    string Name { get; }

    /// <summary>Creates a session.</summary>
    /// <param name="request">The session parameters.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The provider's handle.</returns>
    Task<LivenessSessionHandle> CreateSessionAsync(LivenessSessionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Polls the result of a session.</summary>
    /// <param name="providerSessionId">The provider's session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result (possibly <see cref="LivenessDecision.Pending"/>).</returns>
    Task<LivenessResult> GetResultAsync(string providerSessionId, CancellationToken cancellationToken = default);
}
