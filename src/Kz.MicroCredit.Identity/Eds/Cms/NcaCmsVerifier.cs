using System.Formats.Asn1;
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

    // Parsed once: building a DerObjectIdentifier from its dotted string validates and encodes it on every call.
    private static readonly DerObjectIdentifier SignatureTimeStampAttribute = new(SignatureTimeStampOid);

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
        CmsSignedMessage message;
        byte[] content;
        bool detached;
        List<X509Certificate2> bag;
        try
        {
            message = CmsSignedMessage.Parse(cms);
            detached = message.Content is null;
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
                content = message.Content!;
                if (options.DetachedContent is { } data && !data.Span.SequenceEqual(content))
                {
                    return CmsVerificationResult.Fail(ReasonCode.SignatureInvalid);
                }
            }

            bag = CertificateBag(message, validator);
        }
        catch (Exception ex) when (IsParseFault(ex))
        {
            return CmsVerificationResult.Fail(ReasonCode.MalformedSignature);
        }

        List<CmsSignerInfoData> signers = message.Signers;
        if (signers.Count == 0)
        {
            return CmsVerificationResult.Fail(ReasonCode.SignatureMissing);
        }

        if (signers.Count > options.MaxSigners)
        {
            return CmsVerificationResult.Fail(ReasonCode.InputTooLarge);
        }

        TimeStampTokenValidator? timestamps = options.TimeStampValidator;
        var results = new List<CmsSignerResult>(signers.Count);
        bool unreachableSeen = false;
        foreach (CmsSignerInfoData signer in signers)
        {
            var result = new CmsSignerResult { ValidationTime = at };
            try
            {
                // Bounded work: once one signer cannot reach a trust anchor even by names, further such signers are
                // refused without a public-key operation each (the input is refused anyway).
                if (FindSignerCertificate(signer, bag) is { } candidate && !AnchorReachability.MayReachAnchor(validator.TrustStore, candidate, bag))
                {
                    if (unreachableSeen)
                    {
                        result.Certificate = candidate;
                        result.Failure = ReasonCode.CertificateUntrusted;
                        results.Add(result);
                        continue;
                    }

                    unreachableSeen = true;
                }

                result.Failure = VerifySigner(signer, content, message.ContentType, bag, options.AllowedKeyAlgorithms, result);
                if (result.SignatureValid)
                {
                    ReadTimestamp(signer, result, ref timestamps, validator);
                    CertificatePathResult path = validator.Validate(result.Certificate!, bag, at);
                    result.CertificateTrusted = path.IsValid;
                    result.Path = path.Path;
                    result.Failure ??= path.Failure;
                    if (result.Failure is null && result.SigningTimeClaim is { } claimed && !SigningTimeValidity.IsWithin(result.Certificate!, claimed))
                    {
                        result.Failure = ReasonCode.SigningTimeOutsideCertificateValidity;
                    }
                }
            }
            catch (Exception ex) when (IsParseFault(ex))
            {
                result.Failure = ReasonCode.MalformedSignature;
                result.SignatureValid = false;
            }

            results.Add(result);
        }

        ReasonCode? failure = null;
        foreach (CmsSignerResult r in results)
        {
            if (r.Failure is not null)
            {
                failure = r.Failure;
                break;
            }
        }

        return new CmsVerificationResult(failure, results, content, detached);
    }

    internal static bool IsParseFault(Exception ex) =>
        ex is CmsException or CmsFormatException or AsnContentException or IOException or ArgumentException or InvalidCastException
            or InvalidOperationException or CryptographicException or FormatException or OverflowException or GeneralSecurityException
            or NotSupportedException or IndexOutOfRangeException or NullReferenceException or Asn1Exception;

    /// <summary>The first 32 certificates of the bag, one shared instance per distinct encoding (see <see cref="NcaCertificatePathValidator.Intern"/>).</summary>
    internal static List<X509Certificate2> CertificateBag(CmsSignedMessage message, NcaCertificatePathValidator validator)
    {
        var bag = new List<X509Certificate2>(Math.Min(message.Certificates.Count, 32));
        foreach (ReadOnlyMemory<byte> entry in message.Certificates)
        {
            if (bag.Count == 32)
            {
                break;
            }

            bag.Add(validator.InternReceived(entry, DerCertificateOf));
        }

        return bag;
    }

    /// <summary>
    /// A bag entry as DER: the received bytes when they already are strict DER (every real encoder's output), else
    /// BouncyCastle's DER re-encoding, as before — so the certificate identity never depends on the parse path.
    /// </summary>
    private static readonly Func<ReadOnlyMemory<byte>, byte[]> DerCertificateOf = DerCertificate;

    private static byte[] DerCertificate(ReadOnlyMemory<byte> entry) =>
        BerWellFormedness.IsStrictDer(entry.Span) ? entry.ToArray() : Asn1Object.FromByteArray(entry.ToArray()).GetEncoded(Asn1Encodable.Der);

    private static X509Certificate2? FindSignerCertificate(CmsSignerInfoData signer, List<X509Certificate2> bag)
    {
        if (signer.Issuer is { } issuer)
        {
            // Byte-equal issuer and serial: the common case, prepared once per signer rather than per bag entry.
            ReadOnlySpan<byte> serial = signer.SerialNumber!.Value.Span.TrimStart((byte)0);
            foreach (X509Certificate2 candidate in bag)
            {
                if (serial.SequenceEqual(candidate.SerialNumberBytes.Span.TrimStart((byte)0)) && issuer.Span.SequenceEqual(candidate.IssuerName.RawData))
                {
                    return candidate;
                }
            }
        }

        // Otherwise (and always for a subject-key-identifier signer, as before) BouncyCastle's matching decides:
        // issuer names compared as names, serials as numbers, key identifiers against the extension.
        SignerID sid = BouncyCastleSignerId(signer);
        foreach (X509Certificate2 candidate in bag)
        {
            if (sid.Match(new Org.BouncyCastle.X509.X509Certificate(candidate.RawData)))
            {
                return candidate;
            }
        }

        return null;
    }

    private static SignerID BouncyCastleSignerId(CmsSignerInfoData signer)
    {
        var sid = new SignerID();
        if (signer.Issuer is { } issuer)
        {
            sid.Issuer = Org.BouncyCastle.Asn1.X509.X509Name.GetInstance(Asn1Object.FromByteArray(issuer.ToArray()));
            sid.SerialNumber = new Org.BouncyCastle.Math.BigInteger(signer.SerialNumber!.Value.ToArray());
        }
        else
        {
            sid.SubjectKeyIdentifier = new DerOctetString(signer.SubjectKeyIdentifier!.Value.ToArray()).GetEncoded(Asn1Encodable.Der);
        }

        return sid;
    }

    /// <summary>Checks one SignerInfo: attributes, digest, algorithm fit and signature. Fills the result.</summary>
    internal static ReasonCode? VerifySigner(CmsSignerInfoData signer, byte[] content, string contentType, List<X509Certificate2> bag, IReadOnlySet<NcaKeyAlgorithm>? allowed, CmsSignerResult result)
    {
        result.DigestAlgorithmOid = signer.DigestAlgorithmOid;
        result.SignatureAlgorithmOid = signer.SignatureAlgorithmOid;
        byte[] signature = signer.Signature;
        result.SignatureValue = signature;

        X509Certificate2? certificate = FindSignerCertificate(signer, bag);
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

        if (!NcaDigests.TryResolve(signer.DigestAlgorithmOid, out NcaDigestAlgorithm digestAlgorithm) || !DigestFitsKey(digestAlgorithm, keyAlgorithm.Value)
            || !NcaSignatureAlgorithms.TryResolve(signer.SignatureAlgorithmOid, signer.DigestAlgorithmOid, out NcaKeyAlgorithm sigKey, out _) || sigKey != keyAlgorithm.Value)
        {
            return ReasonCode.UnsupportedAlgorithm;
        }

        if (!signer.HasSignedAttributes)
        {
            return ReasonCode.MalformedSignature;
        }

        if (signer.SignedAttribute(ContentTypeOid, out ReadOnlyMemory<byte> ct) != 1 || ct.IsEmpty || ReadValue(ct).ReadObjectIdentifier() != contentType)
        {
            return ReasonCode.SignatureInvalid;
        }

        if (signer.SignedAttribute(MessageDigestOid, out ReadOnlyMemory<byte> md) != 1 || md.IsEmpty
            || !CryptographicOperations.FixedTimeEquals(ReadValue(md).ReadOctetString(), NcaDigests.Compute(digestAlgorithm, content)))
        {
            return ReasonCode.SignatureInvalid;
        }

        int signingTimes = signer.SignedAttribute(SigningTimeOid, out ReadOnlyMemory<byte> st);
        if (signingTimes > 1)
        {
            return ReasonCode.MalformedSignature;
        }

        if (!st.IsEmpty)
        {
            result.SigningTimeClaim = ReadTime(st);
        }

        byte[] signedAttributes = signer.EncodedSignedAttributes();
        if (!EdsCrypto.VerifySignerInfo(certificate, signer.SignatureAlgorithmOid, signer.DigestAlgorithmOid, signedAttributes, signature))
        {
            return ReasonCode.SignatureInvalid;
        }

        result.SignatureValid = true;
        return null;
    }

    private static bool DigestFitsKey(NcaDigestAlgorithm digest, NcaKeyAlgorithm key) => key == NcaKeyAlgorithm.Rsa
        ? digest is NcaDigestAlgorithm.Sha256 or NcaDigestAlgorithm.Sha384 or NcaDigestAlgorithm.Sha512
        : digest == NcaDigests.DigestForKey(key);

    /// <summary>A reader positioned on one attribute value, which must be the whole of <paramref name="value"/>.</summary>
    private static AsnReader ReadValue(ReadOnlyMemory<byte> value)
    {
        var outer = new AsnReader(value, AsnEncodingRules.BER);
        ReadOnlyMemory<byte> whole = outer.ReadEncodedValue();
        outer.ThrowIfNotEmpty();
        return new AsnReader(whole, AsnEncodingRules.BER);
    }

    /// <summary>A CMS Time (RFC 5652 §11.3): UTCTime (years 1950–2049) or GeneralizedTime, in UTC.</summary>
    private static DateTimeOffset ReadTime(ReadOnlyMemory<byte> value)
    {
        AsnReader reader = ReadValue(value);
        Asn1Tag tag = reader.PeekTag();
        return tag == Asn1Tag.UtcTime ? reader.ReadUtcTime(twoDigitYearMax: 2049).ToUniversalTime()
            : tag == Asn1Tag.GeneralizedTime ? reader.ReadGeneralizedTime().ToUniversalTime()
            : throw new CmsFormatException("signingTime is not a Time.");
    }

    private static void ReadTimestamp(CmsSignerInfoData signer, CmsSignerResult result, ref TimeStampTokenValidator? timestamps, NcaCertificatePathValidator validator)
    {
        BcAttributeTable? unsigned = signer.UnsignedAttributes;
        if (unsigned is null)
        {
            return;
        }

        Asn1EncodableVector tokens = unsigned.GetAll(SignatureTimeStampAttribute);
        if (tokens.Count == 0)
        {
            return;
        }

        timestamps ??= new TimeStampTokenValidator(validator);
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
