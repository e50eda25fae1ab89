namespace Kz.MicroCredit.Identity;

/// <summary>Base type of the evidence a method consumes; each method defines its own in its folder.</summary>
public abstract class BorrowerEvidence
{
    /// <summary>Gets the method this evidence is for.</summary>
    public abstract IdentificationMethodId MethodId { get; }
}
