namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// Maps phone-ownership questions to SmartBridge service payloads and back. The exact schemas of the direct check and
/// of the consent confirmation are not public, so this is replaceable: register your own implementation before or
/// after <c>AddEGovPhoneOwnership</c> (the last registration wins). The default is <see cref="DefaultPhoneOwnershipBinding"/>,
/// documented with XML examples in docs/phone-ownership.md.
/// </summary>
/// <remarks>Implementations must not log or throw messages containing the payload; throw <see cref="FormatException"/> on a malformed payload.</remarks>
public interface IPhoneOwnershipBinding
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

/// <summary>A direct question: is this number registered to this IIN?</summary>
/// <param name="Iin">The declared IIN.</param>
/// <param name="PhoneNumber">The declared number.</param>
public sealed record PhoneOwnershipQuery(Iin Iin, KzPhoneNumber PhoneNumber)
{
    /// <inheritdoc />
    public override string ToString() => $"PhoneOwnershipQuery {{ Iin = {Iin}, PhoneNumber = {PhoneNumber} }}";
}

/// <summary>What a phone-ownership service said.</summary>
public enum PhoneOwnershipStatus
{
    /// <summary>Unknown or unusable answer.</summary>
    Unknown,

    /// <summary>The number is registered to the IIN.</summary>
    Registered,

    /// <summary>The number is not registered at all.</summary>
    NotRegistered,

    /// <summary>The number is registered to another IIN.</summary>
    RegisteredToAnotherIin,

    /// <summary>The IIN has another number registered (the declared one is not the registered one).</summary>
    IinHasAnotherNumber,

    /// <summary>The one-time code of the consent flow was wrong.</summary>
    ConsentCodeInvalid,
}

/// <summary>A phone-ownership answer with the IIN and number the service says it checked.</summary>
/// <param name="Status">The answer.</param>
/// <param name="AnsweredIin">The IIN in the answer, if any.</param>
/// <param name="AnsweredPhoneNumber">The number in the answer, if any.</param>
public sealed record PhoneOwnershipAnswer(PhoneOwnershipStatus Status, Iin? AnsweredIin, KzPhoneNumber? AnsweredPhoneNumber)
{
    /// <inheritdoc />
    public override string ToString() => $"PhoneOwnershipAnswer {{ Status = {Status} }}";
}

/// <summary>A КДП consent request for the mobile-citizens database.</summary>
public sealed record PhoneConsentRequest
{
    /// <summary>Gets the borrower's IIN.</summary>
    public required Iin Iin { get; init; }

    /// <summary>Gets the declared number.</summary>
    public required KzPhoneNumber PhoneNumber { get; init; }

    /// <summary>Gets the lender's name.</summary>
    public required string Company { get; init; }

    /// <summary>Gets the lender's BIN.</summary>
    public required Bin CompanyBin { get; init; }

    /// <summary>Gets the purpose / responsible unit text.</summary>
    public required string CompanyResponsible { get; init; }

    /// <summary>Gets the employee or system performing the request.</summary>
    public required string EmployeeName { get; init; }

    /// <summary>Gets the data set code, e.g. <c>MCDB_SERVICE</c>.</summary>
    public required string AccessName { get; init; }

    /// <summary>Gets how long the consent request stays valid.</summary>
    public required TimeSpan ExpiresIn { get; init; }

    /// <summary>Gets a value indicating whether the 1414 SMS is suppressed (must be false for this flow).</summary>
    public bool OmitSms { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"PhoneConsentRequest {{ Iin = {Iin}, AccessName = {AccessName} }}";
}

/// <summary>The КДП answer to a consent request.</summary>
/// <param name="CodeSent">Whether the gateway accepted the request and sent the 1414 code.</param>
/// <param name="RequestToken">The gateway's token for this consent request (echoed in the confirmation), if any.</param>
public sealed record PhoneConsentRequestAnswer(bool CodeSent, string? RequestToken)
{
    /// <inheritdoc />
    public override string ToString() => $"PhoneConsentRequestAnswer {{ CodeSent = {CodeSent} }}";
}

/// <summary>The confirmation of a consent request with the code the borrower entered.</summary>
/// <param name="Iin">The borrower's IIN.</param>
/// <param name="PhoneNumber">The declared number.</param>
/// <param name="AccessName">The data set code.</param>
/// <param name="RequestToken">The gateway's token from the consent answer, if any.</param>
/// <param name="OneTimeCode">The code the borrower entered. Secret: never log it.</param>
public sealed record PhoneConsentConfirmation(Iin Iin, KzPhoneNumber PhoneNumber, string AccessName, string? RequestToken, string OneTimeCode)
{
    /// <inheritdoc />
    public override string ToString() => $"PhoneConsentConfirmation {{ Iin = {Iin}, AccessName = {AccessName} }}";
}
