using System.Security.Cryptography.X509Certificates;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// A cheap pre-check before any signature math: can a certificate reach a trust anchor by issuer → subject names
/// through the trust store and the certificates the input carries? No signature is checked, so a "yes" proves nothing
/// (the path validator decides); a "no" means no path can exist, and the verifiers use it to refuse further signers
/// of the same input without a public-key operation each (bounded work per untrusted input).
/// </summary>
internal static class AnchorReachability
{
    private const int MaxDepth = 7;
    private const int MaxHints = 32;

    /// <summary>Tells whether some name chain leads from <paramref name="certificate"/> to an anchor of the store.</summary>
    /// <param name="store">The trust store.</param>
    /// <param name="certificate">The signer certificate.</param>
    /// <param name="hints">Certificates carried by the input (the first 32 are considered, as the path validator does).</param>
    /// <returns><see langword="false"/> when no path to an anchor can exist.</returns>
    public static bool MayReachAnchor(NcaTrustStore store, X509Certificate2 certificate, IEnumerable<X509Certificate2>? hints)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(certificate);
        if (store.IsAnchor(certificate))
        {
            return true;
        }

        X509Certificate2[] pool = [.. store.Anchors, .. store.Intermediates, .. (hints ?? []).Take(MaxHints)];
        var seen = new HashSet<X509Certificate2>(ReferenceEqualityComparer.Instance) { certificate };
        var frontier = new List<X509Certificate2> { certificate };
        for (int depth = 0; depth < MaxDepth && frontier.Count > 0; depth++)
        {
            var next = new List<X509Certificate2>();
            foreach (X509Certificate2 child in frontier)
            {
                foreach (X509Certificate2 candidate in pool)
                {
                    if (!candidate.SubjectName.RawData.AsSpan().SequenceEqual(child.IssuerName.RawData) || !seen.Add(candidate))
                    {
                        continue;
                    }

                    if (store.IsAnchor(candidate))
                    {
                        return true;
                    }

                    next.Add(candidate);
                }
            }

            frontier = next;
        }

        return false;
    }
}
