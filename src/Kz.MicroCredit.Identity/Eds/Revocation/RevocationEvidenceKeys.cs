namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// The fact keys the revocation checker writes (docs/revocation.md); inside the <c>nca-eds</c> evidence they appear as <c>revocation.&lt;position&gt;.&lt;key&gt;</c>.
/// </summary>
/// <remarks>The keys are a persisted contract (docs/evidence-report.md, "Fact keys"): never renamed or removed within a
/// major report schema version. Constants whose name ends in <c>Digest</c> name an input digest, the others a fact.</remarks>
public static class RevocationEvidenceKeys
{
    /// <summary><c>ocsp.url</c>: the OCSP responder address that answered (a configured endpoint).</summary>
    public const string OcspUrl = "ocsp.url";

    /// <summary><c>ocsp.error</c>: why the OCSP call failed, as a short failure token (e.g. <c>timeout</c>, <c>http-503</c>).</summary>
    public const string OcspError = "ocsp.error";

    /// <summary><c>ocsp.response-status</c>: the OCSP response status code.</summary>
    public const string OcspResponseStatus = "ocsp.response-status";

    /// <summary><c>ocsp.cert-status</c>: the certificate status in the OCSP answer: <c>good</c>, <c>revoked</c> or <c>unknown</c>.</summary>
    public const string OcspCertStatus = "ocsp.cert-status";

    /// <summary><c>ocsp.produced-at</c>: when the OCSP response was produced (ISO 8601, UTC).</summary>
    public const string OcspProducedAt = "ocsp.produced-at";

    /// <summary><c>ocsp.this-update</c>: the OCSP answer's thisUpdate (ISO 8601, UTC).</summary>
    public const string OcspThisUpdate = "ocsp.this-update";

    /// <summary><c>ocsp.next-update</c>: the OCSP answer's nextUpdate (ISO 8601, UTC), when present.</summary>
    public const string OcspNextUpdate = "ocsp.next-update";

    /// <summary><c>ocsp.revoked-at</c>: the revocation time the OCSP answer gives (ISO 8601, UTC).</summary>
    public const string OcspRevokedAt = "ocsp.revoked-at";

    /// <summary><c>ocsp.cert-id-hash</c>: the hash algorithm of the OCSP certificate id.</summary>
    public const string OcspCertIdHash = "ocsp.cert-id-hash";

    /// <summary><c>ocsp.sha256</c>: the SHA-256 of the OCSP response as received.</summary>
    public const string OcspSha256 = "ocsp.sha256";

    /// <summary><c>ocsp.nonce</c>: whether the request nonce was echoed: <c>matched</c>, <c>not-echoed</c> or <c>not-sent</c>.</summary>
    public const string OcspNonce = "ocsp.nonce";

    /// <summary><c>ocsp.responder</c>: who signed the OCSP response: <c>issuer</c> or <c>delegated</c>.</summary>
    public const string OcspResponder = "ocsp.responder";

    /// <summary><c>ocsp.responder-cert-sha256</c>: the SHA-256 of the OCSP responder's certificate.</summary>
    public const string OcspResponderCertSha256 = "ocsp.responder-cert-sha256";

    /// <summary><c>crl.delta</c>: whether a delta CRL applied (<c>not-applicable</c> when none did).</summary>
    public const string CrlDelta = "crl.delta";

    /// <summary><c>crl.delta.base-number</c>: the base CRL number the applied delta CRL refers to.</summary>
    public const string CrlDeltaBaseNumber = "crl.delta.base-number";

    /// <summary><c>crl.revoked-at</c>: the revocation time the CRL gives (ISO 8601, UTC).</summary>
    public const string CrlRevokedAt = "crl.revoked-at";

    /// <summary><c>revocation.failures</c>: the sources that could not establish a status, comma-separated.</summary>
    public const string RevocationFailures = "revocation.failures";

    /// <summary><c>revocation.soft-fail</c>: <c>true</c> when the soft-fail policy let an unestablished status pass.</summary>
    public const string RevocationSoftFail = "revocation.soft-fail";

    /// <summary><c>revocation.revoked-after-instant</c>: <c>true</c> when the certificate was revoked after the instant checked.</summary>
    public const string RevocationRevokedAfterInstant = "revocation.revoked-after-instant";
}
