using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;
using BcAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using BcAttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;

namespace Kz.MicroCredit.Identity.Tests.Eds.Reference;

/// <summary>
/// TEST REFERENCE ONLY: the BouncyCastle-based CMS verifier as it stood before <c>NcaCmsVerifier</c> moved to its own
/// <c>AsnReader</c> parse (kept verbatim apart from its name), so differential tests can show the new parse decides
/// every input exactly as before.
/// Verifies CMS / CAdES signatures (attached or detached, one or several signers) produced by Kalkan/NCALayer:
/// content-type and message-digest signed attributes, the signature over the DER signed attributes with the algorithm
/// of the signer's key (the 2018 key-OID quirk accepted), the signer identifier matched against the certificate that is
/// validated, the signingTime claim, and CAdES-T signature timestamp tokens. Certificates in the CMS are hints only.
/// </summary>
internal static class BouncyCastleCmsVerifier
{
    internal const string ContentTypeOid = "1.2.840.113549.1.9.3";
    internal const string MessageDigestOid = "1.2.840.113549.1.9.4";
    internal const string SigningTimeOid = "1.2.840.113549.1.9.5";
    internal const string SignatureTimeStampOid = "1.2.840.113549.1.9.16.2.14";

    // Parsed once: building a DerObjectIdentifier from its dotted string validates and encodes it on every call.
    private static readonly DerObjectIdentifier ContentTypeAttribute = new(ContentTypeOid);
    private static readonly DerObjectIdentifier MessageDigestAttribute = new(MessageDigestOid);
    private static readonly DerObjectIdentifier SigningTimeAttribute = new(SigningTimeOid);
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
        CmsSignedData signedData;
        byte[] content;
        bool detached;
        List<X509Certificate2> bag;
        List<SignerInformation> signers;
        try
        {
            signedData = new CmsSignedData(WholeArray(cms));
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
                content = ContentOf(signedData);
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
        TimeStampTokenValidator? timestamps = options.TimeStampValidator;
        var results = new List<CmsSignerResult>(signers.Count);
        foreach (SignerInformation signer in signers)
        {
            var result = new CmsSignerResult { ValidationTime = at };
            try
            {
                result.Failure = VerifySigner(signer, content, contentType, bag, options.AllowedKeyAlgorithms, result);
                if (result.SignatureValid)
                {
                    ReadTimestamp(signer, result, ref timestamps, validator);
                    CertificatePathResult path = validator.Validate(result.Certificate!, bag, at);
                    result.CertificateTrusted = path.IsValid;
                    result.Path = path.Path;
                    result.Failure ??= path.Failure;
                    if (result.Failure is null && result.SigningTimeClaim is { } claimed
                        && (claimed < result.Certificate!.NotBefore.ToUniversalTime() || claimed > result.Certificate.NotAfter.ToUniversalTime()))
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

    /// <summary>The bytes as an array: the backing array itself when the memory spans all of it, else a copy.</summary>
    private static byte[] WholeArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out ArraySegment<byte> segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

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

    private static X509Certificate2? FindSignerCertificate(SignerID sid, List<X509Certificate2> bag)
    {
        // The identifier's parts are encoded once per signer, not once per bag entry.
        byte[]? serial = null;
        byte[]? issuer = null;
        string? ski = null;
        if (sid.SerialNumber is { } serialNumber && sid.Issuer is { } issuerName)
        {
            serial = serialNumber.ToByteArrayUnsigned();
            issuer = issuerName.GetEncoded(Asn1Encodable.Der);
        }
        else if (sid.SubjectKeyIdentifier is { } keyId)
        {
            ski = Convert.ToHexString(keyId);
        }

        foreach (X509Certificate2 candidate in bag)
        {
            if (SignerIdMatches(serial, issuer, ski, candidate))
            {
                return candidate;
            }
        }

        foreach (X509Certificate2 candidate in bag)
        {
            if (sid.Match(new Org.BouncyCastle.X509.X509Certificate(candidate.RawData)))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool SignerIdMatches(byte[]? serial, byte[]? issuer, string? ski, X509Certificate2 certificate)
    {
        if (serial is not null && issuer is not null)
        {
            return serial.AsSpan().SequenceEqual(certificate.SerialNumberBytes.Span.TrimStart((byte)0))
                && issuer.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
        }

        if (ski is not null)
        {
            foreach (X509Extension extension in certificate.Extensions)
            {
                if (extension is X509SubjectKeyIdentifierExtension own)
                {
                    return own.SubjectKeyIdentifier is { } value && string.Equals(value, ski, StringComparison.OrdinalIgnoreCase);
                }
            }
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

        X509Certificate2? certificate = FindSignerCertificate(signer.SignerID, bag);
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

        if (Single(signed, ContentTypeAttribute) is not { } ct || DerObjectIdentifier.GetInstance(ct.AttrValues[0]).Id != contentType)
        {
            return ReasonCode.SignatureInvalid;
        }

        if (Single(signed, MessageDigestAttribute) is not { } md
            || !CryptographicOperations.FixedTimeEquals(Asn1OctetString.GetInstance(md.AttrValues[0]).GetOctets(), NcaDigests.Compute(digestAlgorithm, content)))
        {
            return ReasonCode.SignatureInvalid;
        }

        if (signed.GetAll(SigningTimeAttribute).Count > 1)
        {
            return ReasonCode.MalformedSignature;
        }

        if (Single(signed, SigningTimeAttribute) is { } st)
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

    private static BcAttribute? Single(BcAttributeTable table, DerObjectIdentifier oid)
    {
        Asn1EncodableVector all = table.GetAll(oid);
        return all.Count == 1 && BcAttribute.GetInstance(all[0]) is { AttrValues.Count: 1 } a ? a : null;
    }

    private static void ReadTimestamp(SignerInformation signer, CmsSignerResult result, ref TimeStampTokenValidator? timestamps, NcaCertificatePathValidator validator)
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
