using System.Security.Cryptography;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Decides a certificate's status from verified CRLs (RFC 5280 §5, docs/security-model.md §3). Rules, for the instant T:
/// a serial listed (base or applicable delta, not <c>removeFromCRL</c>) with a revocation date ≤ T is revoked, even on a
/// stale CRL; a serial not listed is good only when the CRL covers T (thisUpdate ≥ T, or thisUpdate ≤ T ≤ nextUpdate,
/// with the clock skew), was not issued in the future, covers the certificate kind, and still lists expired
/// certificates if the certificate expired before it was issued. A delta applies only over a base whose CRL number
/// is ≥ the delta's BaseCRLNumber and that is not newer than the delta.
/// </summary>
internal static class CrlEvaluator
{
    private const byte RemoveFromCrl = 8;

    public static RevocationCheckResult Evaluate(CrlLookup lookup, RevocationCheckRequest request, DateTimeOffset now, TimeSpan skew)
    {
        var facts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        VerifiedCrl? baseCrl = lookup.Bases.OrderByDescending(b => b.Document.CrlNumber ?? -1).ThenByDescending(b => b.Document.ThisUpdate).FirstOrDefault();
        VerifiedCrl? delta = null;
        if (baseCrl is not null)
        {
            AddFacts(facts, "crl.", baseCrl);
            delta = lookup.Deltas
                .Where(d => d.Document.DeltaBaseCrlNumber <= (baseCrl.Document.CrlNumber ?? -1) && d.Document.ThisUpdate >= baseCrl.Document.ThisUpdate)
                .OrderByDescending(d => d.Document.ThisUpdate)
                .FirstOrDefault();
            if (delta is null && lookup.Deltas.Count > 0)
            {
                facts[RevocationEvidenceKeys.CrlDelta] = "not-applicable";
            }
        }
        else if (lookup.Deltas.Count > 0)
        {
            delta = lookup.Deltas.OrderByDescending(d => d.Document.ThisUpdate).First();
        }

        if (delta is not null)
        {
            AddFacts(facts, "crl.delta.", delta);
            facts[RevocationEvidenceKeys.CrlDeltaBaseNumber] = delta.Document.DeltaBaseCrlNumber!.Value.ToString(CultureInfo.InvariantCulture);
        }

        if (baseCrl is null && delta is null)
        {
            return Unknown(lookup.Failure ?? ReasonCode.RevocationSourceNotConfigured, facts);
        }

        ReadOnlySpan<byte> serial = request.Certificate.SerialNumberBytes.Span;
        DateTimeOffset at = request.ValidationTime;

        // 1. Listed? The delta is newer than the base, so its entry wins (removeFromCRL lifts a hold).
        bool listed = false;
        long revokedAt = 0;
        byte reason = 0;
        if (delta is not null && delta.Document.Index.TryFind(serial, out long dAt, out byte dReason))
        {
            listed = dReason != RemoveFromCrl;
            revokedAt = dAt;
            reason = dReason;
        }
        else if (baseCrl is not null && baseCrl.Document.Index.TryFind(serial, out long bAt, out byte bReason) && bReason != RemoveFromCrl)
        {
            listed = true;
            revokedAt = bAt;
            reason = bReason;
        }

        if (listed)
        {
            DateTimeOffset when = DateTimeOffset.FromUnixTimeSeconds(revokedAt);
            facts[RevocationEvidenceKeys.CrlRevokedAt] = OcspResponseValidator.Format(when);
            if (when <= at)
            {
                return new RevocationCheckResult(RevocationStatus.Revoked, "crl")
                {
                    RevokedAt = when,
                    RevocationReason = reason == CrlIndex.NoReason ? null : reason,
                    Facts = facts,
                };
            }

            // Listed with a later revocation date: a CRL issued after the revocation says it was not revoked at T.
            facts[RevocationEvidenceKeys.RevocationRevokedAfterInstant] = "true";
            return new RevocationCheckResult(RevocationStatus.Good, "crl") { Facts = facts };
        }

        // 2. Not listed: only a complete, current CRL proves anything.
        if (baseCrl is null)
        {
            return Unknown(ReasonCode.CrlDeltaWithoutBase, facts);
        }

        DateTimeOffset thisUpdate = delta?.Document.ThisUpdate ?? baseCrl.Document.ThisUpdate;
        DateTimeOffset? nextUpdate = Min(baseCrl.Document.NextUpdate, delta?.Document.NextUpdate);
        if (thisUpdate > now + skew || baseCrl.Document.ThisUpdate > now + skew)
        {
            return Unknown(ReasonCode.CrlStale, facts);
        }

        bool covers = thisUpdate + skew >= at || (nextUpdate is { } upTo && thisUpdate <= at + skew && at <= upTo + skew);
        if (!covers)
        {
            return Unknown(ReasonCode.CrlStale, facts);
        }

        if (IsCertificateAuthority(request.Certificate) is not { } isCa)
        {
            return Unknown(ReasonCode.RevocationUnknown, facts); // undecodable basicConstraints: which CRL scope applies is unknown
        }

        if ((isCa && baseCrl.Document.OnlyUserCertificates) || (!isCa && baseCrl.Document.OnlyCaCertificates))
        {
            return Unknown(ReasonCode.RevocationSourceNotConfigured, facts);
        }

        DateTimeOffset notAfter = request.Certificate.NotAfter.ToUniversalTime();
        if (notAfter < thisUpdate && !(baseCrl.Document.ExpiredCertsOnCrl is { } keptSince && keptSince <= notAfter))
        {
            return Unknown(ReasonCode.CrlDoesNotCoverExpired, facts);
        }

        return new RevocationCheckResult(RevocationStatus.Good, "crl") { Facts = facts };
    }

    private static RevocationCheckResult Unknown(ReasonCode code, SortedDictionary<string, string> facts) =>
        new(RevocationStatus.Unknown, "crl") { Failure = code, Facts = facts };

    /// <summary>The certificate's cA flag; <see langword="null"/> when its basicConstraints cannot be decoded (.NET decodes lazily and throws).</summary>
    private static bool? IsCertificateAuthority(X509Certificate2 certificate)
    {
        try
        {
            foreach (X509Extension extension in certificate.Extensions)
            {
                if (extension is X509BasicConstraintsExtension basic && basic.CertificateAuthority)
                {
                    return true;
                }
            }

            return false;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    private static void AddFacts(SortedDictionary<string, string> facts, string prefix, VerifiedCrl crl)
    {
        CrlDocument doc = crl.Document;
        facts[prefix + "source"] = crl.Origin;
        facts[prefix + "sha256"] = doc.Sha256;
        facts[prefix + "thisUpdate"] = OcspResponseValidator.Format(doc.ThisUpdate);
        if (doc.NextUpdate is { } next)
        {
            facts[prefix + "nextUpdate"] = OcspResponseValidator.Format(next);
        }

        if (doc.CrlNumber is { } number)
        {
            facts[prefix + "number"] = number.ToString(CultureInfo.InvariantCulture);
        }

        facts[prefix + "entries"] = doc.Index.Count.ToString(CultureInfo.InvariantCulture);
    }
}
