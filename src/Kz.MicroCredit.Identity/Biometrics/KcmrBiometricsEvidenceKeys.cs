namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// The fact keys and digest names the <c>kcmr-biometrics</c> method writes into its evidence (docs/biometrics.md).
/// </summary>
/// <remarks>The keys are a persisted contract (docs/evidence-report.md, "Fact keys"): never renamed or removed within a
/// major report schema version. Constants whose name ends in <c>Digest</c> name an input digest, the others a fact.</remarks>
public static class KcmrBiometricsEvidenceKeys
{
    /// <summary><c>flow</c>: the flow used: <c>direct</c> (photo sent by the lender) or <c>hosted</c> (CEID session).</summary>
    public const string Flow = "flow";

    /// <summary><c>request.id</c>: the id of the request sent to CEID.</summary>
    public const string RequestId = "request.id";

    /// <summary><c>session.id</c>: the CEID hosted session id.</summary>
    public const string SessionId = "session.id";

    /// <summary><c>interaction.id</c>: the CEID interaction id.</summary>
    public const string InteractionId = "interaction.id";

    /// <summary><c>provider.id</c>: the id of the biometric provider that compared the faces.</summary>
    public const string ProviderId = "provider.id";

    /// <summary><c>match.id</c>: the provider's id of the comparison.</summary>
    public const string MatchId = "match.id";

    /// <summary><c>decision</c>: the provider's decision.</summary>
    public const string Decision = "decision";

    /// <summary><c>similarity.score</c>: the similarity score the provider returned.</summary>
    public const string SimilarityScore = "similarity.score";

    /// <summary><c>similarity.threshold</c>: the threshold the score was compared with.</summary>
    public const string SimilarityThreshold = "similarity.threshold";

    /// <summary><c>liveness.passed</c>: <c>true</c> when the provider's liveness check passed.</summary>
    public const string LivenessPassed = "liveness.passed";

    /// <summary><c>reference.source</c>: where the reference photo came from.</summary>
    public const string ReferenceSource = "reference.source";

    /// <summary><c>attempt.number</c>: the number of this attempt for the borrower and operation.</summary>
    public const string AttemptNumber = "attempt.number";

    /// <summary><c>attempt.cap</c>: the configured maximum number of failed attempts.</summary>
    public const string AttemptCap = "attempt.cap";

    /// <summary><c>attempt.failed</c>: the number of failed attempts when the cap was reached.</summary>
    public const string AttemptFailed = "attempt.failed";

    /// <summary><c>image.format</c>: the face image format: <c>jpeg</c> or <c>png</c>.</summary>
    public const string ImageFormat = "image.format";

    /// <summary><c>image.size</c>: the face image dimensions, <c>WIDTHxHEIGHT</c>.</summary>
    public const string ImageSize = "image.size";

    /// <summary><c>ceid-response.sha256</c>: the SHA-256 of CEID's answer as received.</summary>
    public const string CeidResponseSha256 = "ceid-response.sha256";

    /// <summary><c>face-image</c>: digest name of the face image the lender sent.</summary>
    public const string FaceImageDigest = "face-image";
}
