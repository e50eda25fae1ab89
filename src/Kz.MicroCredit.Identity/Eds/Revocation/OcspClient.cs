using System.Security.Cryptography;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>Asks a pinned OCSP responder about one certificate and validates the answer.</summary>
internal sealed class OcspClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<RevocationOptions> options, TimeProvider timeProvider, ILogger<OcspClient> logger)
{
    /// <summary>Failures as reason codes, by the one mapping of every remote call: a broken answer (too large, malformed,
    /// redirect) is OcspMalformed; no answer, a timeout, an open breaker or any HTTP error status is OcspUnavailable.</summary>
    private static readonly RemoteCallReasons Reasons = new()
    {
        Unavailable = [ReasonCode.OcspUnavailable],
        Protocol = [ReasonCode.OcspMalformed],
        ForStatus = static _ => [ReasonCode.OcspUnavailable],
    };

    public async Task<RevocationCheckResult> CheckAsync(RevocationCheckRequest request, Uri responder, CancellationToken cancellationToken)
    {
        RevocationOptions o = options.CurrentValue;
        string hashOid = OcspHashes.FromName(o.OcspHashAlgorithm);
        OcspCertId certId = OcspCertId.For(request.Certificate, request.Issuer, hashOid);
        byte[]? nonce = o.OcspSendNonce ? RandomNumberGenerator.GetBytes(16) : null;
        byte[] body = OcspRequestBuilder.Build(certId, nonce);
        HttpClient client = httpClientFactory.CreateClient(RevocationHttp.OcspClientName);
        RemoteCallResult<byte[]> answer = await RevocationHttp.PostAsync(
            client, responder, body, "application/ocsp-request", OcspResponseValidator.MediaType, o.MaxOcspResponseBytes, cancellationToken).ConfigureAwait(false);
        string url = responder.GetLeftPart(UriPartial.Path);
        if (!answer.Succeeded)
        {
            string error = answer.Reason ?? "unknown";
            RevocationLog.OcspFailed(logger, url, error);
            // Too large, malformed or a redirect (never followed: the responder is pinned) break the protocol.
            ReasonCode code = Reasons.For(answer)[0];
            return new RevocationCheckResult(RevocationStatus.Unknown, "ocsp")
            {
                Failure = code,
                Facts = new Dictionary<string, string>(StringComparer.Ordinal) { [RevocationEvidenceKeys.OcspUrl] = url, [RevocationEvidenceKeys.OcspError] = error },
            };
        }

        return OcspResponseValidator.Validate(answer.Value!, request, new OcspValidationParameters(timeProvider.GetUtcNow(), o.ClockSkew)
        {
            HashAlgorithmOid = hashOid,
            Nonce = nonce,
            RequireNonce = o.OcspRequireNonce,
            Url = url,
        });
    }
}
