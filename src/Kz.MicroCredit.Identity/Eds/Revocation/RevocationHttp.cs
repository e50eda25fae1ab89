using System.Net.Http.Headers;
using Kz.MicroCredit.Identity.Http;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>HTTP helpers shared by the OCSP, CRL and TSA clients, on the one transport path of every remote call (<see cref="RemoteHttpCall"/>).</summary>
/// <remarks>
/// The named clients end in <see cref="BoundedResponseHandler"/>, so the body is already read (inside the attempt and
/// total budgets, under the cap; the CRL walked by <see cref="CrlStreamCheck"/> as it arrives) when these helpers see
/// the response, and a 3xx never gets here: endpoints are pinned and the answers, though signed, are not fetched from
/// wherever a redirect points.
/// </remarks>
internal static class RevocationHttp
{
    public const string OcspClientName = "Kz.MicroCredit.Identity.Revocation.Ocsp";
    public const string CrlClientName = "Kz.MicroCredit.Identity.Revocation.Crl";
    public const string TsaClientName = "Kz.MicroCredit.Identity.Revocation.Tsa";

    /// <summary>POSTs a DER body and returns the answer bytes, or the reason it failed.</summary>
    public static async Task<RemoteCallResult<byte[]>> PostAsync(HttpClient client, Uri url, byte[] body, string requestType, string responseType, int maxBytes, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(requestType);
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(responseType));
        RemoteCallResult<ReadOnlyMemory<byte>> answer = await SendAsync(client, message, maxBytes, cancellationToken).ConfigureAwait(false);
        return answer.Map(static bytes => bytes.ToArray());
    }

    /// <summary>GETs a resource and returns its bytes (not copied again), or the reason it failed.</summary>
    public static async Task<RemoteCallResult<ReadOnlyMemory<byte>>> GetAsync(HttpClient client, Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(client, message, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    private static Task<RemoteCallResult<ReadOnlyMemory<byte>>> SendAsync(HttpClient client, HttpRequestMessage message, long maxBytes, CancellationToken cancellationToken) =>
        RemoteHttpCall.SendAsync(ct => client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct), maxBytes, RemoteAnswerRules.None, cancellationToken);
}
