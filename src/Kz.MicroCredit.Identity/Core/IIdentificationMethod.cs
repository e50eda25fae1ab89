namespace Kz.MicroCredit.Identity;

/// <summary>
/// One identification method (a strategy) as a policy sees it: a stable id and an evaluation that yields one outcome.
/// Derive from <see cref="IdentificationMethod"/> rather than implementing this directly.
/// </summary>
public interface IIdentificationMethod
{
    /// <summary>Gets the stable method id used in policies, results, reports, logs and configuration.</summary>
    IdentificationMethodId Id { get; }

    /// <summary>Evaluates the method for one request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The outcome; <see cref="IdentificationStatus.NotApplicable"/> when the request carries no evidence for this method.</returns>
    Task<MethodOutcome> EvaluateAsync(BorrowerIdentificationRequest request, CancellationToken cancellationToken = default);
}
