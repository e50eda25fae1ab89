using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Builds a path from a certificate to an anchor of a <see cref="NcaTrustStore"/> (signatures with the NCA algorithms,
/// validity at an instant, basic constraints, path length, key usage) and caches validated paths by certificate.
/// Fails closed on what it does not process (RFC 5280 §4.2): a certificate with a critical extension other than key
/// usage, basic constraints or extended key usage, with name constraints, with two extensions of the same type or an
/// extension value that is not one DER element is never part of a path. Thread-safe; share one instance per trust store.
/// </summary>
public sealed class NcaCertificatePathValidator
{
    private const int MaxDepth = 6;
    private const int MaxCacheEntries = 4096;
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";
    private const string NameConstraintsOid = "2.5.29.30";

    // The only extensions this validator processes, hence the only ones it accepts marked critical (RFC 5280 §4.2:
    // a certificate with a critical extension the application does not recognise or cannot process must be rejected).
    // Subject/authority key identifiers are processed but MUST be non-critical (§4.2.1.1, §4.2.1.2), so a critical one
    // is refused as well. The real NCA chains mark only key usage and basic constraints critical (one TSA certificate
    // also its EKU); their Kazakh extension 1.2.398.3.3.5 is non-critical.
    private static readonly HashSet<string> ProcessedCriticalExtensions = new(StringComparer.Ordinal) { "2.5.29.15", "2.5.29.19", "2.5.29.37" };
    private readonly ConcurrentDictionary<string, CachedPath> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<X509Certificate2, CachedPath> _byInstance = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<byte[], X509Certificate2> _certificates = new(ByteArrayComparer.Instance);
    private readonly ConcurrentDictionary<byte[], X509Certificate2> _byReceivedEncoding = new(ByteArrayComparer.Instance);

    /// <summary>Initializes a new instance of the <see cref="NcaCertificatePathValidator"/> class.</summary>
    /// <param name="trustStore">The anchors.</param>
    public NcaCertificatePathValidator(NcaTrustStore trustStore)
    {
        ArgumentNullException.ThrowIfNull(trustStore);
        TrustStore = trustStore;
    }

    /// <summary>Gets the trust store.</summary>
    public NcaTrustStore TrustStore { get; }

    /// <summary>Builds and checks the path of a certificate at an instant.</summary>
    /// <param name="certificate">The end-entity certificate.</param>
    /// <param name="hints">Untrusted certificates that may help (e.g. the CMS certificate bag).</param>
    /// <param name="at">The validation instant.</param>
    /// <param name="usage">What the certificate is used for.</param>
    /// <returns>The result.</returns>
    public CertificatePathResult Validate(X509Certificate2 certificate, IEnumerable<X509Certificate2>? hints, DateTimeOffset at, NcaCertificateUsage usage = NcaCertificateUsage.Signing)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!LeafUsageOk(certificate, usage))
        {
            return new CertificatePathResult([], ReasonCode.CertificateUntrusted);
        }

        if (_byInstance.TryGetValue(certificate, out CachedPath? hit))
        {
            return new CertificatePathResult(hit.Path, at >= hit.NotBefore && at <= hit.NotAfter ? null : ReasonCode.CertificateExpired);
        }

        string key = NcaTrustStore.Sha256Thumbprint(certificate);
        if (_cache.TryGetValue(key, out CachedPath? cached))
        {
            Remember(certificate, cached);
            return new CertificatePathResult(cached.Path, at >= cached.NotBefore && at <= cached.NotAfter ? null : ReasonCode.CertificateExpired);
        }

        if (!LeafProfileOk(certificate, TrustStore.IsAnchor(certificate)) || !StructureOk(certificate))
        {
            return new CertificatePathResult([], ReasonCode.CertificateUntrusted);
        }

        X509Certificate2[] pool = [.. TrustStore.Anchors, .. TrustStore.Intermediates, .. (hints ?? []).Take(32)];
        var path = new List<X509Certificate2> { certificate };
        // Prefer a path valid at the instant: an expired copy of an intermediate (a CA re-issued for the same key) met
        // first must not hide the current one. When the signer itself is out of validity no path can be, so the first
        // one found is reported (CertificateExpired).
        List<X509Certificate2>? fallback = null;
        List<X509Certificate2>? found = Build(path, pool, ValidAt(certificate, at) ? at : null, ref fallback) ?? fallback;
        if (found is null)
        {
            return new CertificatePathResult([], ReasonCode.CertificateUntrusted);
        }

        DateTimeOffset notBefore = found.Max(c => new DateTimeOffset(c.NotBefore.ToUniversalTime()));
        DateTimeOffset notAfter = found.Min(c => new DateTimeOffset(c.NotAfter.ToUniversalTime()));
        if (_cache.Count >= MaxCacheEntries)
        {
            _cache.Clear();
        }

        _cache[key] = new CachedPath(found, notBefore, notAfter);
        Remember(certificate, _cache[key]);
        return new CertificatePathResult(found, at >= notBefore && at <= notAfter ? null : ReasonCode.CertificateExpired);
    }

    /// <summary>
    /// Returns one shared <see cref="X509Certificate2"/> per distinct DER encoding seen by this validator, so that parsed
    /// public keys and validated paths are reused across verifications of signatures by the same signer.
    /// </summary>
    internal X509Certificate2 Intern(byte[] der)
    {
        if (_certificates.TryGetValue(der, out X509Certificate2? known))
        {
            return known;
        }

        X509Certificate2 loaded = X509CertificateLoader.LoadCertificate(der);
        if (_certificates.Count >= MaxCacheEntries)
        {
            _certificates.Clear();
        }

        return _certificates.GetOrAdd(der, loaded);
    }

    /// <summary><see cref="Intern"/> for bytes the caller does not own: copied only when not seen before.</summary>
    internal X509Certificate2 InternCopy(ReadOnlySpan<byte> der) =>
        _certificates.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(der, out X509Certificate2? known) ? known : Intern(der.ToArray());

    /// <summary>
    /// <see cref="Intern"/> for a certificate as received in a message, whose DER identity <paramref name="toDer"/>
    /// computes (a pure function of the received bytes). The answer is remembered per received encoding, so the next
    /// message with the same bytes skips both the DER check and the copy.
    /// </summary>
    internal X509Certificate2 InternReceived(ReadOnlyMemory<byte> received, Func<ReadOnlyMemory<byte>, byte[]> toDer)
    {
        if (_byReceivedEncoding.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(received.Span, out X509Certificate2? known))
        {
            return known;
        }

        X509Certificate2 certificate = Intern(toDer(received));
        if (_byReceivedEncoding.Count >= MaxCacheEntries)
        {
            _byReceivedEncoding.Clear();
        }

        _byReceivedEncoding.TryAdd(received.ToArray(), certificate);
        return certificate;
    }

    private void Remember(X509Certificate2 certificate, CachedPath path)
    {
        if (_byInstance.Count >= MaxCacheEntries)
        {
            _byInstance.Clear();
        }

        _byInstance[certificate] = path;
    }

    // Depth-first search. With an instant, returns the first path whose every certificate is valid then and keeps the
    // first complete path in fallback; once a fallback exists, certificates out of validity are not explored further.
    private List<X509Certificate2>? Build(List<X509Certificate2> path, X509Certificate2[] pool, DateTimeOffset? at, ref List<X509Certificate2>? fallback)
    {
        X509Certificate2 current = path[^1];
        if (TrustStore.IsAnchor(current))
        {
            if (at is not { } instant || path.TrueForAll(c => ValidAt(c, instant)))
            {
                return [.. path];
            }

            fallback ??= [.. path];
            return null;
        }

        if (path.Count > MaxDepth)
        {
            return null;
        }

        // RFC 5280 §6.1.4 (l): self-issued intermediates (key rollover) do not count against a pathLenConstraint.
        int casBelow = path.Skip(1).Count(c => !IsSelfIssued(c));
        foreach (X509Certificate2 candidate in pool)
        {
            if (!candidate.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData)
                || path.Any(p => p.RawData.AsSpan().SequenceEqual(candidate.RawData))
                || !KeyIdentifiersMatch(current, candidate)
                || !CaConstraintsOk(candidate, casBelow)
                || !StructureOk(candidate)
                || (fallback is not null && at is { } instant && !ValidAt(candidate, instant))
                || !EdsCrypto.IsCertificateSignedBy(current, candidate))
            {
                continue;
            }

            path.Add(candidate);
            List<X509Certificate2>? found = Build(path, pool, at, ref fallback);
            if (found is not null)
            {
                return found;
            }

            path.RemoveAt(path.Count - 1);
        }

        return null;
    }

    // The X509*Extension properties decode lazily and throw CryptographicException on a malformed value (fuzzing
    // found both a bad AuthorityKeyIdentifier and a bad KeyUsage). A certificate whose extension cannot be decoded is
    // never usable: each check below fails closed instead of letting the exception escape Validate.
    private static bool KeyIdentifiersMatch(X509Certificate2 child, X509Certificate2 issuer)
    {
        try
        {
            byte[]? aki = AuthorityKeyId(child);
            string? ski = issuer.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifier;
            return aki is null || ski is null || string.Equals(Convert.ToHexString(aki), ski, StringComparison.OrdinalIgnoreCase);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static byte[]? AuthorityKeyId(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier?.ToArray();

    private static bool CaConstraintsOk(X509Certificate2 ca, int casBelow)
    {
        try
        {
            // RFC 5280 §4.2.1.9: a CA certificate's basic constraints MUST be critical (every NCA CA's are).
            X509BasicConstraintsExtension? bc = ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (bc is null || !bc.CertificateAuthority || !bc.Critical)
            {
                return false;
            }

            if (bc.HasPathLengthConstraint && casBelow > bc.PathLengthConstraint)
            {
                return false;
            }

            X509KeyUsageExtension? ku = ca.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
            return ku is null || ku.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool LeafUsageOk(X509Certificate2 certificate, NcaCertificateUsage usage)
    {
        try
        {
            // A signer is an end entity: a key usage that allows signing certificates (RFC 5280 §4.2.1.3: then cA must be
            // set) does not belong on a document or timestamp signer.
            X509KeyUsageExtension? ku = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
            if (ku is not null && ((ku.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0
                || (ku.KeyUsages & X509KeyUsageFlags.KeyCertSign) != 0))
            {
                return false;
            }

            if (usage == NcaCertificateUsage.TimeStamping)
            {
                X509EnhancedKeyUsageExtension? eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
                return eku is not null && eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == TimeStampingEku);
            }

            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // What the end-entity must be for a signer, checked once per path build: an X.509 v3 certificate (unless it is
    // itself a pinned anchor: v1 certificates have no extensions, so nothing says what an issued one may do) with a
    // subject (NCA identifies the signer by it; RFC 5280 §4.1.2.6 would otherwise demand a critical subjectAltName, which
    // is not processed here), not a CA, and with a key of an NCA algorithm (RSA or GOST; a DSA or P-192 key can never
    // verify a signature here, so the certificate is refused up front rather than trusted).
    private static bool LeafProfileOk(X509Certificate2 leaf, bool isAnchor)
    {
        try
        {
            if ((leaf.Version != 3 && !isAnchor) || IsEmptyName(leaf.SubjectName)
                || leaf.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is { CertificateAuthority: true })
            {
                return false;
            }

            _ = NcaPublicKey.FromCertificate(leaf);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // Checks every certificate of a path (the anchor included) must pass. The issuer name MUST be non-empty
    // (RFC 5280 §4.1.2.4); each extension appears once (§4.2) and is one well-formed DER element; no critical extension
    // is left unprocessed (§4.2); and name constraints (§4.2.1.10), which this validator does not enforce, are refused
    // wherever they appear instead of being silently ignored. The validity must decode too: the path's window is
    // computed from every certificate's NotBefore/NotAfter, which decode lazily and throw on a malformed time.
    private static bool StructureOk(X509Certificate2 certificate)
    {
        try
        {
            if (IsEmptyName(certificate.IssuerName))
            {
                return false;
            }

            _ = certificate.NotBefore;
            _ = certificate.NotAfter;

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (X509Extension extension in certificate.Extensions)
            {
                string oid = extension.Oid?.Value ?? string.Empty;
                if (!seen.Add(oid)
                    || oid == NameConstraintsOid
                    || (extension.Critical && !ProcessedCriticalExtensions.Contains(oid))
                    || !IsOneDerElement(extension.RawData))
                {
                    return false;
                }
            }

            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // The BER reader throws (rather than answering false) on an indefinite length whose contents never end.
    private static bool IsOneDerElement(byte[] value)
    {
        try
        {
            return AsnDecoder.TryReadEncodedValue(value, AsnEncodingRules.BER, out _, out _, out _, out int consumed) && consumed == value.Length;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    // NotBefore/NotAfter decode lazily and throw on a malformed time (fuzzing: a UTCTime with a ';' in it): such a
    // certificate is never valid.
    private static bool ValidAt(X509Certificate2 certificate, DateTimeOffset at)
    {
        try
        {
            return at >= new DateTimeOffset(certificate.NotBefore.ToUniversalTime()) && at <= new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // An empty Name is the DER SEQUENCE 30 00.
    private static bool IsEmptyName(X500DistinguishedName name) => name.RawData.Length <= 2;

    private static bool IsSelfIssued(X509Certificate2 certificate) => certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static ByteArrayComparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode(obj.AsSpan());

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = default(HashCode);
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }

    private sealed record CachedPath(IReadOnlyList<X509Certificate2> Path, DateTimeOffset NotBefore, DateTimeOffset NotAfter);
}
