namespace Kz.MicroCredit.Identity.SigningChannels;

/// <summary>How the phone app authenticates its API 2 calls (the protocol's <c>auth_type</c> in the API 1 answer).</summary>
public enum EGovMobileAuthType
{
    /// <summary>
    /// <c>Token</c>: API 1 hands out a random bearer token once (the QR code is single use); API 2 calls carry it in
    /// <c>Authorization: Bearer</c>. The default.
    /// </summary>
    Token,

    /// <summary>
    /// <c>Eds</c>: the app proves the signer before it gets the documents: <c>POST</c> to API 2 with an XML it signed,
    /// naming this session; the signature is verified by the <c>nca-eds</c> engine (chain, revocation, the borrower's IIN).
    /// </summary>
    Eds,

    /// <summary>
    /// <c>None</c>: API 2 is not authenticated; the session id in the QR code is the only secret. Weaker: allowed only
    /// with <see cref="EGovMobileSigningOptions.AllowUnauthenticatedApi2"/>.
    /// </summary>
    None,
}
