using System.Net.Http.Headers;
using Kz.MicroCredit.Identity.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>HTTP helpers shared by the OCSP, CRL and TSA clients.</summary>
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

    private static async Task<RemoteCallResult<ReadOnlyMemory<byte>>> SendAsync(HttpClient client, HttpRequestMessage message, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                return RemoteCallResult<ReadOnlyMemory<byte>>.Failure("http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture), status);
            }

            ReadOnlyMemory<byte> body = await BufferedBodyContent.ReadAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
            return RemoteCallResult<ReadOnlyMemory<byte>>.Success(body, status, body.Span);
        }
        catch (RemoteResponseException ex)
        {
            return RemoteCallResult<ReadOnlyMemory<byte>>.Failure(ex.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return RemoteCallResult<ReadOnlyMemory<byte>>.Failure(RemoteCallResult<ReadOnlyMemory<byte>>.Timeout);
        }
        catch (TimeoutRejectedException)
        {
            return RemoteCallResult<ReadOnlyMemory<byte>>.Failure(RemoteCallResult<ReadOnlyMemory<byte>>.Timeout);
        }
        catch (BrokenCircuitException)
        {
            return RemoteCallResult<ReadOnlyMemory<byte>>.Failure(RemoteCallResult<ReadOnlyMemory<byte>>.CircuitOpen);
        }
        catch (HttpRequestException)
        {
            return RemoteCallResult<ReadOnlyMemory<byte>>.Failure(RemoteCallResult<ReadOnlyMemory<byte>>.Connection);
        }
        catch (IOException)
        {
            return RemoteCallResult<ReadOnlyMemory<byte>>.Failure(RemoteCallResult<ReadOnlyMemory<byte>>.Connection);
        }
    }
}
