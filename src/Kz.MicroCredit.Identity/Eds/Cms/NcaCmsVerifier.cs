using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;
using BcAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using BcAttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Verifies CMS / CAdES signatures (attached or detached, one or several signers) produced by Kalkan/NCALayer:
/// content-type and message-digest signed attributes, the signature over the DER signed attributes with the algorithm
/// of the signer's key (the 2018 key-OID quirk accepted), the signer identifier matched against the certificate that is
/// validated, the signingTime claim, and CAdES-T signature timestamp tokens. Certificates in the CMS are hints only.
/// </summary>
public static class NcaCmsVerifier
{
    internal const string ContentTypeOid = "1.2.840.113549.1.9.3";
    internal const string MessageDigestOid = "1.2.840.113549.1.9.4";
    internal const string SigningTimeOid = "1.2.840.113549.1.9.5";
    internal const string SignatureTimeStampOid = "1.2.840.113549.1.9.16.2.14";

    /// <summary>Verifies a DER CMS SignedData.</summary>
    /// <param name="cms">The DER bytes (use <see cref="EdsInput.TryDecode"/> for PEM/base64).</param>
    /// <param name="options">The policy.</param>
    /// <returns>The result.</returns>
    public static CmsVerificationResult Verify(ReadOnlyMemory<byte> cms, CmsVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        NcaCertificatePathValidator validator = options.PathValidator
            ?? (options.TrustStore is { } store ? new NcaCertificatePathValidator(store) : throw new ArgumentException("A trust store is required.", nameof(options)));
        DateTimeOffset at = options.ValidationTime ?? options.TimeProvider.GetUtcNow();
        CmsSignedData signedData;
        byte[] content;
        bool detached;
        List<X509Certificate2> bag;
        List<SignerInformation> signers;
        try
        {
            signedData = new CmsSignedData(cms.ToArray());
            detached = signedData.SignedContent is null;
            if (detached)
            {
                if (options.DetachedContent is not { } data)
                {
                    return CmsVerificationResult.Fail(ReasonCode.ContentMissing);
                }

                content = data.ToArray();
            }
            else
            {
                content = NcaCmsVerifier.ContentOf(signedData);
                if (options.DetachedContent is { } data && !data.Span.SequenceEqual(content))
                {
                    return CmsVerificationResult.Fail(ReasonCode.SignatureInvalid);
                }
            }

            bag = CertificateBag(signedData, validator);
            signers = signedData.GetSignerInfos().GetSigners().ToList();
        }
        catch (Exception ex) when (IsParseFault(ex))
        {
            return CmsVerificationResult.Fail(ReasonCode.MalformedSignature);
        }

        if (signers.Count == 0)
        {
            return CmsVerificationResult.Fail(ReasonCode.SignatureMissing);
        }

        if (signers.Count > options.MaxSigners)
        {
            return CmsVerificationResult.Fail(ReasonCode.InputTooLarge);
        }

        string contentType = signedData.SignedContentType.Id;
        TimeStampTokenValidator timestamps = options.TimeStampValidator ?? new TimeStampTokenValidator(validator);
        var results = new List<CmsSignerResult>(signers.Count);
        foreach (SignerInformation signer in signers)
        {
            var result = new CmsSignerResult { ValidationTime = at };
            try
            {
                result.Failure = VerifySigner(signer, content, contentType, bag, options.AllowedKeyAlgorithms, result);
                if (result.SignatureValid)
                {
                    ReadTimestamp(signer, result, timestamps);
                    CertificatePathResult path = validator.Validate(result.Certificate!, bag, at);
                    result.CertificateTrusted = path.IsValid;
                    result.Path = path.Path;
                    result.Failure ??= path.Failure;
                }
            }
            catch (Exception ex) when (IsParseFault(ex))
            {
                result.Failure = ReasonCode.MalformedSignature;
                result.SignatureValid = false;
            }

            results.Add(result);
        }

        return new CmsVerificationResult(results.FirstOrDefault(r => r.Failure is not null)?.Failure, results, content, detached);
    }

    internal static bool IsParseFault(Exception ex) =>
        ex is CmsException or IOException or ArgumentException or InvalidCastException or InvalidOperationException
            or CryptographicException or FormatException or OverflowException or GeneralSecurityException or NotSupportedException
            or IndexOutOfRangeException or NullReferenceException or Asn1Exception;

    internal static byte[] ContentOf(CmsSignedData signedData)
    {
        using var buffer = new MemoryStream();
        signedData.SignedContent!.Write(buffer);
        return buffer.ToArray();
    }

    internal static List<X509Certificate2> CertificateBag(CmsSignedData signedData, NcaCertificatePathValidator validator)
    {
        var bag = new List<X509Certificate2>();
        Asn1Set? certificates = Org.BouncyCastle.Asn1.Cms.SignedData.GetInstance(signedData.ContentInfo.Content).Certificates;
        if (certificates is null)
        {
            return bag;
        }

        foreach (Asn1Encodable entry in certificates)
        {
            if (bag.Count == 32)
            {
                break;
            }

            if (entry.ToAsn1Object() is Asn1Sequence)
            {
                bag.Add(validator.Intern(entry.GetEncoded(Asn1Encodable.Der)));
            }
        }

        return bag;
    }

    private static bool SignerIdMatches(SignerID sid, X509Certificate2 certificate)
    {
        if (sid.SerialNumber is { } serial && sid.Issuer is { } issuer)
        {
            return serial.ToByteArrayUnsigned().AsSpan().SequenceEqual(certificate.SerialNumberBytes.Span.TrimStart((byte)0))
                && issuer.GetEncoded(Asn1Encodable.Der).AsSpan().SequenceEqual(certificate.IssuerName.RawData);
        }

        if (sid.SubjectKeyIdentifier is { } ski)
        {
            string? own = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifier;
            return own is not null && string.Equals(own, Convert.ToHexString(ski), StringComparison.OrdinalIgnoreCase);
        }

        return false;
    }

    /// <summary>Checks one SignerInfo: attributes, digest, algorithm fit and signature. Fills the result.</summary>
    internal static ReasonCode? VerifySigner(SignerInformation signer, byte[] content, string contentType, List<X509Certificate2> bag, IReadOnlySet<NcaKeyAlgorithm>? allowed, CmsSignerResult result)
    {
        result.DigestAlgorithmOid = signer.DigestAlgorithmID.Algorithm.Id;
        result.SignatureAlgorithmOid = signer.SignatureAlgorithm.Algorithm.Id;
        byte[] signature = signer.GetSignature();
        result.SignatureValue = signature;

        X509Certificate2? certificate = bag.FirstOrDefault(c => SignerIdMatches(signer.SignerID, c))
            ?? bag.FirstOrDefault(c => signer.SignerID.Match(new Org.BouncyCastle.X509.X509Certificate(c.RawData)));
        if (certificate is null)
        {
            return ReasonCode.SignerCertificateMissing;
        }

        result.Certificate = certificate;
        NcaKeyAlgorithm? keyAlgorithm = EdsCrypto.KeyAlgorithmOf(certificate);
        result.KeyAlgorithm = keyAlgorithm;
        if (keyAlgorithm is null || (allowed is not null && !allowed.Contains(keyAlgorithm.Value)))
        {
            return ReasonCode.UnsupportedAlgorithm;
        }

        if (!NcaDigests.TryResolve(signer.DigestAlgorithmID.Algorithm.Id, out NcaDigestAlgorithm digestAlgorithm) || !DigestFitsKey(digestAlgorithm, keyAlgorithm.Value)
            || !NcaSignatureAlgorithms.TryResolve(signer.SignatureAlgorithm.Algorithm.Id, signer.DigestAlgorithmID.Algorithm.Id, out NcaKeyAlgorithm sigKey, out _) || sigKey != keyAlgorithm.Value)
        {
            return ReasonCode.UnsupportedAlgorithm;
        }

        BcAttributeTable? signed = signer.SignedAttributes;
        if (signed is null)
        {
            return ReasonCode.MalformedSignature;
        }

        if (Single(signed, ContentTypeOid) is not { } ct || DerObjectIdentifier.GetInstance(ct.AttrValues[0]).Id != contentType)
        {
            return ReasonCode.SignatureInvalid;
        }

        if (Single(signed, MessageDigestOid) is not { } md
            || !CryptographicOperations.FixedTimeEquals(Asn1OctetString.GetInstance(md.AttrValues[0]).GetOctets(), NcaDigests.Compute(digestAlgorithm, content)))
        {
            return ReasonCode.SignatureInvalid;
        }

        if (signed.GetAll(new DerObjectIdentifier(SigningTimeOid)).Count > 1)
        {
            return ReasonCode.MalformedSignature;
        }

        if (Single(signed, SigningTimeOid) is { } st)
        {
            result.SigningTimeClaim = new DateTimeOffset(Org.BouncyCastle.Asn1.Cms.Time.GetInstance(st.AttrValues[0]).ToDateTime().ToUniversalTime(), TimeSpan.Zero);
        }

        byte[] signedAttributes = signer.GetEncodedSignedAttributes();
        if (!EdsCrypto.VerifySignerInfo(certificate, signer.SignatureAlgorithm.Algorithm.Id, signer.DigestAlgorithmID.Algorithm.Id, signedAttributes, signature))
        {
            return ReasonCode.SignatureInvalid;
        }

        result.SignatureValid = true;
        return null;
    }

    private static bool DigestFitsKey(NcaDigestAlgorithm digest, NcaKeyAlgorithm key) => key == NcaKeyAlgorithm.Rsa
        ? digest is NcaDigestAlgorithm.Sha256 or NcaDigestAlgorithm.Sha384 or NcaDigestAlgorithm.Sha512
        : digest == NcaDigests.DigestForKey(key);

    private static BcAttribute? Single(BcAttributeTable table, string oid)
    {
        Asn1EncodableVector all = table.GetAll(new DerObjectIdentifier(oid));
        return all.Count == 1 && BcAttribute.GetInstance(all[0]) is { AttrValues.Count: 1 } a ? a : null;
    }

    private static void ReadTimestamp(SignerInformation signer, CmsSignerResult result, TimeStampTokenValidator timestamps)
    {
        BcAttributeTable? unsigned = signer.UnsignedAttributes;
        if (unsigned is null)
        {
            return;
        }

        Asn1EncodableVector tokens = unsigned.GetAll(new DerObjectIdentifier(SignatureTimeStampOid));
        if (tokens.Count == 0)
        {
            return;
        }

        BcAttribute attribute = BcAttribute.GetInstance(tokens[0]);
        TimeStampValidationResult ts = tokens.Count == 1 && attribute.AttrValues.Count == 1
            ? timestamps.Validate(attribute.AttrValues[0].ToAsn1Object().GetEncoded(Asn1Encodable.Der), result.SignatureValue.Span)
            : TimeStampValidationResult.Fail(ReasonCode.MalformedSignature);
        if (ts.IsValid)
        {
            result.TimestampTime = ts.GenTime;
        }
        else
        {
            result.Warnings = [ReasonCode.TimestampInvalid];
        }
    }
}
