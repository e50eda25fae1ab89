using Kz.MicroCredit.Identity;
using Microsoft.Extensions.Options;

namespace OnboardingWeb.Flow;

/// <summary>The sample's own settings, bound from the <c>Onboarding</c> configuration section.</summary>
public sealed class OnboardingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Onboarding";

    /// <summary>Gets or sets the regulator's rule set the decision follows: <c>rules-2025</c> or <c>rules-2021</c>.</summary>
    /// <value>The default value is <c>rules-2025</c>.</value>
    public string Policy { get; set; } = "rules-2025";

    /// <summary>
    /// Gets or sets a value indicating whether the lender also requires the real-time two-factor photo (liveness vendor
    /// plus SMS code) on top of the rule set. Off skips the SMS-code step.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireRealTimePhoto { get; set; } = true;

    /// <summary>Builds the policy the flow decides with.</summary>
    /// <returns>The policy.</returns>
    public IdentificationPolicy BuildPolicy()
    {
        IdentificationPolicy preset = PresetOrNull(Policy) ?? throw new InvalidOperationException("Onboarding:Policy is rules-2025 or rules-2021.");
        if (!RequireRealTimePhoto)
        {
            return preset;
        }

        // The rule set as published, plus the lender's own extra requirement: named so the evidence report says so.
        // The SMS code must go to a number proven to be the borrower's, so an optional phone check becomes required
        // (the SDK refuses to start otherwise); the flow checks the phone first in any case.
        IdentificationPolicyBuilder builder = IdentificationPolicy.Create(preset.Name + "+real-time-photo");
        foreach (IdentificationRequirement requirement in preset.Requirements)
        {
            IdentificationMethodId[] anyOf = [.. requirement.AnyOf];
            bool optional = requirement.IsOptional && !anyOf.Contains(IdentificationMethodId.EGovPhoneOwnership);
            builder = optional ? builder.Optional(anyOf) : builder.RequireAnyOf(anyOf);
        }

        return builder.Require(IdentificationMethodId.RealTimePhoto).Build();
    }

    /// <summary>Gets a preset by name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The preset or <see langword="null"/>.</returns>
    public static IdentificationPolicy? PresetOrNull(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "RULES-2025" => IdentificationPolicies.Rules2025,
        "RULES-2021" => IdentificationPolicies.Rules2021,
        _ => null,
    };
}

/// <summary>Checks <see cref="OnboardingOptions"/> at start-up, naming the configuration path.</summary>
public sealed class OnboardingOptionsValidator : IValidateOptions<OnboardingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OnboardingOptions options) =>
        OnboardingOptions.PresetOrNull(options?.Policy) is null
            ? ValidateOptionsResult.Fail($"{OnboardingOptions.SectionName}:Policy must be rules-2025 or rules-2021.")
            : ValidateOptionsResult.Success;
}
