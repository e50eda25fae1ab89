using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>What a certificate is about to be used for.</summary>
public enum NcaCertificateUsage
{
    /// <summary>Signing documents: key usage digitalSignature or nonRepudiation.</summary>
    Signing,

    /// <summary>Signing timestamp tokens: key usage digitalSignature or nonRepudiation and the timeStamping EKU.</summary>
    TimeStamping,
}

/// <summary>The outcome of building and checking a certificate path.</summary>
public sealed class CertificatePathResult
{
    internal CertificatePathResult(IReadOnlyList<X509Certificate2> path, ReasonCode? failure)
    {
        Path = path;
        Failure = failure;
    }

    /// <summary>Gets a value indicating whether a trusted path valid at the instant was found.</summary>
    public bool IsValid => Failure is null;

    /// <summary>Gets why not: <see cref="ReasonCode.CertificateUntrusted"/> or <see cref="ReasonCode.CertificateExpired"/>.</summary>
    public ReasonCode? Failure { get; }

    /// <summary>Gets the path, the certificate first and the anchor last (empty when none was found).</summary>
    public IReadOnlyList<X509Certificate2> Path { get; }
}

/// <summary>
/// Builds a path from a certificate to an anchor of a <see cref="NcaTrustStore"/> (signatures with the NCA algorithms,
/// validity at an instant, basic constraints, path length, key usage) and caches validated paths by certificate.
/// Thread-safe; share one instance per trust store.
/// </summary>
public sealed class NcaCertificatePathValidator
{
    private const int MaxDepth = 6;
    private const int MaxCacheEntries = 4096;
    private const string TimeStampingEku = "1.3.6.1.5.5.7.3.8";
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

        X509Certificate2[] pool = [.. TrustStore.Anchors, .. TrustStore.Intermediates, .. (hints ?? []).Take(32)];
        var path = new List<X509Certificate2> { certificate };
        List<X509Certificate2>? found = Build(path, pool, 0);
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

    private List<X509Certificate2>? Build(List<X509Certificate2> path, X509Certificate2[] pool, int caCount)
    {
        X509Certificate2 current = path[^1];
        if (TrustStore.IsAnchor(current))
        {
            return [.. path];
        }

        if (path.Count > MaxDepth)
        {
            return null;
        }

        foreach (X509Certificate2 candidate in pool)
        {
            if (!candidate.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData)
                || path.Any(p => p.RawData.AsSpan().SequenceEqual(candidate.RawData))
                || !KeyIdentifiersMatch(current, candidate)
                || !CaConstraintsOk(candidate, caCount)
                || !EdsCrypto.IsCertificateSignedBy(current, candidate))
            {
                continue;
            }

            path.Add(candidate);
            List<X509Certificate2>? found = Build(path, pool, caCount + 1);
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
            X509BasicConstraintsExtension? bc = ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
            if (bc is null || !bc.CertificateAuthority)
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
            X509KeyUsageExtension? ku = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
            if (ku is not null && (ku.KeyUsages & (X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation)) == 0)
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
