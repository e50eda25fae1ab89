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

    /// <summary>POSTs a DER body and returns the answer bytes, or a short error token.</summary>
    public static async Task<(byte[]? Body, string? Error)> PostAsync(HttpClient client, Uri url, byte[] body, string requestType, string responseType, int maxBytes, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(requestType);
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(responseType));
        (ReadOnlyMemory<byte>? answer, string? error) = await SendAsync(client, message, maxBytes, cancellationToken).ConfigureAwait(false);
        return (answer?.ToArray(), error);
    }

    /// <summary>GETs a resource and returns its bytes (not copied again), or a short error token.</summary>
    public static async Task<(ReadOnlyMemory<byte>? Body, string? Error)> GetAsync(HttpClient client, Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(client, message, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(ReadOnlyMemory<byte>? Body, string? Error)> SendAsync(HttpClient client, HttpRequestMessage message, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, "http-" + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return (await BufferedBodyContent.ReadAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false), null);
        }
        catch (RemoteResponseException ex)
        {
            return (null, ex.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timeout");
        }
        catch (TimeoutRejectedException)
        {
            return (null, "timeout");
        }
        catch (BrokenCircuitException)
        {
            return (null, "circuit-open");
        }
        catch (HttpRequestException)
        {
            return (null, "connection");
        }
        catch (IOException)
        {
            return (null, "connection");
        }
    }
}
