using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity;

/// <summary>Which policy applies to which operation. Set through <see cref="BorrowerIdentificationBuilder.UsePolicy(IdentificationPolicy)"/>.</summary>
public sealed class BorrowerIdentificationOptions
{
    /// <summary>Gets or sets the policy for operations without their own.</summary>
    /// <value>The default value is <see langword="null"/>: a policy must be chosen, or start-up validation fails.</value>
    public IdentificationPolicy? DefaultPolicy { get; set; }

    /// <summary>Gets the policies per operation (e.g. stricter for a phone or IBAN change).</summary>
    public IDictionary<IdentificationOperation, IdentificationPolicy> OperationPolicies { get; } = new Dictionary<IdentificationOperation, IdentificationPolicy>();

    /// <summary>Gets the method ids registered through the builder; used to validate policies at start-up.</summary>
    public ISet<IdentificationMethodId> RegisteredMethods { get; } = new HashSet<IdentificationMethodId>();
}

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

/// <summary>Checks evidence-report options at start-up.</summary>
internal sealed class EvidenceReportOptionsValidator : IValidateOptions<EvidenceReportOptions>
{
    public ValidateOptionsResult Validate(string? name, EvidenceReportOptions options) =>
        options.SubjectTokenKey is { Length: < 32 }
            ? ValidateOptionsResult.Fail("EvidenceReportOptions.SubjectTokenKey must be at least 32 bytes.")
            : ValidateOptionsResult.Success;
}
