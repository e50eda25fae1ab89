using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Kz.MicroCredit.Identity.Eds;

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

        RemoteCallOptionsValidator.Validate(options.OcspResilience, nameof(options.OcspResilience), errors);
        RemoteCallOptionsValidator.Validate(options.CrlResilience, nameof(options.CrlResilience), errors);
        RemoteCallOptionsValidator.Validate(options.TsaResilience, nameof(options.TsaResilience), errors);

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
