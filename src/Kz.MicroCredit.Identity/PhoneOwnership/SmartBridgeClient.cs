using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kz.MicroCredit.Identity.PhoneOwnership;

/// <summary>
/// The SmartBridge SyncChannel client: builds the envelope, signs the Body with the lender's key, POSTs it through the
/// resilient named <see cref="HttpClient"/>, parses the answer with the hardened reader, checks the gateway's
/// signature (when configured), binds the answer to the request and maps faults and status codes.
/// </summary>
internal sealed class SmartBridgeClient : ISmartBridgeClient
{
    public const string HttpClientName = "Kz.MicroCredit.Identity.SmartBridge";

    /// <summary>The gateway's transport failures as reason codes: any status other than 200/500 and an open breaker are
    /// unavailable, a timeout is a timeout, a broken answer (too large, redirect, empty) a protocol error.</summary>
    private static readonly RemoteCallReasons Reasons = new()
    {
        Unavailable = [ReasonCode.ProviderUnavailable],
        Protocol = [ReasonCode.ProviderProtocolError],
        Timeout = [ReasonCode.Timeout],
        ForStatus = static _ => [ReasonCode.ProviderUnavailable],
    };

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly SmartBridgeSettings _settings;
    private readonly ISmartBridgeEnvelopeSigner _signer;
    private readonly ISmartBridgeResponseVerifier _verifier;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public SmartBridgeClient(
        IHttpClientFactory httpClientFactory,
        SmartBridgeSettings settings,
        ISmartBridgeEnvelopeSigner signer,
        ISmartBridgeResponseVerifier verifier,
        TimeProvider timeProvider,
        ILogger<SmartBridgeClient>? logger = null)
    {
        _httpClientFactory = httpClientFactory;
        _settings = settings;
        _signer = signer;
        _verifier = verifier;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async Task<SmartBridgeCallResult> SendAsync(string serviceId, SmartBridgeServiceData data, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        ArgumentNullException.ThrowIfNull(data);
        EGovPhoneOwnershipOptions options = _settings.Options;
        string messageId = Guid.NewGuid().ToString("D");
        var info = new SmartBridgeRequestInfo(
            messageId,
            CorrelationId: null,
            serviceId,
            _timeProvider.GetUtcNow(),
            options.SenderId!,
            _settings.SenderPassword,
            SessionId: Guid.NewGuid().ToString("D"));
        XmlDocument envelope = SmartBridgeEnvelope.Build(info, data, SmartBridgeEnvelope.NewBodyId());
        await _signer.SignAsync(envelope, cancellationToken).ConfigureAwait(false);
        byte[] requestBytes = SmartBridgeEnvelope.ToBytes(envelope);

        HttpClient http = _httpClientFactory.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint);
        request.Content = new ByteArrayContent(requestBytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("SOAPAction", "\"\"");
        PhoneOwnershipLog.RequestSent(_logger, messageId, serviceId);

        // The one transport path (Http/RemoteHttpCall): a 200 or a 500 (SOAP faults travel in a 500) with a body is an
        // answer to interpret; anything else is a failure mapped by the one mapping (Http/RemoteCallReasons).
        RemoteCallResult<ReadOnlyMemory<byte>> answer = await RemoteHttpCall.SendAsync(
            ct => http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct),
            options.MaxResponseBytes,
            RemoteAnswerRules.RequireBody | RemoteAnswerRules.ReadServerErrorBody,
            cancellationToken).ConfigureAwait(false);
        if (!answer.Succeeded)
        {
            ReasonCode reason = Reasons.For(answer)[0];
            int status = answer.HttpStatus ?? 0;
            if (answer.Reason!.StartsWith("http-", StringComparison.Ordinal) || answer.Reason == RemoteHttpCall.Empty)
            {
                return Fail(messageId, serviceId, reason, status);
            }

            PhoneOwnershipLog.TransportFailed(_logger, messageId, serviceId, answer.Reason, reason.Value);
            return Fail(messageId, serviceId, reason, status, log: false);
        }

        return Interpret(messageId, serviceId, answer.HttpStatus!.Value, answer.Value.ToArray());
    }

    internal SmartBridgeCallResult Interpret(string messageId, string serviceId, int httpStatus, byte[] responseBytes)
    {
        EGovPhoneOwnershipOptions options = _settings.Options;
        XmlDocument document;
        SmartBridgeResponse parsed;
        try
        {
            document = SmartBridgeXml.Load(responseBytes, options.MaxResponseBytes);
            parsed = SmartBridgeResponseParser.Parse(document);
        }
        catch (SmartBridgeXmlException ex)
        {
            PhoneOwnershipLog.ResponseRejected(_logger, messageId, "xml-" + ex.Error);
            return Fail(messageId, serviceId, httpStatus >= 500 ? ReasonCode.ProviderUnavailable : ReasonCode.ProviderProtocolError, httpStatus, responseBytes, log: false);
        }

        if (parsed.IsFault)
        {
            return Fail(messageId, serviceId, ReasonCode.SmartBridgeFault, httpStatus, responseBytes) with { FaultCode = parsed.FaultCode };
        }

        if (httpStatus != 200)
        {
            return Fail(messageId, serviceId, ReasonCode.ProviderUnavailable, httpStatus, responseBytes);
        }

        string signature = "not-configured";
        string? signerSerial = null;
        X509Certificate2? gateway = _settings.GatewayCertificate;
        if (gateway is not null)
        {
            SmartBridgeSignatureCheck check = _verifier.Verify(document, parsed.Body!, gateway);
            if (!check.IsValid)
            {
                PhoneOwnershipLog.ResponseRejected(_logger, messageId, "signature-" + (check.FailureCode ?? "invalid"));
                return Fail(messageId, serviceId, ReasonCode.SmartBridgeSignatureInvalid, httpStatus, responseBytes, log: false)
                    with { SignatureCheck = "invalid" };
            }

            signature = "verified";
            signerSerial = check.Signer?.SerialNumber.ToLowerInvariant();
        }

        string? responseMessageId = parsed.MessageId;
        if (options.RequireMessageIdEcho
            && !string.Equals(parsed.MessageId, messageId, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(parsed.CorrelationId, messageId, StringComparison.OrdinalIgnoreCase))
        {
            PhoneOwnershipLog.ResponseRejected(_logger, messageId, "message-id");
            return Fail(messageId, serviceId, ReasonCode.SmartBridgeResponseMismatch, httpStatus, responseBytes, log: false)
                with { SignatureCheck = signature, SignerSerial = signerSerial, ResponseMessageId = responseMessageId };
        }

        string? status = SmartBridgeResponseParser.SafeCode(parsed.StatusCode);
        if (status is null || !options.SuccessStatusCodes.Contains(status, StringComparer.Ordinal))
        {
            return Fail(messageId, serviceId, status is null ? ReasonCode.ProviderProtocolError : ReasonCode.SmartBridgeStatusError, httpStatus, responseBytes)
                with { SignatureCheck = signature, SignerSerial = signerSerial, StatusCode = status, ResponseMessageId = responseMessageId };
        }

        if (parsed.Data is null)
        {
            return Fail(messageId, serviceId, ReasonCode.ProviderProtocolError, httpStatus, responseBytes)
                with { SignatureCheck = signature, SignerSerial = signerSerial, StatusCode = status, ResponseMessageId = responseMessageId };
        }

        SmartBridgeResponseData data;
        try
        {
            data = SmartBridgeResponseParser.ReadData(parsed.Data, options.MaxResponseBytes);
        }
        catch (SmartBridgeXmlException ex)
        {
            PhoneOwnershipLog.ResponseRejected(_logger, messageId, "inner-xml-" + ex.Error);
            return Fail(messageId, serviceId, ReasonCode.ProviderProtocolError, httpStatus, responseBytes, log: false)
                with { SignatureCheck = signature, SignerSerial = signerSerial, StatusCode = status, ResponseMessageId = responseMessageId };
        }

        PhoneOwnershipLog.ResponseReceived(_logger, messageId, serviceId, status, signature);
        return new SmartBridgeCallResult
        {
            RequestMessageId = messageId,
            ServiceId = serviceId,
            HttpStatus = httpStatus,
            StatusCode = status,
            ResponseMessageId = responseMessageId,
            ResponseBytes = responseBytes,
            SignatureCheck = signature,
            SignerSerial = signerSerial,
            Data = data,
        };
    }

    private SmartBridgeCallResult Fail(string messageId, string serviceId, ReasonCode reason, int httpStatus, byte[]? bytes = null, bool log = true)
    {
        if (log)
        {
            PhoneOwnershipLog.RequestFailed(_logger, messageId, serviceId, reason.Value, httpStatus);
        }

        return new SmartBridgeCallResult { RequestMessageId = messageId, ServiceId = serviceId, Failure = reason, HttpStatus = httpStatus, ResponseBytes = bytes };
    }
}
