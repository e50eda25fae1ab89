using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.SigningChannels;

internal sealed class EGovMobileSigningOptionsValidator : IValidateOptions<EGovMobileSigningOptions>
{
    public ValidateOptionsResult Validate(string? name, EGovMobileSigningOptions options)
    {
        var failures = new List<string>();
        if (options.PublicBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(url.Query))
        {
            failures.Add("EGovMobileSigningOptions.PublicBaseUrl must be an absolute http(s) URL without a query.");
        }

        if (string.IsNullOrEmpty(options.RoutePrefix) || options.RoutePrefix[0] != '/' || options.RoutePrefix.EndsWith('/'))
        {
            failures.Add("EGovMobileSigningOptions.RoutePrefix must start with '/' and not end with '/'.");
        }

        if (string.IsNullOrWhiteSpace(options.OrganisationNameRu) || string.IsNullOrWhiteSpace(options.OrganisationNameKz) || string.IsNullOrWhiteSpace(options.OrganisationNameEn))
        {
            failures.Add("EGovMobileSigningOptions.OrganisationNameRu, OrganisationNameKz and OrganisationNameEn are required.");
        }

        if (options.OrganisationBin is not { Length: 12 } bin || !bin.All(char.IsAsciiDigit))
        {
            failures.Add("EGovMobileSigningOptions.OrganisationBin must be 12 digits.");
        }

        if (!Enum.IsDefined(options.SignMethod))
        {
            failures.Add("EGovMobileSigningOptions.SignMethod is not a known sign method.");
        }

        if (!Enum.IsDefined(options.AuthType))
        {
            failures.Add("EGovMobileSigningOptions.AuthType is not a known auth type.");
        }
        else if (options.AuthType == EGovMobileAuthType.None && !options.AllowUnauthenticatedApi2)
        {
            failures.Add("EGovMobileSigningOptions.AuthType None leaves API 2 unauthenticated (the session id in the QR code becomes the only secret): set AllowUnauthenticatedApi2 to true to opt in, or use Token or Eds.");
        }

        if (options.SessionLifetime < TimeSpan.FromSeconds(30) || options.SessionLifetime > TimeSpan.FromHours(1))
        {
            failures.Add("EGovMobileSigningOptions.SessionLifetime must be between 30 seconds and 1 hour.");
        }

        if (options.MaxAnswerBytes < 4 * 1024 || options.MaxAnswerBytes > 8 * 1024 * 1024)
        {
            failures.Add("EGovMobileSigningOptions.MaxAnswerBytes must be between 4 KiB and 8 MiB.");
        }

        foreach (KeyValuePair<string, string> template in options.DeepLinkTemplates)
        {
            if (string.IsNullOrWhiteSpace(template.Key) || template.Value is null || !template.Value.Contains("{url}", StringComparison.Ordinal))
            {
                failures.Add("EGovMobileSigningOptions.DeepLinkTemplates: every template needs a name and a {url} placeholder.");
                break;
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
