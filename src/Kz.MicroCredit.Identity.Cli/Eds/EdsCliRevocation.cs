using Kz.MicroCredit.Identity.Eds;
using Microsoft.Extensions.DependencyInjection;

namespace Kz.MicroCredit.Identity.Cli;

/// <summary>
/// Builds the revocation checker of <c>kzid eds verify</c> from <c>--revocation</c>, <c>--crl</c> and <c>--ocsp-url</c>:
/// the same composite checker <c>AddNcaRevocation</c> registers, hard-fail. <c>crl</c>: the <c>--crl</c> files (offline;
/// base and delta), else the pinned NCA CRL endpoints; <c>ocsp</c>: <c>--ocsp-url</c> for every issuer, else the
/// pinned NCA responders; <c>auto</c>: OCSP then CRL. Endpoints are never taken from the certificates, so any anchor of
/// <c>--trust</c> works with <c>--ocsp-url</c>/<c>--crl</c>; unpinned issuers end as unknown (<c>RevocationSourceNotConfigured</c>).
/// </summary>
internal static class EdsCliRevocation
{
    /// <summary>Creates the checker.</summary>
    /// <param name="mode"><c>none</c>, <c>crl</c>, <c>ocsp</c> or <c>auto</c>.</param>
    /// <param name="crlFiles">The <c>--crl</c> files.</param>
    /// <param name="ocspUrl">The <c>--ocsp-url</c>, if any.</param>
    /// <param name="anchors">The trust store in use (the issuers of CRLs/OCSP answers must chain to it).</param>
    /// <param name="checker">The checker.</param>
    /// <param name="error">A message for stderr when the combination is not usable (exit 2).</param>
    /// <returns>Whether a checker was created.</returns>
    public static bool TryCreate(string mode, IReadOnlyList<string> crlFiles, string? ocspUrl, NcaTrustStore anchors, out ICertificateRevocationChecker? checker, out string? error)
    {
        _ = anchors; // CRLs and OCSP answers are verified against the issuer of each certificate of the trusted path.
        checker = null;
        error = null;
        switch (mode)
        {
            case "none" when crlFiles.Count == 0 && ocspUrl is null:
                checker = NoRevocationChecker.Instance;
                return true;
            case "none":
                error = "--crl/--ocsp-url need --revocation crl|ocsp|auto.";
                return false;
            case "crl" when ocspUrl is not null:
                error = "--ocsp-url needs --revocation ocsp|auto.";
                return false;
            case "ocsp" when crlFiles.Count > 0:
                error = "--crl needs --revocation crl|auto.";
                return false;
            case "crl" or "ocsp" or "auto":
                break;
            default:
                error = "--revocation is none, crl, ocsp or auto.";
                return false;
        }

        Uri? responder = null;
        if (ocspUrl is not null && (!Uri.TryCreate(ocspUrl, UriKind.Absolute, out responder) || (responder.Scheme != Uri.UriSchemeHttp && responder.Scheme != Uri.UriSchemeHttps)))
        {
            error = "--ocsp-url must be an absolute http(s) URL.";
            return false;
        }

        foreach (string file in crlFiles)
        {
            if (!File.Exists(file))
            {
                error = "--crl: file not found.";
                return false;
            }
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBorrowerIdentification().AddNcaRevocation(o =>
        {
            // The pinned NCA issuers (production and test generations) with their own responders and CRL endpoints.
            o.UseNcaProduction();
            o.UseNcaTest();
            o.OcspResponderUrl = responder;
            o.CrlBackgroundRefresh = false;
            foreach (RevocationIssuerOptions issuer in o.Issuers)
            {
                if (responder is not null)
                {
                    issuer.OcspUrl = null; // --ocsp-url overrides every pinned responder
                }

                if (crlFiles.Count > 0)
                {
                    issuer.CrlUrls.Clear(); // --crl works offline
                    issuer.DeltaCrlUrls.Clear();
                }
            }

            foreach (string file in crlFiles)
            {
                o.CrlFiles.Add(file);
            }

            switch (mode)
            {
                case "crl":
                    o.Order.Add(RevocationSource.Crl);
                    break;
                case "ocsp":
                    o.Order.Add(RevocationSource.Ocsp);
                    break;
                default:
                    o.Order.Add(RevocationSource.Ocsp);
                    o.Order.Add(RevocationSource.Crl);
                    break;
            }
        });

        // The provider lives as long as the command (the process); the checker holds its HTTP clients.
        ServiceProvider provider = services.BuildServiceProvider();
        checker = provider.GetRequiredService<ICertificateRevocationChecker>();
        return true;
    }
}
