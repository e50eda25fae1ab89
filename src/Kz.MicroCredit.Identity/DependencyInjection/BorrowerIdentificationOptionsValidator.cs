using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>Checks at start-up that a policy is chosen and refers only to registered methods.</summary>
internal sealed class BorrowerIdentificationOptionsValidator : IValidateOptions<BorrowerIdentificationOptions>
{
    public ValidateOptionsResult Validate(string? name, BorrowerIdentificationOptions options)
    {
        var failures = new List<string>();
        if (options.DefaultPolicy is null && options.OperationPolicies.Count == 0)
        {
            failures.Add("No identification policy is configured: call UsePolicy(...) on the builder.");
        }

        IEnumerable<IdentificationPolicy> policies = options.OperationPolicies.Values;
        if (options.DefaultPolicy is not null)
        {
            policies = policies.Append(options.DefaultPolicy);
        }

        foreach (IdentificationPolicy policy in policies)
        {
            foreach (IdentificationMethodId id in policy.Requirements.Where(r => !r.IsOptional).SelectMany(r => r.AnyOf))
            {
                if (!options.RegisteredMethods.Contains(id))
                {
                    failures.Add($"Policy '{policy.Name}' requires method '{id}', which is not registered (call the matching AddXxx on the builder).");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures.Distinct());
    }
}
