namespace Kz.MicroCredit.Identity;

/// <summary>
/// An AND of requirements, each an OR over methods, evaluated in declared order. A veto from any method rejects the
/// whole policy even if another method passed. Build one with <see cref="Create"/> or take a preset from
/// <see cref="IdentificationPolicies"/>. Immutable.
/// </summary>
public sealed class IdentificationPolicy
{
    internal IdentificationPolicy(string name, IReadOnlyList<IdentificationRequirement> requirements)
    {
        Name = name;
        Requirements = requirements;
    }

    /// <summary>Gets the policy name written into evidence reports, e.g. <c>rules-2021</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the requirements, all of which must be met.</summary>
    public IReadOnlyList<IdentificationRequirement> Requirements { get; }

    /// <summary>Gets every method id the policy refers to, in declared order without repeats.</summary>
    public IEnumerable<IdentificationMethodId> MethodIds => Requirements.SelectMany(r => r.AnyOf).Distinct();

    /// <summary>Starts a policy.</summary>
    /// <param name="name">Lower-case letters, digits and dashes.</param>
    /// <returns>A builder.</returns>
    public static IdentificationPolicyBuilder Create(string name) => new(name);

    /// <summary>A policy that requires one method.</summary>
    /// <param name="methodId">The method.</param>
    /// <returns>The policy, named after the method.</returns>
    public static IdentificationPolicy ForMethod(IdentificationMethodId methodId) => Create(methodId.Value).Require(methodId).Build();

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {string.Join(" AND ", Requirements)}";
}
