namespace Kz.MicroCredit.Identity;

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
