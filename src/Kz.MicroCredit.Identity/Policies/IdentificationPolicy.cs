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

/// <summary>One requirement of a policy: any one of its methods must verify.</summary>
public sealed class IdentificationRequirement
{
    internal IdentificationRequirement(IReadOnlyList<IdentificationMethodId> anyOf, bool isOptional)
    {
        AnyOf = anyOf;
        IsOptional = isOptional;
    }

    /// <summary>Gets the methods, tried in this order until one verifies.</summary>
    public IReadOnlyList<IdentificationMethodId> AnyOf { get; }

    /// <summary>
    /// Gets a value indicating whether the requirement is optional: it is met when none of its methods is applicable,
    /// but a method that does run and fails still fails the policy.
    /// </summary>
    public bool IsOptional { get; }

    /// <inheritdoc />
    public override string ToString() => (IsOptional ? "optional " : string.Empty) + "(" + string.Join(" OR ", AnyOf) + ")";
}

/// <summary>Builds an <see cref="IdentificationPolicy"/>.</summary>
public sealed class IdentificationPolicyBuilder
{
    private readonly string _name;
    private readonly List<IdentificationRequirement> _requirements = [];

    internal IdentificationPolicyBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    /// <summary>Requires one method.</summary>
    /// <param name="methodId">The method.</param>
    /// <returns>This builder.</returns>
    public IdentificationPolicyBuilder Require(IdentificationMethodId methodId) => RequireAnyOf(methodId);

    /// <summary>Requires any one of the methods, tried in the given order.</summary>
    /// <param name="methodIds">The methods.</param>
    /// <returns>This builder.</returns>
    public IdentificationPolicyBuilder RequireAnyOf(params IdentificationMethodId[] methodIds) => Add(methodIds, optional: false);

    /// <summary>Adds an optional requirement: checked when its evidence is present; a failure then still fails the policy.</summary>
    /// <param name="methodIds">The methods.</param>
    /// <returns>This builder.</returns>
    public IdentificationPolicyBuilder Optional(params IdentificationMethodId[] methodIds) => Add(methodIds, optional: true);

    /// <summary>Freezes the policy.</summary>
    /// <returns>The policy.</returns>
    /// <exception cref="IdentificationConfigurationException">The policy has no requirement or no mandatory requirement.</exception>
    public IdentificationPolicy Build()
    {
        if (_requirements.Count == 0)
        {
            throw new IdentificationConfigurationException($"Policy '{_name}' has no requirement; an empty policy would verify anyone.");
        }

        if (_requirements.TrueForAll(r => r.IsOptional))
        {
            throw new IdentificationConfigurationException($"Policy '{_name}' has only optional requirements; it would verify a request without evidence.");
        }

        return new IdentificationPolicy(_name, _requirements.ToArray());
    }

    private IdentificationPolicyBuilder Add(IdentificationMethodId[] methodIds, bool optional)
    {
        ArgumentNullException.ThrowIfNull(methodIds);
        if (methodIds.Length == 0 || Array.Exists(methodIds, m => string.IsNullOrEmpty(m.Value)))
        {
            throw new IdentificationConfigurationException($"Policy '{_name}': a requirement needs at least one method id.");
        }

        if (methodIds.Distinct().Count() != methodIds.Length)
        {
            throw new IdentificationConfigurationException($"Policy '{_name}': a requirement names a method twice.");
        }

        _requirements.Add(new IdentificationRequirement(methodIds.ToArray(), optional));
        return this;
    }
}

/// <summary>Thrown for a misconfiguration (an empty policy, a policy naming an unregistered method…). Never for bad borrower input.</summary>
public sealed class IdentificationConfigurationException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="IdentificationConfigurationException"/> class.</summary>
    /// <param name="message">What is misconfigured.</param>
    public IdentificationConfigurationException(string message)
        : base(message)
    {
    }
}
