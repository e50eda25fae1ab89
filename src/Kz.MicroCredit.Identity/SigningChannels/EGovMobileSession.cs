namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>
/// The stored state of one eGov mobile signing session, as an <see cref="IEGovMobileSessionStore"/> keeps it. It holds
/// the borrower's IIN and the challenge nonce (needed to bind the phone's answer), so a store must keep it as
/// confidential as the challenge store and drop it at <see cref="ExpiresAt"/>; the API 2 token is kept only as a digest.
/// </summary>
internal sealed record EGovMobileSession
{
    /// <summary>Gets the random session id (URL-safe).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the borrower's IIN the session was started for (12 digits).</summary>
    public required string IinDigits { get; init; }

    /// <summary>Gets the operation the challenge was issued for.</summary>
    public required IdentificationOperation Operation { get; init; }

    /// <summary>Gets the challenge id.</summary>
    public required string ChallengeId { get; init; }

    /// <summary>Gets the challenge nonce.</summary>
    public required string ChallengeNonce { get; init; }

    /// <summary>Gets when the challenge was issued.</summary>
    public required DateTimeOffset ChallengeIssuedAt { get; init; }

    /// <summary>Gets when the challenge expires.</summary>
    public required DateTimeOffset ChallengeExpiresAt { get; init; }

    /// <summary>Gets the sign method the phone is asked for.</summary>
    public required EGovMobileSignMethod SignMethod { get; init; }

    /// <summary>Gets how the phone authenticates its API 2 calls.</summary>
    public EGovMobileAuthType AuthType { get; init; } = EGovMobileAuthType.Token;

    /// <summary>Gets the lender's documents served after the challenge (ids 2, 3, …); empty for a challenge-only session.</summary>
    public IReadOnlyList<EGovMobileDocument> Documents { get; init; } = [];

    /// <summary>Gets when the session was started.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the session (its QR code and deep links) expires.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets the SHA-256 digest of the API 2 token (of a random value for Eds and None), once the phone has fetched API 1 (the QR is single use).</summary>
    public byte[]? TokenDigest { get; init; }

    /// <summary>Gets the state (never <see cref="EGovMobileSessionState.Expired"/> in the store: expiry is computed).</summary>
    public EGovMobileSessionState State { get; init; } = EGovMobileSessionState.Pending;

    /// <summary>Gets the reason codes of the engine's verdict, once answered.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>
    /// Gets the accepted answer, once <see cref="EGovMobileSessionState.Accepted"/>: the signature (CMS DER or signed XML
    /// UTF-8) of a challenge-only session, or every document's signature in one opaque block for a session with
    /// <see cref="Documents"/>. A store keeps it as it is.
    /// </summary>
    public byte[]? Signature { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"EGovMobileSession {{ State = {State}, SignMethod = {SignMethod}, AuthType = {AuthType}, Documents = {Documents.Count}, ExpiresAt = {ExpiresAt:O} }}";
}
