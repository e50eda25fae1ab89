using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Ocsp;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Validates an OCSP response for one certificate (RFC 6960, docs/security-model.md §3): response status, signer found by
/// ResponderID and authorized (the issuing CA, or a responder it issued with the OCSP-signing EKU valid at producedAt),
/// signature, full CertID match, nonce, thisUpdate/nextUpdate with skew. Only a proven answer is good.
/// </summary>
internal static class OcspResponseValidator
{
    /// <summary>The OCSP-signing extended key usage.</summary>
    public const string OcspSigningEku = "1.3.6.1.5.5.7.3.9";

    /// <summary>The media type of OCSP responses.</summary>
    public const string MediaType = "application/ocsp-response";

    public static RevocationCheckResult Validate(ReadOnlyMemory<byte> der, RevocationCheckRequest request, OcspValidationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(parameters);
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (parameters.Url is not null)
        {
            facts[RevocationEvidenceKeys.OcspUrl] = parameters.Url;
        }

        EvidenceArtifact[] artifacts = der.IsEmpty ? [] : [new EvidenceArtifact("ocsp-response", MediaType, der.ToArray())];
        facts[RevocationEvidenceKeys.OcspSha256] = Convert.ToHexStringLower(SHA256.HashData(der.Span));

        RevocationCheckResult Fail(ReasonCode code) =>
            new(RevocationStatus.Unknown, "ocsp") { Failure = code, Facts = facts, Artifacts = artifacts };

        if (der.IsEmpty)
        {
            return Fail(ReasonCode.OcspMalformed);
        }

        OcspResp response;
        BasicOcspResp basic;
        byte[] basicDer;
        try
        {
            response = new OcspResp(der.ToArray());
            facts[RevocationEvidenceKeys.OcspResponseStatus] = response.Status.ToString(CultureInfo.InvariantCulture);
            switch (response.Status)
            {
                case OcspRespStatus.Successful:
                    break;
                case OcspRespStatus.TryLater:
                    return Fail(ReasonCode.OcspTryLater);
                default:
                    return Fail(ReasonCode.OcspErrorStatus);
            }

            ResponseBytes? bytes = response.ToAsn1Structure().ResponseBytes;
            if (bytes is null || !OcspObjectIdentifiers.PkixOcspBasic.Equals(bytes.ResponseType))
            {
                return Fail(ReasonCode.OcspMalformed);
            }

            basicDer = bytes.Response.GetOctets();
            basic = new BasicOcspResp(BasicOcspResponse.GetInstance(Asn1Object.FromByteArray(basicDer)));
        }
#pragma warning disable CA1031 // garbage of any kind is "malformed"
        catch (Exception)
#pragma warning restore CA1031
        {
            return Fail(ReasonCode.OcspMalformed);
        }

        DateTimeOffset producedAt;
        SingleResp? single;
        try
        {
            producedAt = new DateTimeOffset(DateTime.SpecifyKind(basic.ProducedAt, DateTimeKind.Utc));
            facts[RevocationEvidenceKeys.OcspProducedAt] = Format(producedAt);

            // 1. The signer: found by ResponderID among the issuer and the certificates the response carries.
            X509Certificate2? signer = FindSigner(basic, request.Issuer, out bool signerIsIssuer);
            if (signer is null)
            {
                return Fail(ReasonCode.OcspResponderNotAuthorized);
            }

            facts[RevocationEvidenceKeys.OcspResponder] = signerIsIssuer ? "issuer" : "delegated";
            facts[RevocationEvidenceKeys.OcspResponderCertSha256] = Convert.ToHexStringLower(SHA256.HashData(signer.RawData));
            if (!signerIsIssuer && !IsAuthorizedDelegate(signer, request.Issuer, producedAt))
            {
                return Fail(ReasonCode.OcspResponderNotAuthorized);
            }

            // 2. The signature over tbsResponseData.
            if (!RevocationSignatures.VerifyStructure(basicDer, signer, isCrl: false))
            {
                return Fail(ReasonCode.OcspSignatureInvalid);
            }

            // 3. The nonce, when one was sent.
            if (parameters.Nonce is not null)
            {
                Asn1OctetString? echoed = basic.GetExtensionValue(new DerObjectIdentifier(OcspRequestBuilder.NonceOid));
                if (echoed is null)
                {
                    if (parameters.RequireNonce)
                    {
                        return Fail(ReasonCode.OcspNonceMismatch);
                    }

                    facts[RevocationEvidenceKeys.OcspNonce] = "not-echoed";
                }
                else if (NonceMatches(echoed.GetOctets(), parameters.Nonce))
                {
                    facts[RevocationEvidenceKeys.OcspNonce] = "matched";
                }
                else
                {
                    return Fail(ReasonCode.OcspNonceMismatch);
                }
            }
            else
            {
                facts[RevocationEvidenceKeys.OcspNonce] = "not-sent";
            }

            // 4. The whole CertID.
            single = FindSingle(basic, request, parameters.HashAlgorithmOid, facts);
        }
#pragma warning disable CA1031
        catch (Exception)
#pragma warning restore CA1031
        {
            return Fail(ReasonCode.OcspMalformed);
        }

        if (single is null)
        {
            return Fail(ReasonCode.OcspCertIdMismatch);
        }

        // 5. Time: nothing from the future; the answer must cover the instant.
        DateTimeOffset thisUpdate = Utc(single.ThisUpdate);
        DateTimeOffset? nextUpdate = single.NextUpdate is { } n ? Utc(n) : null;
        facts[RevocationEvidenceKeys.OcspThisUpdate] = Format(thisUpdate);
        if (nextUpdate is { } nu)
        {
            facts[RevocationEvidenceKeys.OcspNextUpdate] = Format(nu);
        }

        TimeSpan skew = parameters.ClockSkew;
        if (producedAt > parameters.Now + skew || thisUpdate > parameters.Now + skew || (nextUpdate is { } next && next < thisUpdate))
        {
            return Fail(ReasonCode.OcspStale);
        }

        DateTimeOffset at = request.ValidationTime;
        object? status = single.GetCertStatus();
        switch (status)
        {
            case null:
                facts[RevocationEvidenceKeys.OcspCertStatus] = "good";
                break;
            case RevokedStatus revoked:
            {
                facts[RevocationEvidenceKeys.OcspCertStatus] = "revoked";
                DateTimeOffset revokedAt = Utc(revoked.RevocationTime);
                int? reason = revoked.HasRevocationReason ? revoked.RevocationReason : null;
                facts[RevocationEvidenceKeys.OcspRevokedAt] = Format(revokedAt);
                if (revokedAt <= at)
                {
                    return new RevocationCheckResult(RevocationStatus.Revoked, "ocsp")
                    {
                        RevokedAt = revokedAt,
                        RevocationReason = reason,
                        Facts = facts,
                        Artifacts = artifacts,
                    };
                }

                // Revoked only after the instant: the answer (produced after the revocation) proves it was not revoked then.
                facts[RevocationEvidenceKeys.RevocationRevokedAfterInstant] = "true";
                return new RevocationCheckResult(RevocationStatus.Good, "ocsp") { Facts = facts, Artifacts = artifacts };
            }

            default:
                facts[RevocationEvidenceKeys.OcspCertStatus] = "unknown";
                return Fail(ReasonCode.OcspStatusUnknown);
        }

        bool covers = thisUpdate + skew >= at || (nextUpdate is { } upTo && thisUpdate <= at + skew && at <= upTo + skew);
        if (!covers)
        {
            return Fail(ReasonCode.OcspStale);
        }

        return new RevocationCheckResult(RevocationStatus.Good, "ocsp") { Facts = facts, Artifacts = artifacts };
    }

    private static X509Certificate2? FindSigner(BasicOcspResp basic, X509Certificate2 issuer, out bool signerIsIssuer)
    {
        signerIsIssuer = false;
        ResponderID id = basic.ResponderId.ToAsn1Object();
        byte[]? keyHash = id.GetKeyHash();
        byte[]? name = id.Name?.GetEncoded(Asn1Encodable.Der);

        bool Matches(X509Certificate2 candidate) => keyHash is not null
            ? OcspHashes.Compute(OcspHashes.Sha1, candidate.PublicKey.EncodedKeyValue.RawData).AsSpan().SequenceEqual(keyHash)
            : name is not null && RevocationSignatures.NamesEqual(candidate.SubjectName.RawData, name);

        if (Matches(issuer))
        {
            signerIsIssuer = true;
            return issuer;
        }

        foreach (Org.BouncyCastle.X509.X509Certificate bc in basic.GetCerts())
        {
            X509Certificate2 candidate = X509CertificateLoader.LoadCertificate(bc.GetEncoded());
            if (Matches(candidate))
            {
                // The CA's own certificate carried in the response counts as the CA only if it is the same key and name.
                signerIsIssuer = candidate.PublicKey.EncodedKeyValue.RawData.AsSpan().SequenceEqual(issuer.PublicKey.EncodedKeyValue.RawData)
                    && RevocationSignatures.NamesEqual(candidate.SubjectName, issuer.SubjectName);
                return signerIsIssuer ? issuer : candidate;
            }
        }

        return null;
    }

    private static bool IsAuthorizedDelegate(X509Certificate2 responder, X509Certificate2 issuer, DateTimeOffset producedAt)
    {
        if (producedAt < responder.NotBefore.ToUniversalTime() || producedAt > responder.NotAfter.ToUniversalTime())
        {
            return false;
        }

        bool hasEku = responder.Extensions.OfType<X509EnhancedKeyUsageExtension>()
            .Any(e => e.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == OcspSigningEku));
        return hasEku && RevocationSignatures.IsCertificateIssuedBy(responder, issuer);
    }

    private static SingleResp? FindSingle(BasicOcspResp basic, RevocationCheckRequest request, string? hashAlgorithmOid, SortedDictionary<string, string> facts)
    {
        var computed = new Dictionary<string, OcspCertId>(StringComparer.Ordinal);
        foreach (SingleResp single in basic.Responses)
        {
            CertificateID id = single.GetCertID();
            string oid = hashAlgorithmOid ?? id.HashAlgOid;
            if (!OcspHashes.IsSupported(oid))
            {
                continue;
            }

            if (!computed.TryGetValue(oid, out OcspCertId? expected))
            {
                expected = OcspCertId.For(request.Certificate, request.Issuer, oid);
                computed[oid] = expected;
            }

            if (expected.Matches(id))
            {
                facts[RevocationEvidenceKeys.OcspCertIdHash] = oid;
                return single;
            }
        }

        return null;
    }

    private static bool NonceMatches(byte[] extnValue, byte[] nonce)
    {
        // RFC 8954: extnValue holds a DER OCTET STRING with the nonce; some responders put the bare bytes.
        if (extnValue.AsSpan().SequenceEqual(nonce))
        {
            return true;
        }

        try
        {
            var reader = new AsnReader(extnValue, AsnEncodingRules.DER);
            byte[] inner = reader.ReadOctetString();
            return !reader.HasData && inner.AsSpan().SequenceEqual(nonce);
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    internal static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
