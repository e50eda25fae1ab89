using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>A source of revocation status.</summary>
public enum RevocationSource
{
    /// <summary>An OCSP responder (RFC 6960).</summary>
    Ocsp = 0,

    /// <summary>Certificate revocation lists (RFC 5280), base and delta.</summary>
    Crl = 1,
}

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

    /// <summary>Gets or sets the timeout of one OCSP attempt. Default 5 s.</summary>
    public TimeSpan OcspAttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the total OCSP time budget including retries. Default 12 s.</summary>
    public TimeSpan OcspTotalTimeout { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Gets or sets the timeout of one CRL download attempt. Default 60 s.</summary>
    public TimeSpan CrlAttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the total CRL download budget including retries. Default 150 s.</summary>
    public TimeSpan CrlTotalTimeout { get; set; } = TimeSpan.FromSeconds(150);

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

    /// <summary>Pins the NCA production endpoints (NCA-EDS.md §6): OCSP, TSA and base/delta CRLs of the current and previous CA generations.</summary>
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

    /// <summary>Pins the NCA test endpoints (NCA-EDS.md §6): test OCSP, TSA and the NCA GOST TEST 2022 base/delta CRLs.</summary>
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
}

/// <summary>An issuing CA and its pinned revocation endpoints.</summary>
public sealed class RevocationIssuerOptions
{
    /// <summary>Gets or sets a display name for logs and evidence.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the CA's subject distinguished name, e.g. <c>C=KZ, CN=…</c> (matched ignoring order and string types).</summary>
    public string? Subject { get; set; }

    /// <summary>Gets or sets the SHA-256 thumbprint (hex) of the CA certificate; when set it must match as well.</summary>
    public string? CertificateSha256 { get; set; }

    /// <summary>Gets or sets the OCSP responder for this CA (overrides <see cref="RevocationOptions.OcspResponderUrl"/>).</summary>
    public Uri? OcspUrl { get; set; }

    /// <summary>Gets the base CRL endpoints.</summary>
    public IList<Uri> CrlUrls { get; } = new List<Uri>();

    /// <summary>Gets the delta CRL endpoints.</summary>
    public IList<Uri> DeltaCrlUrls { get; } = new List<Uri>();

    /// <summary>Gets the source order for certificates of this CA (empty = the global order).</summary>
    public IList<RevocationSource> Order { get; } = new List<RevocationSource>();

    internal bool Matches(X509Certificate2 issuer)
    {
        if (Subject is null && CertificateSha256 is null)
        {
            return false;
        }

        if (CertificateSha256 is not null
            && !string.Equals(CertificateSha256.Replace(":", string.Empty, StringComparison.Ordinal), issuer.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Subject is null)
        {
            return true;
        }

        try
        {
            var configured = new X509Name(Subject);
            var actual = X509Name.GetInstance(Asn1Object.FromByteArray(issuer.SubjectName.RawData));
            return configured.Equivalent(actual, false);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>The NCA endpoints of NCA-EDS.md §6, for <see cref="RevocationOptions.UseNcaProduction"/> and <see cref="RevocationOptions.UseNcaTest"/>.</summary>
public static class NcaRevocationEndpoints
{
    /// <summary>The production OCSP responder.</summary>
    public const string ProductionOcsp = "http://ocsp.pki.gov.kz/";

    /// <summary>The test OCSP responder.</summary>
    public const string TestOcsp = "http://test.pki.gov.kz/ocsp/";

    /// <summary>The production time-stamp authority.</summary>
    public const string ProductionTsa = "http://tsp.pki.gov.kz/";

    /// <summary>The test time-stamp authority.</summary>
    public const string TestTsa = "http://test.pki.gov.kz/tsp/";

    /// <summary>The folder of the production CRLs.</summary>
    public const string ProductionCrlBase = "http://crl.pki.gov.kz/";

    /// <summary>The folder of the test CRLs.</summary>
    public const string TestCrlBase = "http://test.pki.gov.kz/crl/";
}

/// <summary>Validates <see cref="RevocationOptions"/> at start-up.</summary>
internal sealed class RevocationOptionsValidator : IValidateOptions<RevocationOptions>
{
    public ValidateOptionsResult Validate(string? name, RevocationOptions options)
    {
        var errors = new List<string>();
        static bool IsHttp(Uri u) => u.IsAbsoluteUri && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);
        if (options.OcspResponderUrl is { } ocsp && !IsHttp(ocsp))
        {
            errors.Add("OcspResponderUrl must be an absolute http(s) URL.");
        }

        if (options.TsaUrl is { } tsa && !IsHttp(tsa))
        {
            errors.Add("TsaUrl must be an absolute http(s) URL.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromHours(1))
        {
            errors.Add("ClockSkew must be between 0 and 1 hour.");
        }

        if (options.OcspAttemptTimeout <= TimeSpan.Zero || options.OcspTotalTimeout < options.OcspAttemptTimeout)
        {
            errors.Add("OcspAttemptTimeout must be positive and not above OcspTotalTimeout.");
        }

        if (options.CrlAttemptTimeout <= TimeSpan.Zero || options.CrlTotalTimeout < options.CrlAttemptTimeout)
        {
            errors.Add("CrlAttemptTimeout must be positive and not above CrlTotalTimeout.");
        }

        if (options.CrlRefreshInterval <= TimeSpan.Zero || options.CrlRetryAfterFailure <= TimeSpan.Zero)
        {
            errors.Add("CrlRefreshInterval and CrlRetryAfterFailure must be positive.");
        }

        if (options.MaxCrlBytes <= 0 || options.MaxCrlBytes > 1L << 30 || options.MaxOcspResponseBytes <= 0)
        {
            errors.Add("MaxCrlBytes must be positive and at most 1 GiB, and MaxOcspResponseBytes positive.");
        }

        if (!OcspHashes.IsSupported(OcspHashes.FromName(options.OcspHashAlgorithm)))
        {
            errors.Add("OcspHashAlgorithm must be SHA1, SHA256, SHA384 or SHA512.");
        }

        foreach (RevocationIssuerOptions issuer in options.Issuers)
        {
            if (issuer.Subject is null && issuer.CertificateSha256 is null)
            {
                errors.Add("Each issuer needs a Subject or a CertificateSha256.");
            }

            if (issuer.Subject is not null)
            {
                try
                {
                    _ = new X509Name(issuer.Subject);
                }
                catch (ArgumentException)
                {
                    errors.Add("An issuer Subject is not a distinguished name.");
                }
            }

            if ((issuer.OcspUrl is { } u && !IsHttp(u)) || issuer.CrlUrls.Concat(issuer.DeltaCrlUrls).Any(c => !IsHttp(c)))
            {
                errors.Add("Issuer endpoints must be absolute http(s) URLs.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
