using Kz.MicroCredit.Identity;

namespace OnboardingWeb.Flow;

/// <summary>
/// The outcome of the phone check that step 2 ran alone, handed to the final decision so that SmartBridge is not asked
/// the same question again. Made by the server from its own session, never from anything the browser sent.
/// </summary>
public sealed class CheckedPhoneEvidence : BorrowerEvidence
{
    /// <summary>Initializes a new instance of the <see cref="CheckedPhoneEvidence"/> class.</summary>
    /// <param name="iin">The IIN the check was for.</param>
    /// <param name="phone">The number the check was for.</param>
    /// <param name="outcome">The outcome of the check.</param>
    public CheckedPhoneEvidence(Iin iin, KzPhoneNumber phone, MethodOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Iin = iin;
        Phone = phone;
        Outcome = outcome;
    }

    /// <inheritdoc />
    public override IdentificationMethodId MethodId => IdentificationMethodId.EGovPhoneOwnership;

    /// <summary>Gets the IIN the check was for.</summary>
    public Iin Iin { get; }

    /// <summary>Gets the number the check was for.</summary>
    public KzPhoneNumber Phone { get; }

    /// <summary>Gets the outcome, with the SmartBridge evidence and the time it was obtained.</summary>
    public MethodOutcome Outcome { get; }
}
