namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>Compares the live frame of a liveness session with a reference photo.</summary>
public interface IFaceMatchProvider
{
    /// <summary>Compares.</summary>
    /// <param name="request">What to compare.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The score; the library applies its own threshold.</returns>
    Task<FaceMatchResult> MatchAsync(FaceMatchRequest request, CancellationToken cancellationToken = default);
}
