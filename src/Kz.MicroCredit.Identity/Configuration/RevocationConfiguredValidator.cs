using Kz.MicroCredit.Identity.Eds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// Fails the start when <c>nca-eds</c> checks revocation (hard or soft) but no issuer endpoint is configured — every
/// signature would otherwise be Indeterminate at request time. Turning revocation off must be explicit.
/// </summary>
internal sealed class RevocationConfiguredValidator(string path, IServiceProvider services) : IValidateOptions<NcaEdsOptions>
{
    public ValidateOptionsResult Validate(string? name, NcaEdsOptions options)
    {
        if (options.Revocation == NcaEdsRevocationMode.Off)
        {
            return ValidateOptionsResult.Success;
        }

        string fix = $"set {path}:{KzidConfigurationSections.Revocation}:Preset to NcaProduction or NcaTest, list {path}:{KzidConfigurationSections.Revocation}:Issuers, or turn revocation off explicitly with {path}:{KzidConfigurationSections.Revocation}:Preset = Off.";
        ICertificateRevocationChecker? checker = services.GetService<ICertificateRevocationChecker>();
        if (checker is null or NoRevocationChecker)
        {
            return ValidateOptionsResult.Fail($"{path}:{KzidConfigurationSections.Revocation} is missing while {path}:{KzidConfigurationSections.NcaEds}:Revocation is {options.Revocation}: {fix}");
        }

        if (checker is CompositeRevocationChecker)
        {
            RevocationOptions revocation = services.GetRequiredService<IOptions<RevocationOptions>>().Value;
            if (revocation.Issuers.Count == 0 && revocation.OcspResponderUrl is null && revocation.CrlFiles.Count == 0)
            {
                return ValidateOptionsResult.Fail($"{path}:{KzidConfigurationSections.Revocation} has no issuer configured: {fix}");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
