using Kz.MicroCredit.Identity.Eds;

namespace Kz.MicroCredit.Identity.Cli;

/// <summary>
/// Builds the revocation checker of <c>kzid eds verify</c> from <c>--revocation</c>, <c>--crl</c> and <c>--ocsp-url</c>.
/// The single place of revocation wiring in the CLI (the revocation package replaces this file with the CRL/OCSP
/// checkers). Until then only <c>none</c> is available.
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
        _ = anchors;
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
            case "crl" or "ocsp" or "auto":
                error = "revocation mode not available yet";
                return false;
            default:
                error = "--revocation is none, crl, ocsp or auto.";
                return false;
        }
    }
}
