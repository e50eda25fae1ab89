using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.PhoneOwnership;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.SigningChannels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>Registers borrower identification from one configuration section (docs/configuration.md).</summary>
public static class BorrowerIdentificationConfigurationExtensions
{
    /// <summary>
    /// Registers borrower identification and every method whose sub-section is present in <paramref name="section"/>
    /// (<c>NcaEds</c> with <c>Revocation</c>, <c>KcmrBiometrics</c>, <c>RealTimePhoto</c>, <c>EGovPhoneOwnership</c>, and eGov mobile signing <c>EGovMobileSigning</c>; see
    /// <see cref="KzidConfigurationSections"/>), the policy named by <c>Policy</c>, and the start-up checks. Every
    /// validation message names the configuration path, e.g. <c>Kzid:EGovPhoneOwnership:Endpoint</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section, usually <c>builder.Configuration.GetSection("Kzid")</c>.</param>
    /// <returns>The builder, to add code-only settings (your own policy, the Redis state) on top.</returns>
    public static BorrowerIdentificationBuilder AddBorrowerIdentification(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        string path = section.Path;
        BorrowerIdentificationBuilder builder = services.AddBorrowerIdentification();
        services.AddOptions<StartupCheckOptions>().Bind(section.GetSection(KzidConfigurationSections.StartupChecks));
        services.AddOptions<ChallengeOptions>().Bind(section.GetSection(KzidConfigurationSections.Challenges));
        services.AddOptions<EvidenceReportOptions>().Bind(section.GetSection(KzidConfigurationSections.EvidenceReports));
        AddPolicies(builder, section);

        if (IsEnabled(section, KzidConfigurationSections.NcaEds))
        {
            builder.AddNcaEds(section.GetSection(KzidConfigurationSections.NcaEds));
            AddRevocation(builder, section);
            Wrap<NcaEdsOptions>(services, path, KzidConfigurationSections.NcaEds);
        }

        if (IsEnabled(section, KzidConfigurationSections.KcmrBiometrics))
        {
            builder.AddKcmrBiometrics(section.GetSection(KzidConfigurationSections.KcmrBiometrics));
            Wrap<KcmrBiometricsOptions>(services, path, KzidConfigurationSections.KcmrBiometrics);
        }

        if (IsEnabled(section, KzidConfigurationSections.RealTimePhoto))
        {
            // The reference HTTP adapter needs the vendor's address; checked here so the start fails, not the first request.
            bool ownProvider = services.Any(d => d.ServiceType == typeof(ILivenessProvider));
            builder.AddRealTimePhotoVerification(section.GetSection(KzidConfigurationSections.RealTimePhoto));
            services.AddOptions<RealTimePhotoOptions>().Validate(
                o => ownProvider || o.Provider.BaseAddress is not null,
                "RealTimePhoto:Provider:BaseAddress is required by the reference HTTP liveness adapter (or register your own ILivenessProvider and IFaceMatchProvider before AddBorrowerIdentification).");
            Wrap<RealTimePhotoOptions>(services, path, KzidConfigurationSections.RealTimePhoto);
        }

        if (IsEnabled(section, KzidConfigurationSections.EGovPhoneOwnership))
        {
            builder.AddEGovPhoneOwnership(section.GetSection(KzidConfigurationSections.EGovPhoneOwnership));
            Wrap<EGovPhoneOwnershipOptions>(services, path, KzidConfigurationSections.EGovPhoneOwnership);
        }

        if (IsEnabled(section, KzidConfigurationSections.EGovMobileSigning))
        {
            builder.AddEGovMobileSigning(section.GetSection(KzidConfigurationSections.EGovMobileSigning));
            Wrap<EGovMobileSigningOptions>(services, path, KzidConfigurationSections.EGovMobileSigning);
        }

        Wrap<ChallengeOptions>(services, path, KzidConfigurationSections.Challenges);
        Wrap<EvidenceReportOptions>(services, path, KzidConfigurationSections.EvidenceReports);
        return builder;
    }

    /// <summary>Resolves a policy name used in configuration.</summary>
    /// <param name="name">The name: <c>rules-2025</c> or <c>rules-2021</c> (case-insensitive).</param>
    /// <returns>The policy, or <see langword="null"/> when the name is not known.</returns>
    public static IdentificationPolicy? FindPolicy(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "RULES-2025" => IdentificationPolicies.Rules2025,
        "RULES-2021" => IdentificationPolicies.Rules2021,
        _ => null,
    };

    private static bool IsEnabled(IConfigurationSection section, string key)
    {
        IConfigurationSection child = section.GetSection(key);
        return child.Exists() && !string.Equals(child[KzidConfigurationSections.Enabled], "false", StringComparison.OrdinalIgnoreCase);
    }

    private static void AddPolicies(BorrowerIdentificationBuilder builder, IConfigurationSection section)
    {
        string path = section.Path;
        var failures = new List<string>();
        string? policyName = section[KzidConfigurationSections.Policy];
        if (policyName is not null)
        {
            if (FindPolicy(policyName) is { } policy)
            {
                builder.UsePolicy(policy);
            }
            else
            {
                failures.Add($"{path}:{KzidConfigurationSections.Policy} '{policyName}' is not a known policy (rules-2025, rules-2021).");
            }
        }

        foreach (IConfigurationSection child in section.GetSection(KzidConfigurationSections.OperationPolicies).GetChildren())
        {
            string key = $"{path}:{KzidConfigurationSections.OperationPolicies}:{child.Key}";
            if (!Enum.TryParse(child.Key, ignoreCase: true, out IdentificationOperation operation) || !Enum.IsDefined(operation))
            {
                failures.Add($"{key} is not an operation ({string.Join(", ", Enum.GetNames<IdentificationOperation>())}).");
            }
            else if (FindPolicy(child.Value) is { } policy)
            {
                builder.UsePolicy(operation, policy);
            }
            else
            {
                failures.Add($"{key} '{child.Value}' is not a known policy (rules-2025, rules-2021).");
            }
        }

        IServiceCollection services = builder.Services;
        if (failures.Count > 0)
        {
            services.AddSingleton<IValidateOptions<BorrowerIdentificationOptions>>(new FixedFailures<BorrowerIdentificationOptions>(failures));
        }

        if (policyName is null)
        {
            services.AddSingleton<IValidateOptions<BorrowerIdentificationOptions>>(new PolicyChosenValidator(path));
        }
    }

    private static void AddRevocation(BorrowerIdentificationBuilder builder, IConfigurationSection section)
    {
        string path = section.Path;
        IConfigurationSection revocation = section.GetSection(KzidConfigurationSections.Revocation);
        string? presetName = revocation["Preset"];
        RevocationPreset preset = RevocationPreset.Custom;
        if (presetName is not null && (!Enum.TryParse(presetName, ignoreCase: true, out preset) || !Enum.IsDefined(preset)))
        {
            builder.Services.AddSingleton<IValidateOptions<NcaEdsOptions>>(new FixedFailures<NcaEdsOptions>(
                [$"{path}:{KzidConfigurationSections.Revocation}:Preset '{presetName}' is not known (NcaProduction, NcaTest, Custom, Off)."]));
            preset = RevocationPreset.Custom;
        }

        if (preset == RevocationPreset.Off)
        {
            // Explicitly off: the method reports revocation as not checked, and no checker is registered.
            builder.Services.PostConfigure<NcaEdsOptions>(o => o.Revocation = NcaEdsRevocationMode.Off);
        }
        else if (revocation.Exists())
        {
            builder.AddNcaRevocation(revocation);
            if (preset == RevocationPreset.NcaProduction)
            {
                builder.Services.Configure<RevocationOptions>(o => o.UseNcaProduction());
            }
            else if (preset == RevocationPreset.NcaTest)
            {
                builder.Services.Configure<RevocationOptions>(o => o.UseNcaTest());
            }

            Wrap<RevocationOptions>(builder.Services, path, KzidConfigurationSections.Revocation);
        }

        builder.Services.AddSingleton<IValidateOptions<NcaEdsOptions>>(sp => new RevocationConfiguredValidator(path, sp));
    }

    private static void Wrap<TOptions>(IServiceCollection services, string path, string key)
        where TOptions : class =>
        ConfigurationPathValidator<TOptions>.Wrap(services, path, string.IsNullOrEmpty(path) ? key : $"{path}:{key}");

    private sealed class FixedFailures<TOptions>(IReadOnlyList<string> failures) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options) => ValidateOptionsResult.Fail(failures);
    }

    private sealed class PolicyChosenValidator(string path) : IValidateOptions<BorrowerIdentificationOptions>
    {
        public ValidateOptionsResult Validate(string? name, BorrowerIdentificationOptions options) =>
            options.DefaultPolicy is null && options.OperationPolicies.Count == 0
                ? ValidateOptionsResult.Fail($"{path}:{KzidConfigurationSections.Policy} is not set: use rules-2025 or rules-2021 (or call UsePolicy on the returned builder).")
                : ValidateOptionsResult.Success;
    }
}
