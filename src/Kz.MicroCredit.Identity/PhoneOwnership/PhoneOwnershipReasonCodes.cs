namespace Kz.MicroCredit.Identity;

/// <summary>Reason codes of the e-government phone-ownership check (<c>egov-phone-ownership</c>).</summary>
public readonly partial struct ReasonCode
{
    /// <summary>Gets a code (veto): the number is registered to another IIN in the operators' data.</summary>
    public static ReasonCode PhoneRegisteredToAnotherIin { get; } = new(nameof(PhoneRegisteredToAnotherIin));

    /// <summary>Gets a code (veto): the number registered to the borrower's IIN is not the declared number.</summary>
    public static ReasonCode PhoneNotRegisteredToIin { get; } = new(nameof(PhoneNotRegisteredToIin));

    /// <summary>Gets a code: the operators' data has no registration for the declared number.</summary>
    public static ReasonCode PhoneNotRegistered { get; } = new(nameof(PhoneNotRegistered));

    /// <summary>Gets a code: the service answered that the ownership is unknown (no data, unsupported operator…).</summary>
    public static ReasonCode PhoneOwnershipUnknown { get; } = new(nameof(PhoneOwnershipUnknown));

    /// <summary>Gets a code: the one-time code the borrower entered for the 1414 consent flow was wrong.</summary>
    public static ReasonCode PhoneConsentCodeInvalid { get; } = new(nameof(PhoneConsentCodeInvalid));

    /// <summary>Gets a code: SmartBridge answered with a SOAP fault.</summary>
    public static ReasonCode SmartBridgeFault { get; } = new(nameof(SmartBridgeFault));

    /// <summary>Gets a code: SmartBridge answered with a status code that is not a success.</summary>
    public static ReasonCode SmartBridgeStatusError { get; } = new(nameof(SmartBridgeStatusError));

    /// <summary>Gets a code: the gateway's signature on the answer is missing, invalid or not by the configured gateway certificate.</summary>
    public static ReasonCode SmartBridgeSignatureInvalid { get; } = new(nameof(SmartBridgeSignatureInvalid));

    /// <summary>Gets a code: the answer is not for this request (another message id, IIN or number).</summary>
    public static ReasonCode SmartBridgeResponseMismatch { get; } = new(nameof(SmartBridgeResponseMismatch));
}
