namespace Kz.MicroCredit.Identity;

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
