namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>The confirmation of a consent request with the code the borrower entered.</summary>
/// <param name="Iin">The borrower's IIN.</param>
/// <param name="PhoneNumber">The declared number.</param>
/// <param name="AccessName">The data set code.</param>
/// <param name="RequestToken">The gateway's token from the consent answer, if any.</param>
/// <param name="OneTimeCode">The code the borrower entered. Secret: never log it.</param>
internal sealed record PhoneConsentConfirmation(Iin Iin, KzPhoneNumber PhoneNumber, string AccessName, string? RequestToken, string OneTimeCode)
{
    /// <inheritdoc />
    public override string ToString() => $"PhoneConsentConfirmation {{ Iin = {Iin}, AccessName = {AccessName} }}";
}
