using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Cms;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Validates an RFC 3161 timestamp token (a CMS SignedData over TSTInfo): the token's signer (signed attributes,
/// signature with the NCA algorithms), the TSA certificate's path to a trusted anchor at the token's time with the
/// timeStamping EKU, and the message imprint over the given data (for CAdES-T: the SignerInfo signature value).
/// Reusable (the revocation checkers use it for TSP answers). Thread-safe.
/// </summary>
public sealed class TimeStampTokenValidator
{
    private const string TstInfoOid = "1.2.840.113549.1.9.16.1.4";
    private readonly NcaCertificatePathValidator _paths;

    /// <summary>Initializes a new instance of the <see cref="TimeStampTokenValidator"/> class.</summary>
    /// <param name="trustStore">The anchors the TSA certificate must chain to.</param>
    public TimeStampTokenValidator(NcaTrustStore trustStore)
        : this(new NcaCertificatePathValidator(trustStore))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TimeStampTokenValidator"/> class.</summary>
    /// <param name="pathValidator">A shared path validator.</param>
    public TimeStampTokenValidator(NcaCertificatePathValidator pathValidator)
    {
        ArgumentNullException.ThrowIfNull(pathValidator);
        _paths = pathValidator;
    }

    /// <summary>Validates a token.</summary>
    /// <param name="token">The DER timestamp token (ContentInfo).</param>
    /// <param name="imprintedData">The data whose digest the token must carry.</param>
    /// <returns>The result; never throws for bad input.</returns>
    public TimeStampValidationResult Validate(ReadOnlySpan<byte> token, ReadOnlySpan<byte> imprintedData)
    {
        try
        {
            CmsSignedMessage message = CmsSignedMessage.Parse(token.ToArray());
            if (message.ContentType != TstInfoOid || message.Content is not { } content)
            {
                return TimeStampValidationResult.Fail(ReasonCode.MalformedSignature);
            }

            TstInfo info = TstInfo.GetInstance(Asn1Object.FromByteArray(content));
            List<CmsSignerInfoData> signers = message.Signers;
            if (signers.Count != 1)
            {
                return TimeStampValidationResult.Fail(ReasonCode.MalformedSignature);
            }

            var genTime = new DateTimeOffset(info.GenTime.ToDateTime().ToUniversalTime(), TimeSpan.Zero);
            string imprintAlgorithm = info.MessageImprint.HashAlgorithm.Algorithm.Id;
            byte[]? expected = EdsCrypto.Digest(imprintAlgorithm, imprintedData, allowSha1: true);
            if (expected is null)
            {
                return TimeStampValidationResult.Fail(ReasonCode.UnsupportedAlgorithm);
            }

            if (!CryptographicOperations.FixedTimeEquals(expected, info.MessageImprint.GetHashedMessage()))
            {
                return TimeStampValidationResult.Fail(ReasonCode.SignatureInvalid);
            }

            List<X509Certificate2> bag = NcaCmsVerifier.CertificateBag(message, _paths);
            var signer = new CmsSignerResult();
            ReasonCode? failure = NcaCmsVerifier.VerifySigner(signers[0], content, TstInfoOid, bag, null, signer);
            if (failure is not null)
            {
                return TimeStampValidationResult.Fail(failure.Value);
            }

            CertificatePathResult path = _paths.Validate(signer.Certificate!, bag, genTime, NcaCertificateUsage.TimeStamping);
            return path.IsValid
                ? new TimeStampValidationResult(null, genTime, signer.Certificate, path.Path, info.Policy?.Id, imprintAlgorithm)
                : TimeStampValidationResult.Fail(path.Failure!.Value);
        }
        catch (Exception ex) when (NcaCmsVerifier.IsParseFault(ex))
        {
            return TimeStampValidationResult.Fail(ReasonCode.MalformedSignature);
        }
    }
}
