using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// How certificates are checked for revocation. Every endpoint is pinned here: no URL is ever taken from a
/// certificate presented by a borrower (SSRF). Defaults: OCSP then CRL, hard-fail (status not established ⇒
/// <see cref="RevocationStatus.Unknown"/> ⇒ the EDS method is Indeterminate).
/// </summary>
public sealed class RevocationOptions
{
    /// <summary>Gets the sources to try for each certificate, in order; the first decisive answer (good/revoked) wins.</summary>
    public IList<RevocationSource> Order { get; } = new List<RevocationSource>();

    /// <summary>
    /// Gets or sets a value indicating whether an unestablished status is accepted (soft-fail). Off by default: for
    /// loan origination the status must be proven. When on, Unknown is reported as
    /// <see cref="RevocationStatus.NotChecked"/> with the failure code kept and the fact <c>revocation.softFail</c>.
    /// </summary>
    public bool SoftFail { get; set; }

    /// <summary>Gets or sets the OCSP responder used for every issuer without its own (pinned; <see langword="null"/> = none).</summary>
    public Uri? OcspResponderUrl { get; set; }

    /// <summary>Gets the issuing CAs with their pinned endpoints.</summary>
    public IList<RevocationIssuerOptions> Issuers { get; } = new List<RevocationIssuerOptions>();

    /// <summary>Gets local CRL files (base and delta) used offline, matched to issuers by name and signature.</summary>
    public IList<string> CrlFiles { get; } = new List<string>();

    /// <summary>Gets or sets a value indicating whether OCSP requests carry a nonce. Default on.</summary>
    public bool OcspSendNonce { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether the responder must echo the nonce. Default off, because some responders
    /// answer from a cache without one; an echoed nonce must always match.
    /// </summary>
    public bool OcspRequireNonce { get; set; }

    /// <summary>Gets or sets the CertID hash algorithm: <c>SHA256</c> (default, what NCA answers with) or <c>SHA1</c>.</summary>
    public string OcspHashAlgorithm { get; set; } = "SHA256";

    /// <summary>Gets or sets the tolerated clock difference for thisUpdate/nextUpdate/producedAt. Default 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets the resilience of every OCSP query (configuration key <c>OcspResilience</c>). OCSP queries are safe
    /// to repeat: transient failures are retried.
    /// </summary>
    /// <value>
    /// The default value is a 12-second total timeout, a 5-second attempt timeout, 2 retries with a 200-millisecond
    /// backoff, and a breaker opening at a 0.5 failure ratio over at least 10 calls in 30 seconds, open for 15 seconds.
    /// </value>
    public RemoteCallOptions OcspResilience { get; set; } = OcspDefaults();

    /// <summary>
    /// Gets or sets the resilience of every CRL download (configuration key <c>CrlResilience</c>). Downloads are safe to
    /// repeat: transient failures are retried.
    /// </summary>
    /// <value>
    /// The default value is a 150-second total timeout, a 60-second attempt timeout, 2 retries with a 200-millisecond
    /// backoff, and a breaker opening at a 0.5 failure ratio over at least 10 calls in 120 seconds, open for 15 seconds.
    /// </value>
    public RemoteCallOptions CrlResilience { get; set; } = new()
    {
        TotalTimeout = TimeSpan.FromSeconds(150),
        AttemptTimeout = TimeSpan.FromSeconds(60),
        Breaker = new() { SamplingDuration = TimeSpan.FromSeconds(120), BreakDuration = TimeSpan.FromSeconds(15) },
    };

    /// <summary>
    /// Gets or sets the resilience of every time-stamp request (configuration key <c>TsaResilience</c>). A second
    /// request only yields another token: transient failures are retried.
    /// </summary>
    /// <value>The default value is the same as <see cref="OcspResilience"/>'s.</value>
    public RemoteCallOptions TsaResilience { get; set; } = OcspDefaults();

    /// <summary>Gets or sets how long a downloaded CRL is used before it is fetched again even if its nextUpdate is later. Default 1 hour.</summary>
    public TimeSpan CrlRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets how long to wait after a failed CRL download before trying again. Default 1 minute.</summary>
    public TimeSpan CrlRetryAfterFailure { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets a value indicating whether cached CRLs are refreshed in the background when due. Default on.</summary>
    public bool CrlBackgroundRefresh { get; set; } = true;

    /// <summary>
    /// Gets or sets the largest CRL accepted, in bytes (at most 1 GiB). A CRL announcing more in its DER header or its
    /// Content-Length is refused before its body is read; one that passes the cap while arriving is cut there.
    /// </summary>
    /// <value>The default value is 64 MiB (see docs/remote-calls.md for how it was sized).</value>
    public long MaxCrlBytes { get; set; } = DefaultMaxCrlBytes;

    /// <summary>Gets or sets the largest OCSP or time-stamp response accepted, in bytes. Default 1 MiB.</summary>
    public int MaxOcspResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>The default of <see cref="MaxCrlBytes"/>: 64 MiB.</summary>
    internal const long DefaultMaxCrlBytes = 64L * 1024 * 1024;

    /// <summary>Gets or sets the pinned time-stamp authority (RFC 3161) for <see cref="ITimeStampAuthorityClient"/>.</summary>
    public Uri? TsaUrl { get; set; }

    /// <summary>Gets or sets the TSA policy OID requested (<see langword="null"/> = the TSA's default).</summary>
    public string? TsaPolicyOid { get; set; }

    /// <summary>Gets the TSA policy OIDs accepted in tokens; empty = any.</summary>
    public IList<string> AcceptedTsaPolicies { get; } = new List<string>();

    /// <summary>Gets the effective order (the configured one, or OCSP then CRL).</summary>
    internal IReadOnlyList<RevocationSource> EffectiveOrder(RevocationIssuerOptions? issuer) =>
        issuer is { Order.Count: > 0 } ? issuer.Order.ToArray()
        : Order.Count > 0 ? Order.ToArray()
        : [RevocationSource.Ocsp, RevocationSource.Crl];

    /// <summary>Finds the pinned configuration of an issuer.</summary>
    /// <param name="issuer">The issuer certificate.</param>
    /// <returns>The configuration, or <see langword="null"/>.</returns>
    internal RevocationIssuerOptions? FindIssuer(X509Certificate2 issuer) => Issuers.FirstOrDefault(i => i.Matches(issuer));

    /// <summary>Pins the NCA production endpoints (docs/nca-formats.md §6): OCSP, TSA and base/delta CRLs of the current and previous CA generations.</summary>
    /// <returns>These options.</returns>
    public RevocationOptions UseNcaProduction()
    {
        OcspResponderUrl = new Uri(NcaRevocationEndpoints.ProductionOcsp);
        TsaUrl = new Uri(NcaRevocationEndpoints.ProductionTsa);
        AddIssuer("NCA GOST 2022", "C=KZ, CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) 2022", "nca_gost_2022.crl", "nca_d_gost_2022.crl");
        AddIssuer("NCA RSA 2022", "C=KZ, CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) 2022", "nca_rsa_2022.crl", "nca_d_rsa_2022.crl");
        AddIssuer("NCA GOST (2018)", "CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST), C=KZ", "nca_gost.crl", "nca_d_gost.crl");
        AddIssuer("NCA RSA (2018)", "CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA), C=KZ", "nca_rsa.crl", "nca_d_rsa.crl");
        return this;

        void AddIssuer(string name, string subject, string crl, string delta)
        {
            var issuer = new RevocationIssuerOptions { Name = name, Subject = subject, OcspUrl = new Uri(NcaRevocationEndpoints.ProductionOcsp) };
            issuer.CrlUrls.Add(new Uri(NcaRevocationEndpoints.ProductionCrlBase + crl));
            issuer.DeltaCrlUrls.Add(new Uri(NcaRevocationEndpoints.ProductionCrlBase + delta));
            Issuers.Add(issuer);
        }
    }

    /// <summary>Pins the NCA test endpoints (docs/nca-formats.md §6): test OCSP, TSA and the NCA GOST TEST 2022 base/delta CRLs.</summary>
    /// <returns>These options.</returns>
    public RevocationOptions UseNcaTest()
    {
        OcspResponderUrl = new Uri(NcaRevocationEndpoints.TestOcsp);
        TsaUrl = new Uri(NcaRevocationEndpoints.TestTsa);
        var ocsp = new Uri(NcaRevocationEndpoints.TestOcsp);
        var issuer = new RevocationIssuerOptions { Name = "NCA GOST TEST 2022", Subject = "C=KZ, CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022", OcspUrl = ocsp };
        issuer.CrlUrls.Add(new Uri(NcaRevocationEndpoints.TestCrlBase + "nca_gost2022_test.crl"));
        issuer.DeltaCrlUrls.Add(new Uri(NcaRevocationEndpoints.TestCrlBase + "nca_gost2022_d_test.crl"));
        Issuers.Add(issuer);

        // The previous test generation (2019–2024): OCSP only, no published CRL endpoint.
        Issuers.Add(new RevocationIssuerOptions { Name = "NCA 3.0 RSA TEST", Subject = "C=KZ, CN=ҰКО 3.0 (RSA TEST)", OcspUrl = ocsp });
        Issuers.Add(new RevocationIssuerOptions { Name = "NCA 3.0 GOST TEST", Subject = "C=KZ, CN=ҰКО 3.0 (GOST TEST)", OcspUrl = ocsp });
        return this;
    }

    private static RemoteCallOptions OcspDefaults() => new()
    {
        TotalTimeout = TimeSpan.FromSeconds(12),
        AttemptTimeout = TimeSpan.FromSeconds(5),
        Breaker = new() { BreakDuration = TimeSpan.FromSeconds(15) },
    };
}
