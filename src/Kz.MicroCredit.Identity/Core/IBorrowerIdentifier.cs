namespace Kz.MicroCredit.Identity;

/// <summary>
/// Identifies a remote borrower. Every identification method implements it, and so does a composed policy, so that
/// methods and policies can be nested and wrapped.
/// </summary>
public interface IBorrowerIdentifier
{
    /// <summary>Identifies the borrower named in <paramref name="request"/> from the evidence they supplied.</summary>
    /// <param name="request">The declared identity, operation and evidence.</param>
    /// <param name="cancellationToken">Cancels the identification; the caller then gets <see cref="OperationCanceledException"/>.</param>
    /// <returns>The decision with reason codes, per-method outcomes and the evidence report. Faults never produce Verified.</returns>
    Task<IdentificationResult> IdentifyAsync(BorrowerIdentificationRequest request, CancellationToken cancellationToken = default);
}

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
