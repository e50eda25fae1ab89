using Kz.MicroCredit.Identity;

namespace OnboardingWeb.Flow;

/// <summary>The sample's own settings, bound from the <c>Onboarding</c> configuration section.</summary>
public sealed class OnboardingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Onboarding";

    /// <summary>
    /// Gets or sets a value indicating whether the lender also requires the real-time two-factor photo (liveness vendor
    /// plus SMS code) on top of the rule set. Off skips the SMS-code step.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireRealTimePhoto { get; set; } = true;

    /// <summary>
    /// Gets or sets how long the phone check of step 2 stands for the final decision. Within it SmartBridge is asked once
    /// per onboarding; after it (a borrower who left the flow open) the final decision asks again.
    /// </summary>
    /// <value>The default value is 15 minutes.</value>
    public TimeSpan PhoneCheckValidity { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Builds the policy the flow decides with, on top of the regulator's rule set named by <c>Kzid:Policy</c>.</summary>
    /// <param name="preset">The rule set the SDK's configuration named (rules-2025 or rules-2021).</param>
    /// <returns>The policy.</returns>
    public IdentificationPolicy BuildPolicy(IdentificationPolicy preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
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
}
