namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Evidence for <c>egov-phone-ownership</c> in consent mode: the handle returned by
/// <see cref="IPhoneOwnershipConsentService.StartConsentAsync"/> and the 1414 code the borrower entered. Direct mode
/// needs no evidence (only <see cref="BorrowerIdentificationRequest.PhoneNumber"/>).
/// </summary>
public sealed class EGovPhoneOwnershipEvidence : BorrowerEvidence
{
    /// <summary>Initializes a new instance of the <see cref="EGovPhoneOwnershipEvidence"/> class.</summary>
    /// <param name="consentHandle">The handle from <see cref="IPhoneOwnershipConsentService.StartConsentAsync"/>.</param>
    /// <param name="oneTimeCode">The code the borrower received from 1414 and entered.</param>
    public EGovPhoneOwnershipEvidence(string consentHandle, string oneTimeCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consentHandle);
        ArgumentException.ThrowIfNullOrWhiteSpace(oneTimeCode);
        ConsentHandle = consentHandle;
        OneTimeCode = oneTimeCode;
    }

    /// <inheritdoc />
    public override IdentificationMethodId MethodId => IdentificationMethodId.EGovPhoneOwnership;

    /// <summary>Gets the consent handle.</summary>
    public string ConsentHandle { get; }

    /// <summary>Gets the one-time code. Secret: never log it.</summary>
    public string OneTimeCode { get; }

    /// <inheritdoc />
    public override string ToString() => "EGovPhoneOwnershipEvidence { OneTimeCode = *** }";
}
