namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Maps phone-ownership questions to SmartBridge service payloads and back. The exact schemas of the direct check and
/// of the consent confirmation are not public, so they sit behind this seam (internal since the API freeze: a schema
/// change is a library release). The default is <see cref="DefaultPhoneOwnershipBinding"/>, documented with XML
/// examples in docs/phone-ownership.md.
/// </summary>
/// <remarks>Implementations must not log or throw messages containing the payload; throw <see cref="FormatException"/> on a malformed payload.</remarks>
internal interface IPhoneOwnershipBinding
{
    /// <summary>Builds the request data of the direct check service (IIN + number).</summary>
    /// <param name="query">The question.</param>
    /// <returns>The service data.</returns>
    SmartBridgeServiceData CreateDirectCheckRequest(PhoneOwnershipQuery query);

    /// <summary>Reads the direct check service's answer.</summary>
    /// <param name="data">The verified response data.</param>
    /// <param name="query">The question it answers.</param>
    /// <returns>The answer, with the IIN and number the service says it checked.</returns>
    PhoneOwnershipAnswer ReadDirectCheckResponse(SmartBridgeResponseData data, PhoneOwnershipQuery query);

    /// <summary>Builds the КДП consent request (<c>getUserDataRequest</c>) that makes the gateway send a 1414 code.</summary>
    /// <param name="query">The consent request.</param>
    /// <returns>The service data.</returns>
    SmartBridgeServiceData CreateConsentRequest(PhoneConsentRequest query);

    /// <summary>Reads the КДП answer to the consent request.</summary>
    /// <param name="data">The verified response data.</param>
    /// <param name="query">The consent request.</param>
    /// <returns>Whether the code was sent, and the gateway's request token.</returns>
    PhoneConsentRequestAnswer ReadConsentResponse(SmartBridgeResponseData data, PhoneConsentRequest query);

    /// <summary>Builds the confirmation request carrying the code the borrower entered.</summary>
    /// <param name="query">The confirmation.</param>
    /// <returns>The service data.</returns>
    SmartBridgeServiceData CreateConsentConfirmation(PhoneConsentConfirmation query);

    /// <summary>Reads the answer to the confirmation: the number registered to the IIN in the mobile-citizens database.</summary>
    /// <param name="data">The verified response data.</param>
    /// <param name="query">The confirmation.</param>
    /// <returns>The answer.</returns>
    PhoneOwnershipAnswer ReadConsentConfirmationResponse(SmartBridgeResponseData data, PhoneConsentConfirmation query);
}
