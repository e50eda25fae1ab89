namespace Kz.MicroCredit.Identity;

// Reason codes of revocation checking (docs/revocation.md lists when each is returned).
public readonly partial struct ReasonCode
{
    /// <summary>Gets a code: no revocation source (OCSP responder, CRL endpoint or file) is pinned for the certificate's issuer.</summary>
    public static ReasonCode RevocationSourceNotConfigured { get; } = new(nameof(RevocationSourceNotConfigured));

    /// <summary>Gets a code: the OCSP responder could not be reached, timed out or answered with an HTTP error.</summary>
    public static ReasonCode OcspUnavailable { get; } = new(nameof(OcspUnavailable));

    /// <summary>Gets a code: the OCSP answer is not a well-formed OCSP response (garbage, truncated, empty).</summary>
    public static ReasonCode OcspMalformed { get; } = new(nameof(OcspMalformed));

    /// <summary>Gets a code: the OCSP responder answered <c>tryLater</c>.</summary>
    public static ReasonCode OcspTryLater { get; } = new(nameof(OcspTryLater));

    /// <summary>Gets a code: the OCSP responder answered an error status (malformedRequest, internalError, sigRequired, unauthorized).</summary>
    public static ReasonCode OcspErrorStatus { get; } = new(nameof(OcspErrorStatus));

    /// <summary>Gets a code: the OCSP response signature does not verify.</summary>
    public static ReasonCode OcspSignatureInvalid { get; } = new(nameof(OcspSignatureInvalid));

    /// <summary>
    /// Gets a code: the OCSP response was signed by a certificate that is neither the issuing CA nor a responder the
    /// issuing CA delegated (OCSP-signing EKU, valid at producedAt), or the signer named by ResponderID is missing.
    /// </summary>
    public static ReasonCode OcspResponderNotAuthorized { get; } = new(nameof(OcspResponderNotAuthorized));

    /// <summary>Gets a code: no single response in the OCSP answer matches the requested CertID (hash algorithm, issuer name/key hash, serial).</summary>
    public static ReasonCode OcspCertIdMismatch { get; } = new(nameof(OcspCertIdMismatch));

    /// <summary>Gets a code: the OCSP response echoed a nonce different from the one sent (or none while one is required).</summary>
    public static ReasonCode OcspNonceMismatch { get; } = new(nameof(OcspNonceMismatch));

    /// <summary>Gets a code: the OCSP answer is outside its validity window (thisUpdate in the future, nextUpdate passed).</summary>
    public static ReasonCode OcspStale { get; } = new(nameof(OcspStale));

    /// <summary>Gets a code: the OCSP responder answered <c>unknown</c> for the certificate.</summary>
    public static ReasonCode OcspStatusUnknown { get; } = new(nameof(OcspStatusUnknown));

    /// <summary>Gets a code: the CRL could not be downloaded or read.</summary>
    public static ReasonCode CrlUnavailable { get; } = new(nameof(CrlUnavailable));

    /// <summary>Gets a code: the CRL is empty, garbage, truncated or uses an unsupported critical extension.</summary>
    public static ReasonCode CrlMalformed { get; } = new(nameof(CrlMalformed));

    /// <summary>Gets a code: the CRL was not issued by the certificate's issuer or its signature does not verify.</summary>
    public static ReasonCode CrlSignatureInvalid { get; } = new(nameof(CrlSignatureInvalid));

    /// <summary>Gets a code: the CRL does not cover the instant (nextUpdate passed before it, or thisUpdate in the future); "not listed" proves nothing.</summary>
    public static ReasonCode CrlStale { get; } = new(nameof(CrlStale));

    /// <summary>Gets a code: a delta CRL was found without a verified base CRL whose number it builds on.</summary>
    public static ReasonCode CrlDeltaWithoutBase { get; } = new(nameof(CrlDeltaWithoutBase));

    /// <summary>Gets a code: the certificate expired before the CRL was issued and the CRL does not promise to keep expired entries.</summary>
    public static ReasonCode CrlDoesNotCoverExpired { get; } = new(nameof(CrlDoesNotCoverExpired));
}

// Reason codes of the time-stamp authority client.
public readonly partial struct ReasonCode
{
    /// <summary>Gets a code: the time-stamp authority could not be reached, timed out or answered with an HTTP error.</summary>
    public static ReasonCode TsaUnavailable { get; } = new(nameof(TsaUnavailable));

    /// <summary>Gets a code: the time-stamp authority rejected the request (status not granted).</summary>
    public static ReasonCode TsaRejected { get; } = new(nameof(TsaRejected));

    /// <summary>Gets a code: the time-stamp answer is malformed or does not match the request (imprint, nonce, policy).</summary>
    public static ReasonCode TsaResponseInvalid { get; } = new(nameof(TsaResponseInvalid));

    /// <summary>Gets a code: no time-stamp authority URL is pinned in the options.</summary>
    public static ReasonCode TsaNotConfigured { get; } = new(nameof(TsaNotConfigured));
}

// Reason code of the TSA policy allow-list.
public readonly partial struct ReasonCode
{
    /// <summary>Gets a code: a time-stamp token's TSA policy is not in the accepted list.</summary>
    public static ReasonCode TsaPolicyNotAccepted { get; } = new(nameof(TsaPolicyNotAccepted));
}
