using Kz.MicroCredit.Identity.Eds;

namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>
/// eGov mobile QR / deep-link signing: starts a session for a fresh challenge, and afterwards hands the collected
/// signature to the lender as <see cref="NcaEdsEvidence"/>, which <c>nca-eds</c> verifies exactly like a direct submission.
/// The phone's side of the protocol is served by the ASP.NET Core package's endpoints.
/// </summary>
public interface IEGovMobileSigningService
{
    /// <summary>Issues a challenge for the borrower and starts a signing session for it.</summary>
    /// <param name="iin">The borrower's declared IIN.</param>
    /// <param name="operation">The operation the signature is for.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The session: QR payload, deep links, id and expiry.</returns>
    Task<EGovMobileSigningSession> StartAsync(Iin iin, IdentificationOperation operation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Issues a challenge for the borrower and starts a signing session over it and the lender's documents: the phone
    /// gets them all (the challenge first), must answer a signature for every one, each bound to exactly the document
    /// served and verified by the <c>nca-eds</c> engine; the accepted answer is kept (<see cref="GetSignedDocumentsAsync"/>).
    /// </summary>
    /// <param name="request">The borrower, the operation and the documents.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The session: QR payload, deep links, id and expiry.</returns>
    /// <exception cref="ArgumentException">A document is empty, unnamed, not well-formed XML, too large for the answer cap, or there are too many.</exception>
    Task<EGovMobileSigningSession> StartAsync(EGovMobileSigningRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets every signed document of an <see cref="EGovMobileSessionState.Accepted"/> session (the challenge first,
    /// then the lender's documents in order), or <see langword="null"/> unless accepted.
    /// </summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The signed documents.</returns>
    Task<IReadOnlyList<EGovMobileSignedDocument>?> GetSignedDocumentsAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Gets a session's state, or <see langword="null"/> when the session is unknown.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The status.</returns>
    Task<EGovMobileSigningStatus?> GetStatusAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets the collected signature of the challenge as <c>nca-eds</c> evidence, or <see langword="null"/> unless the session is
    /// <see cref="EGovMobileSessionState.Accepted"/>. Put it into the identification request of the session's IIN and operation.
    /// </summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The evidence.</returns>
    Task<NcaEdsEvidence?> GetEvidenceAsync(string sessionId, CancellationToken cancellationToken = default);
}
