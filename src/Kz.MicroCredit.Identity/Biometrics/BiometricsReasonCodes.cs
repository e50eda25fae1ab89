namespace Kz.MicroCredit.Identity;

/// <summary>Reason codes of the KCMR CEID biometrics method (<c>kcmr-biometrics</c>).</summary>
public readonly partial struct ReasonCode
{
    /// <summary>Gets a code: the face image is empty, not a JPEG or PNG, or its header is corrupt; nothing was sent.</summary>
    public static ReasonCode BiometricImageInvalid { get; } = new(nameof(BiometricImageInvalid));

    /// <summary>Gets a code: the face image is outside the configured size or dimension limits; nothing was sent.</summary>
    public static ReasonCode BiometricImageOutOfLimits { get; } = new(nameof(BiometricImageOutOfLimits));

    /// <summary>Gets a code: the provider compared the faces and found no match.</summary>
    public static ReasonCode BiometricNoMatch { get; } = new(nameof(BiometricNoMatch));

    /// <summary>Gets a code: the provider reported a match but the similarity is below the configured threshold.</summary>
    public static ReasonCode BiometricScoreBelowThreshold { get; } = new(nameof(BiometricScoreBelowThreshold));

    /// <summary>Gets a code: the liveness check did not pass.</summary>
    public static ReasonCode BiometricLivenessFailed { get; } = new(nameof(BiometricLivenessFailed));

    /// <summary>Gets a code: the provider has no reference photo for the declared IIN.</summary>
    public static ReasonCode BiometricReferenceNotFound { get; } = new(nameof(BiometricReferenceNotFound));

    /// <summary>Gets a code: the hosted session is not known to this lender (never started here, or purged).</summary>
    public static ReasonCode BiometricSessionUnknown { get; } = new(nameof(BiometricSessionUnknown));

    /// <summary>Gets a code: the hosted session belongs to another borrower or operation.</summary>
    public static ReasonCode BiometricSessionMismatch { get; } = new(nameof(BiometricSessionMismatch));

    /// <summary>Gets a code: the hosted session expired before a result arrived.</summary>
    public static ReasonCode BiometricSessionExpired { get; } = new(nameof(BiometricSessionExpired));

    /// <summary>Gets a code: the hosted session has no result yet (the borrower has not finished).</summary>
    public static ReasonCode BiometricSessionPending { get; } = new(nameof(BiometricSessionPending));

    /// <summary>Gets a code: the provider ended the hosted session without a comparison (abandoned or failed).</summary>
    public static ReasonCode BiometricSessionFailed { get; } = new(nameof(BiometricSessionFailed));

    /// <summary>Gets a code: the hosted session's result was already used for a decision (sessions are single-use).</summary>
    public static ReasonCode BiometricSessionAlreadyUsed { get; } = new(nameof(BiometricSessionAlreadyUsed));

    /// <summary>Gets a code: CEID refused our credentials or access (HTTP 401 after one token refresh, or 403).</summary>
    public static ReasonCode CeidAccessDenied { get; } = new(nameof(CeidAccessDenied));

    /// <summary>Gets a code: CEID throttled the call (HTTP 429).</summary>
    public static ReasonCode CeidThrottled { get; } = new(nameof(CeidThrottled));

    /// <summary>Gets a code: the circuit breaker is open after repeated CEID faults; no call was made.</summary>
    public static ReasonCode CeidCircuitOpen { get; } = new(nameof(CeidCircuitOpen));

    /// <summary>Gets a code: a CEID callback's HMAC signature is missing or wrong.</summary>
    public static ReasonCode CeidCallbackSignatureInvalid { get; } = new(nameof(CeidCallbackSignatureInvalid));

    /// <summary>Gets a code: a CEID callback's timestamp is outside the accepted window (stale or from the future).</summary>
    public static ReasonCode CeidCallbackStale { get; } = new(nameof(CeidCallbackStale));
}
