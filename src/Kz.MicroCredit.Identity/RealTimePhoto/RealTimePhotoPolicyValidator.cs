using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.RealTimePhoto;

/// <summary>Checks at start-up that every policy using <c>realtime-photo</c> also requires <c>egov-phone-ownership</c>.</summary>
internal sealed class RealTimePhotoPolicyValidator(IOptions<RealTimePhotoOptions> photoOptions) : IValidateOptions<BorrowerIdentificationOptions>
{
    public ValidateOptionsResult Validate(string? name, BorrowerIdentificationOptions options)
    {
        try
        {
            if (!photoOptions.Value.RequirePhoneOwnershipInPolicy)
            {
                return ValidateOptionsResult.Success;
            }
        }
        catch (OptionsValidationException)
        {
            return ValidateOptionsResult.Skip; // The invalid real-time photo options are reported by their own validator.
        }

        IEnumerable<IdentificationPolicy> policies = options.OperationPolicies.Values;
        if (options.DefaultPolicy is not null)
        {
            policies = policies.Append(options.DefaultPolicy);
        }

        var failures = new List<string>();
        foreach (IdentificationPolicy policy in policies)
        {
            bool usesPhoto = policy.MethodIds.Contains(IdentificationMethodId.RealTimePhoto);
            bool requiresPhone = policy.Requirements.Any(r => !r.IsOptional && r.AnyOf.Count == 1 && r.AnyOf[0] == IdentificationMethodId.EGovPhoneOwnership);
            if (usesPhoto && !requiresPhone)
            {
                failures.Add($"Policy '{policy.Name}' uses realtime-photo but does not require egov-phone-ownership: the one-time code must go to a number proven to belong to the IIN (or set RealTimePhotoOptions.RequirePhoneOwnershipInPolicy = false).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
