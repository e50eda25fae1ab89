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
