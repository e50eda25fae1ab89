using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Kz.MicroCredit.Identity.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// The <c>nca-eds</c> method: the borrower signed an issued challenge with an NCA key (CMS or XML). Verified when the
/// signature is valid, the certificate chains to a trusted NCA anchor now, is an individual's certificate whose IIN is
/// the declared IIN, the signed content is an unused challenge for this IIN and operation, the signing time is recent
/// and no certificate of the path is revoked. Another IIN or a revoked certificate is a veto.
/// </summary>
public sealed class NcaEdsMethod : IdentificationMethod
{
    private readonly NcaEdsOptions _options;
    private readonly IBorrowerChallengeService _challenges;
    private readonly ICertificateRevocationChecker _revocation;
    private readonly NcaCertificatePathValidator _paths;
    private readonly TimeStampTokenValidator _timestamps;
    private readonly IReadOnlySet<NcaKeyAlgorithm> _allowed;

    /// <summary>Initializes a new instance of the <see cref="NcaEdsMethod"/> class.</summary>
    /// <param name="options">The options.</param>
    /// <param name="challenges">The challenge service.</param>
    /// <param name="revocation">The revocation checker.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    internal NcaEdsMethod(IOptions<NcaEdsOptions> options, IBorrowerChallengeService challenges, ICertificateRevocationChecker revocation, TimeProvider timeProvider, ILogger<NcaEdsMethod>? logger = null)
        : base(timeProvider, logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(challenges);
        ArgumentNullException.ThrowIfNull(revocation);
        _options = options.Value;
        _challenges = challenges;
        _revocation = revocation;
        _paths = new NcaCertificatePathValidator(_options.ResolveTrustStore());
        _timestamps = new TimeStampTokenValidator(_paths);
        _allowed = new HashSet<NcaKeyAlgorithm>(_options.AllowedKeyAlgorithms ?? Enum.GetValues<NcaKeyAlgorithm>());
    }

    /// <inheritdoc />
    public override IdentificationMethodId Id => IdentificationMethodId.NcaEds;

    /// <summary>
    /// Gets, for a document that is not a challenge (a signing channel's lender document), the check that the signed
    /// content (CMS) or the signed element (XML) is exactly the document served; it replaces the challenge step, every
    /// other check stays. <see langword="null"/> (the default): the signed content must be an issued challenge.
    /// </summary>
    internal Func<ReadOnlyMemory<byte>, XmlElement?, bool>? SignedContentBinding { get; init; }

    /// <inheritdoc />
    protected override async Task<MethodVerdict> EvaluateCoreAsync(MethodEvaluationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        MethodVerdict verdict = await EvaluateSignatureAsync(context, cancellationToken).ConfigureAwait(false);
        if (verdict.Status != IdentificationStatus.Verified && verdict.Status != IdentificationStatus.NotApplicable)
        {
            EdsLog.NotAccepted(Logger, context.Request.CorrelationId, verdict.Status.ToString(), string.Join(",", verdict.Reasons));
        }

        return verdict;
    }

    private async Task<MethodVerdict> EvaluateSignatureAsync(MethodEvaluationContext context, CancellationToken cancellationToken)
    {
        BorrowerIdentificationRequest request = context.Request;
        NcaEdsEvidence? evidence = request.Evidence.Get<NcaEdsEvidence>();
        if (evidence is null)
        {
            return MethodVerdict.NotApplicable();
        }

        MethodEvidenceBuilder facts = context.Evidence;
        facts.Digest(NcaEdsEvidenceKeys.SignatureDigest, evidence.Signature.Span);
        facts.Set(NcaEdsEvidenceKeys.TrustStore, _paths.TrustStore.Name);
        if (evidence.Signature.Length > _options.MaxInputBytes)
        {
            return MethodVerdict.Rejected(ReasonCode.InputTooLarge);
        }

        if (!EdsInput.TryDecode(evidence.Signature, evidence.Format, _options.MaxInputBytes, out EdsSignatureFormat format, out ReadOnlyMemory<byte> payload, out ReasonCode decodeFailure))
        {
            return MethodVerdict.Rejected(decodeFailure);
        }

        DateTimeOffset now = context.TimeProvider.GetUtcNow();
        facts.Set(NcaEdsEvidenceKeys.SignatureFormat, format == EdsSignatureFormat.Cms ? "cms" : "xml");
        facts.Set(NcaEdsEvidenceKeys.ValidationTime, Iso(now));

        Signer signer;
        ChallengeReference reference;
        bool isChallenge;
        ReadOnlyMemory<byte> signedContent = default;
        XmlElement? signedElement = null;
        var remarks = new List<ReasonCode>();
        if (format == EdsSignatureFormat.Cms)
        {
            CmsVerificationResult cms = NcaCmsVerifier.Verify(payload, new CmsVerificationOptions
            {
                PathValidator = _paths,
                ValidationTime = now,
                DetachedContent = evidence.DetachedContent,
                AllowedKeyAlgorithms = _allowed,
                TimeStampValidator = _timestamps,
                MaxSigners = 4,
            });
            facts.Set(NcaEdsEvidenceKeys.SignerCount, cms.Signers.Count.ToString(CultureInfo.InvariantCulture));
            if (!cms.IsValid)
            {
                return MethodVerdict.Rejected(cms.Failure!.Value);
            }

            facts.Digest(NcaEdsEvidenceKeys.ContentDigest, cms.SignedContent.Span);
            CmsSignerResult chosen = cms.Signers.FirstOrDefault(s => NcaCertificateInfo.FromCertificate(s.Certificate!).Role == NcaSubjectRole.Individual) ?? cms.Signers[0];
            if (chosen.Warnings.Contains(ReasonCode.TimestampInvalid))
            {
                remarks.Add(ReasonCode.TimestampInvalid);
                EdsLog.TimestampIgnored(Logger, request.CorrelationId);
            }

            signer = new Signer(chosen.Certificate!, chosen.Path, chosen.KeyAlgorithm!.Value, chosen.TimestampTime ?? chosen.SigningTimeClaim, chosen.TimestampTime is not null ? "timestamp" : chosen.SigningTimeClaim is not null ? "claim" : "none");
            isChallenge = BorrowerChallenge.TryParseSignedText(cms.SignedContent.Span, out reference);
            signedContent = cms.SignedContent;
        }
        else
        {
            XmlDocument document;
            try
            {
                document = SafeXml.Load(payload.Span, _options.MaxInputBytes);
            }
            catch (EdsFormatException ex)
            {
                return MethodVerdict.Rejected(ex.Reason);
            }

            XmlSignatureVerificationResult xml = NcaXmlSignatureVerifier.Verify(document, new XmlSignatureVerificationOptions
            {
                PathValidator = _paths,
                ValidationTime = now,
                AllowedKeyAlgorithms = _allowed,
                AllowStackedSignatures = false,
                ExpectedSignedElement = evidence.ExpectedSignedElement ?? (d => d.DocumentElement),
            });
            if (!xml.IsValid)
            {
                return MethodVerdict.Rejected(xml.Failure!.Value);
            }

            XmlSignatureInfo info = xml.Signatures[0];
            facts.Set(NcaEdsEvidenceKeys.SignerCount, "1");
            facts.Digest(NcaEdsEvidenceKeys.ContentDigest, info.SignedContent.Span);
            facts.Set(NcaEdsEvidenceKeys.SignedElement, XmlSignatureCoverage.Location(info.SignedElement!));
            if (info.Warnings.Contains(ReasonCode.TimestampInvalid))
            {
                remarks.Add(ReasonCode.TimestampInvalid);
                EdsLog.TimestampIgnored(Logger, request.CorrelationId);
            }

            signer = new Signer(info.Certificate!, info.Path, info.KeyAlgorithm!.Value, info.TimestampTime ?? info.SigningTime, info.TimestampTime is not null ? "timestamp" : info.SigningTime is not null ? "claim" : "none");
            isChallenge = BorrowerChallenge.TryParseSignedXml(xml.SignedElement!, out reference);
            signedElement = xml.SignedElement;
        }

        RecordCertificate(facts, signer);

        // Identity from the validated certificate.
        NcaCertificateInfo identity = NcaCertificateInfo.FromCertificate(signer.Certificate);
        facts.Set(NcaEdsEvidenceKeys.CertificateRole, identity.Role.ToString());
        facts.Set(NcaEdsEvidenceKeys.CertificatePurpose, identity.Purpose.ToString());
        facts.Set(NcaEdsEvidenceKeys.CertificateKeyStorage, identity.KeyStorage.ToString());
        if (_options.RequireIndividual && identity.Role != NcaSubjectRole.Individual)
        {
            return MethodVerdict.Rejected(ReasonCode.NotAnIndividual);
        }

        if (identity.IdentityAmbiguous)
        {
            return MethodVerdict.Rejected(ReasonCode.CertificateIdentityAmbiguous);
        }

        if (identity.IinDigits is null)
        {
            return MethodVerdict.Rejected(ReasonCode.CertificateIinMissing);
        }

        if (!string.Equals(identity.IinDigits, request.Iin.Value, StringComparison.Ordinal))
        {
            return MethodVerdict.Veto(ReasonCode.IinMismatch);
        }

        if ((identity.Purpose & _options.AcceptedPurposes) == NcaCertificatePurpose.None)
        {
            return MethodVerdict.Rejected(ReasonCode.CertificatePurposeNotAllowed);
        }

        if (signer.SigningTime is { } signingTime)
        {
            facts.Set(NcaEdsEvidenceKeys.SigningTime, Iso(signingTime));
            if (signingTime > now + _options.ClockSkew || signingTime < now - _options.SigningTimeWindow - _options.ClockSkew)
            {
                return MethodVerdict.Rejected(ReasonCode.SigningTimeOutOfWindow);
            }
        }

        facts.Set(NcaEdsEvidenceKeys.SigningTimeSource, signer.TimeSource);

        if (SignedContentBinding is { } binding)
        {
            // A served document instead of a challenge: bound to exactly what was served.
            if (!binding(signedContent, signedElement))
            {
                return MethodVerdict.Rejected(ReasonCode.ChallengeInvalid);
            }
        }
        else
        {
            // The signed content must be an issued, unused challenge for this IIN and operation.
            if (!isChallenge)
            {
                return MethodVerdict.Rejected(ReasonCode.ChallengeInvalid);
            }

            ChallengeRedemption redemption = await _challenges.RedeemAsync(reference, request.Iin, request.Operation, cancellationToken).ConfigureAwait(false);
            facts.Set(NcaEdsEvidenceKeys.ChallengeId, reference.Id);
            facts.Set(NcaEdsEvidenceKeys.ChallengeRedemption, redemption.ToString());
            if (redemption != ChallengeRedemption.Valid)
            {
                return MethodVerdict.Rejected(ReasonCode.ChallengeInvalid);
            }
        }

        // Revocation: every certificate of the trusted path except the anchor, at the validation instant.
        MethodVerdict? revocation = await CheckRevocationAsync(signer.Path, now, facts, remarks, cancellationToken).ConfigureAwait(false);
        if (revocation is { } failed)
        {
            return failed;
        }

        EdsLog.Verified(Logger, request.CorrelationId, format == EdsSignatureFormat.Cms ? "cms" : "xml", signer.KeyAlgorithm.ToCliName(), signer.TimeSource);
        return MethodVerdict.Verified([.. remarks]);
    }

    private async Task<MethodVerdict?> CheckRevocationAsync(IReadOnlyList<X509Certificate2> path, DateTimeOffset at, MethodEvidenceBuilder facts, List<ReasonCode> remarks, CancellationToken cancellationToken)
    {
        if (_options.Revocation == NcaEdsRevocationMode.Off)
        {
            facts.Set(NcaEdsEvidenceKeys.RevocationStatus, "not-checked");
            facts.Set(NcaEdsEvidenceKeys.RevocationSource, "none");
            return null;
        }

        var sources = new List<string>();
        for (int i = 0; i + 1 < path.Count; i++)
        {
            RevocationCheckResult result = await _revocation.CheckAsync(new RevocationCheckRequest(path[i], path[i + 1], at), cancellationToken).ConfigureAwait(false);
            sources.Add(result.Source);
            foreach (KeyValuePair<string, string> fact in result.Facts)
            {
                facts.Set(string.Create(CultureInfo.InvariantCulture, $"revocation.{i}.{fact.Key}"), fact.Value);
            }

            foreach (EvidenceArtifact artifact in result.Artifacts)
            {
                facts.Artifact(artifact.Name, artifact.MediaType, artifact.Content.Span);
            }

            facts.Set(NcaEdsEvidenceKeys.RevocationSource, string.Join(",", sources));
            switch (result.Status)
            {
                case RevocationStatus.Revoked:
                    facts.Set(NcaEdsEvidenceKeys.RevocationStatus, "revoked");
                    return MethodVerdict.Veto(ReasonCode.CertificateRevoked);
                case RevocationStatus.Good:
                    continue;
                default:
                    // Unknown, or NotChecked although checking is on: not established.
                    facts.Set(NcaEdsEvidenceKeys.RevocationStatus, "unknown");
                    if (_options.Revocation == NcaEdsRevocationMode.SoftFail)
                    {
                        remarks.Add(ReasonCode.RevocationUnknown);
                        continue;
                    }

                    return result.Failure is { } reason && reason != ReasonCode.RevocationUnknown
                        ? MethodVerdict.Indeterminate(ReasonCode.RevocationUnknown, reason)
                        : MethodVerdict.Indeterminate(ReasonCode.RevocationUnknown);
            }
        }

        if (!remarks.Contains(ReasonCode.RevocationUnknown))
        {
            facts.Set(NcaEdsEvidenceKeys.RevocationStatus, "good");
        }

        return null;
    }

    private static void RecordCertificate(MethodEvidenceBuilder facts, Signer signer)
    {
        X509Certificate2 c = signer.Certificate;
        facts.Set(NcaEdsEvidenceKeys.CertificateIssuer, c.Issuer);
        facts.Set(NcaEdsEvidenceKeys.CertificateSerial, c.SerialNumber);
        facts.Set(NcaEdsEvidenceKeys.CertificateNotBefore, Iso(new DateTimeOffset(c.NotBefore.ToUniversalTime(), TimeSpan.Zero)));
        facts.Set(NcaEdsEvidenceKeys.CertificateNotAfter, Iso(new DateTimeOffset(c.NotAfter.ToUniversalTime(), TimeSpan.Zero)));
        facts.Set(NcaEdsEvidenceKeys.CertificateThumbprintSha256, NcaTrustStore.Sha256Thumbprint(c));
        facts.Set(NcaEdsEvidenceKeys.CertificateAnchor, signer.Path.Count > 0 ? signer.Path[^1].Subject : string.Empty);
        facts.Set(NcaEdsEvidenceKeys.KeyAlgorithm, signer.KeyAlgorithm.ToCliName());
    }

    private static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private sealed record Signer(X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Path, NcaKeyAlgorithm KeyAlgorithm, DateTimeOffset? SigningTime, string TimeSource);
}
