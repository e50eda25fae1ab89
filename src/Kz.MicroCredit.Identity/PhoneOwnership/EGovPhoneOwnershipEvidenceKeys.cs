namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// The fact keys and digest names the <c>egov-phone-ownership</c> method writes into its evidence (docs/phone-ownership.md).
/// </summary>
/// <remarks>The keys are a persisted contract (docs/evidence-report.md, "Fact keys"): never renamed or removed within a
/// major report schema version. Constants whose name ends in <c>Digest</c> name an input digest, the others a fact.</remarks>
public static class EGovPhoneOwnershipEvidenceKeys
{
    /// <summary><c>phone.mode</c>: the check used: <c>direct</c> or <c>consent</c>.</summary>
    public const string PhoneMode = "phone.mode";

    /// <summary><c>phone.result</c>: the ownership answer.</summary>
    public const string PhoneResult = "phone.result";

    /// <summary><c>consent.request.message-id</c>: the message id of the consent request.</summary>
    public const string ConsentRequestMessageId = "consent.request.message-id";

    /// <summary><c>consent.attempt</c>: the number of this consent confirmation attempt.</summary>
    public const string ConsentAttempt = "consent.attempt";

    /// <summary><c>smartbridge.service-id</c>: the SmartBridge service id called.</summary>
    public const string SmartBridgeServiceId = "smartbridge.service-id";

    /// <summary><c>smartbridge.request.message-id</c>: the message id of the request sent.</summary>
    public const string SmartBridgeRequestMessageId = "smartbridge.request.message-id";

    /// <summary><c>smartbridge.response.message-id</c>: the message id of the answer.</summary>
    public const string SmartBridgeResponseMessageId = "smartbridge.response.message-id";

    /// <summary><c>smartbridge.status</c>: the status code of the answer.</summary>
    public const string SmartBridgeStatus = "smartbridge.status";

    /// <summary><c>smartbridge.fault</c>: the fault code of the answer, when it is a fault.</summary>
    public const string SmartBridgeFault = "smartbridge.fault";

    /// <summary><c>smartbridge.signature</c>: the outcome of checking the answer's signature.</summary>
    public const string SmartBridgeSignature = "smartbridge.signature";

    /// <summary><c>smartbridge.signer.serial</c>: the serial number of the certificate that signed the answer.</summary>
    public const string SmartBridgeSignerSerial = "smartbridge.signer.serial";

    /// <summary><c>smartbridge.http</c>: the HTTP status of the answer.</summary>
    public const string SmartBridgeHttp = "smartbridge.http";

    /// <summary><c>smartbridge.response</c>: digest name of SmartBridge's answer as received.</summary>
    public const string SmartBridgeResponseDigest = "smartbridge.response";
}
