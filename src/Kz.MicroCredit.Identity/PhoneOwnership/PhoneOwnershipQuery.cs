namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>A direct question: is this number registered to this IIN?</summary>
/// <param name="Iin">The declared IIN.</param>
/// <param name="PhoneNumber">The declared number.</param>
internal sealed record PhoneOwnershipQuery(Iin Iin, KzPhoneNumber PhoneNumber)
{
    /// <inheritdoc />
    public override string ToString() => $"PhoneOwnershipQuery {{ Iin = {Iin}, PhoneNumber = {PhoneNumber} }}";
}
