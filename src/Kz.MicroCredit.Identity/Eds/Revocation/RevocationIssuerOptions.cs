using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Kz.MicroCredit.Identity.Eds;

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
