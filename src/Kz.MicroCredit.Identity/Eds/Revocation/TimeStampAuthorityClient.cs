using System.Security.Cryptography;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// The RFC 3161 client: POST <c>application/timestamp-query</c> to <see cref="RevocationOptions.TsaUrl"/> (pinned),
/// then checks status, nonce, imprint and requested policy and the accepted-policy list. The token's signature and TSA
/// chain are checked by the EDS time-stamp validator when the token is used as evidence.
/// </summary>
internal sealed class TimeStampAuthorityClient(IHttpClientFactory httpClientFactory, IOptionsMonitor<RevocationOptions> options, ILogger<TimeStampAuthorityClient> logger)
    : ITimeStampAuthorityClient
{
    /// <summary>Failures as reason codes, by the one mapping of every remote call: a broken answer (too large, malformed,
    /// redirect) is TsaResponseInvalid; no answer, a timeout, an open breaker or any HTTP error status is TsaUnavailable.</summary>
    private static readonly RemoteCallReasons Reasons = new()
    {
        Unavailable = [ReasonCode.TsaUnavailable],
        Protocol = [ReasonCode.TsaResponseInvalid],
        ForStatus = static _ => [ReasonCode.TsaUnavailable],
    };

    public async Task<TimeStampResult> TimeStampAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        RevocationOptions o = options.CurrentValue;
        if (o.TsaUrl is null)
        {
            return new TimeStampResult { Failure = ReasonCode.TsaNotConfigured };
        }

        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(true);
        if (o.TsaPolicyOid is not null)
        {
            generator.SetReqPolicy(new DerObjectIdentifier(o.TsaPolicyOid));
        }

        TimeStampRequest request = generator.Generate(TspAlgorithms.Sha256, SHA256.HashData(data.Span), new BigInteger(1, RandomNumberGenerator.GetBytes(8)));
        HttpClient client = httpClientFactory.CreateClient(RevocationHttp.TsaClientName);
        RemoteCallResult<byte[]> answer = await RevocationHttp.PostAsync(
            client, o.TsaUrl, request.GetEncoded(), "application/timestamp-query", "application/timestamp-reply", o.MaxOcspResponseBytes, cancellationToken).ConfigureAwait(false);
        if (!answer.Succeeded)
        {
            RevocationLog.TsaFailed(logger, o.TsaUrl.GetLeftPart(UriPartial.Path), answer.Reason ?? "unknown");
            return new TimeStampResult { Failure = Reasons.For(answer)[0] };
        }

        return Check(request, answer.Value!, o.AcceptedTsaPolicies);
    }

    internal static TimeStampResult Check(TimeStampRequest request, byte[] body, IList<string> acceptedPolicies)
    {
        TimeStampResponse response;
        try
        {
            response = new TimeStampResponse(body);
        }
#pragma warning disable CA1031 // garbage of any kind
        catch (Exception)
#pragma warning restore CA1031
        {
            return new TimeStampResult { Failure = ReasonCode.TsaResponseInvalid };
        }

        if (response.Status is not (0 or 1) || response.TimeStampToken is null)
        {
            return new TimeStampResult { Failure = ReasonCode.TsaRejected };
        }

        try
        {
            response.Validate(request);
        }
        catch (TspException)
        {
            return new TimeStampResult { Failure = ReasonCode.TsaResponseInvalid };
        }

        TimeStampToken token = response.TimeStampToken;
        string policy = token.TimeStampInfo.Policy;
        if (acceptedPolicies.Count > 0 && !acceptedPolicies.Contains(policy, StringComparer.Ordinal))
        {
            return new TimeStampResult { Failure = ReasonCode.TsaResponseInvalid };
        }

        return new TimeStampResult
        {
            Token = token.GetEncoded(),
            GenTime = new DateTimeOffset(DateTime.SpecifyKind(token.TimeStampInfo.GenTime, DateTimeKind.Utc)),
            Policy = policy,
        };
    }
}
