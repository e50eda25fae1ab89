using System.Net.Http.Headers;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>HTTP helpers shared by the OCSP, CRL and TSA clients.</summary>
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
        return await SendAsync(client, message, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GETs a resource and returns its bytes, or a short error token.</summary>
    public static async Task<(byte[]? Body, string? Error)> GetAsync(HttpClient client, Uri url, long maxBytes, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(client, message, maxBytes, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<(byte[]? Body, string? Error)> SendAsync(HttpClient client, HttpRequestMessage message, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            using HttpResponseMessage response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, "http-" + ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return (null, "too-large");
            }

            using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, "too-large");
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), null);
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
