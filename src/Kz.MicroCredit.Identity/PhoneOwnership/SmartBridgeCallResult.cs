using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>What one SmartBridge call produced: a verified, bound, successful answer or a failure reason.</summary>
internal sealed record SmartBridgeCallResult
{
    public required string RequestMessageId { get; init; }

    public required string ServiceId { get; init; }

    public ReasonCode? Failure { get; init; }

    public int HttpStatus { get; init; }

    public string? StatusCode { get; init; }

    public string? ResponseMessageId { get; init; }

    public string? FaultCode { get; init; }

    public byte[]? ResponseBytes { get; init; }

    public string SignatureCheck { get; init; } = "none";

    public string? SignerSerial { get; init; }

    public SmartBridgeResponseData? Data { get; init; }

    public bool Succeeded => Failure is null && Data is not null;

    /// <inheritdoc />
    public override string ToString() => $"SmartBridgeCallResult {{ MessageId = {RequestMessageId}, ServiceId = {ServiceId}, Failure = {Failure}, Status = {StatusCode} }}";

    /// <summary>Writes the non-personal facts of the call (documented keys, see docs/phone-ownership.md).</summary>
    public void WriteEvidence(MethodEvidenceBuilder evidence)
    {
        evidence.Set(EGovPhoneOwnershipEvidenceKeys.SmartBridgeServiceId, ServiceId);
        evidence.Set(EGovPhoneOwnershipEvidenceKeys.SmartBridgeRequestMessageId, RequestMessageId);
        evidence.Set(EGovPhoneOwnershipEvidenceKeys.SmartBridgeResponseMessageId, ResponseMessageId is null ? null : SmartBridgeResponseParser.SafeCode(ResponseMessageId));
        evidence.Set(EGovPhoneOwnershipEvidenceKeys.SmartBridgeStatus, StatusCode);
        evidence.Set(EGovPhoneOwnershipEvidenceKeys.SmartBridgeFault, FaultCode);
        evidence.Set(EGovPhoneOwnershipEvidenceKeys.SmartBridgeSignature, SignatureCheck);
        evidence.Set(EGovPhoneOwnershipEvidenceKeys.SmartBridgeSignerSerial, SignerSerial);
        if (HttpStatus != 0)
        {
            evidence.Set(EGovPhoneOwnershipEvidenceKeys.SmartBridgeHttp, HttpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (ResponseBytes is not null)
        {
            evidence.Digest(EGovPhoneOwnershipEvidenceKeys.SmartBridgeResponseDigest, ResponseBytes);
        }
    }
}
