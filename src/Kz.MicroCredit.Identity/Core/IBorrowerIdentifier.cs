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
