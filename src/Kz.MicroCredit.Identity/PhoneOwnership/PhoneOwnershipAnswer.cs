namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>A phone-ownership answer with the IIN and number the service says it checked.</summary>
/// <param name="Status">The answer.</param>
/// <param name="AnsweredIin">The IIN in the answer, if any.</param>
/// <param name="AnsweredPhoneNumber">The number in the answer, if any.</param>
internal sealed record PhoneOwnershipAnswer(PhoneOwnershipStatus Status, Iin? AnsweredIin, KzPhoneNumber? AnsweredPhoneNumber)
{
    /// <inheritdoc />
    public override string ToString() => $"PhoneOwnershipAnswer {{ Status = {Status} }}";
}
