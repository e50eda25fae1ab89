namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// The fact keys and digest names the <c>nca-eds</c> method writes into its evidence (docs/eds.md).
/// </summary>
/// <remarks>The keys are a persisted contract (docs/evidence-report.md, "Fact keys"): never renamed or removed within a
/// major report schema version. Constants whose name ends in <c>Digest</c> name an input digest, the others a fact.</remarks>
public static class NcaEdsEvidenceKeys
{
    /// <summary><c>signature.format</c>: the signature format, <c>cms</c> or <c>xml</c>.</summary>
    public const string SignatureFormat = "signature.format";

    /// <summary><c>signer.count</c>: the number of signers found in the signature.</summary>
    public const string SignerCount = "signer.count";

    /// <summary><c>validation.time</c>: the instant the signature was validated at (ISO 8601, UTC).</summary>
    public const string ValidationTime = "validation.time";

    /// <summary><c>trust.store</c>: the name of the trust store the chain was built against.</summary>
    public const string TrustStore = "trust.store";

    /// <summary><c>certificate.issuer</c>: the signer certificate's issuer name.</summary>
    public const string CertificateIssuer = "certificate.issuer";

    /// <summary><c>certificate.serial</c>: the signer certificate's serial number.</summary>
    public const string CertificateSerial = "certificate.serial";

    /// <summary><c>certificate.not-before</c>: the start of the signer certificate's validity (ISO 8601, UTC).</summary>
    public const string CertificateNotBefore = "certificate.not-before";

    /// <summary><c>certificate.not-after</c>: the end of the signer certificate's validity (ISO 8601, UTC).</summary>
    public const string CertificateNotAfter = "certificate.not-after";

    /// <summary><c>certificate.thumbprint-sha256</c>: the SHA-256 thumbprint of the signer certificate.</summary>
    public const string CertificateThumbprintSha256 = "certificate.thumbprint-sha256";

    /// <summary><c>certificate.anchor</c>: the subject of the trust anchor the chain ends at.</summary>
    public const string CertificateAnchor = "certificate.anchor";

    /// <summary><c>certificate.role</c>: the subject role the certificate was issued for (individual, legal entity role).</summary>
    public const string CertificateRole = "certificate.role";

    /// <summary><c>certificate.purpose</c>: the certificate's purpose (signing or authentication).</summary>
    public const string CertificatePurpose = "certificate.purpose";

    /// <summary><c>certificate.key-storage</c>: where the signer's key is kept (file, token, cloud).</summary>
    public const string CertificateKeyStorage = "certificate.key-storage";

    /// <summary><c>key.algorithm</c>: the signer's key algorithm.</summary>
    public const string KeyAlgorithm = "key.algorithm";

    /// <summary><c>signing-time</c>: the signing time the decision used (ISO 8601, UTC).</summary>
    public const string SigningTime = "signing-time";

    /// <summary><c>signing-time.source</c>: where the signing time came from (time-stamp token, signed attribute or validation time).</summary>
    public const string SigningTimeSource = "signing-time.source";

    /// <summary><c>signed-element</c>: where the element an XML signature covers is in the document.</summary>
    public const string SignedElement = "signed-element";

    /// <summary><c>challenge.id</c>: the id of the challenge the signed content carried.</summary>
    public const string ChallengeId = "challenge.id";

    /// <summary><c>challenge.redemption</c>: the outcome of redeeming that challenge.</summary>
    public const string ChallengeRedemption = "challenge.redemption";

    /// <summary><c>revocation.status</c>: the revocation status: <c>good</c>, <c>revoked</c>, <c>unknown</c> or <c>not-checked</c>.</summary>
    public const string RevocationStatus = "revocation.status";

    /// <summary><c>revocation.source</c>: the revocation sources consulted, comma-separated (<c>none</c> when not checked).</summary>
    public const string RevocationSource = "revocation.source";

    /// <summary><c>signature</c>: digest name of the signature as received.</summary>
    public const string SignatureDigest = "signature";

    /// <summary><c>content</c>: digest name of the signed content.</summary>
    public const string ContentDigest = "content";
}
