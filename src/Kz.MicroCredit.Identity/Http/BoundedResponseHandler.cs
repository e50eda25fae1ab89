using Microsoft.Extensions.DependencyInjection;

namespace Kz.MicroCredit.Identity.Http;

/// <summary>
/// The innermost handler of every remote client of the SDK: refuses redirects and reads the whole body, up to a cap,
/// before the response leaves the attempt.
/// </summary>
/// <remarks>
/// <para>It sits inside the resilience handler, so every byte of the body is read under the per-attempt and total
/// timeouts (with <see cref="HttpCompletionOption.ResponseHeadersRead"/> a body read after <c>SendAsync</c> returned is
/// outside both — the trickled-body defect of issue 14). A body over the cap is refused as soon as the Content-Length
/// announces it or the received bytes pass it: at most <c>cap</c> bytes are ever held.</para>
/// <para>3xx answers are refused: every endpoint is pinned in options, and the primary handlers are built with
/// <c>AllowAutoRedirect = false</c>, so an answer from another origin can never be trusted.</para>
/// </remarks>
internal sealed class BoundedResponseHandler : DelegatingHandler
{
    private const int Chunk = 64 * 1024;
    private readonly Func<long> _maxBytes;
    private readonly Func<long, IResponseBodyCheck>? _check;

    /// <summary>Initializes a new instance of the <see cref="BoundedResponseHandler"/> class.</summary>
    /// <param name="maxBytes">Reads the cap (options may be reloaded).</param>
    /// <param name="check">Creates an incremental check per response (given the cap), if any.</param>
    public BoundedResponseHandler(Func<long> maxBytes, Func<long, IResponseBodyCheck>? check = null)
    {
        _maxBytes = maxBytes;
        _check = check;
    }

    /// <summary>Adds the handler (innermost: after the resilience handler) to a named client.</summary>
    /// <param name="builder">The client builder.</param>
    /// <param name="maxBytes">Reads the cap from the service provider.</param>
    /// <param name="check">Creates an incremental check per response (given the cap), if any.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddTo(IHttpClientBuilder builder, Func<IServiceProvider, long> maxBytes, Func<long, IResponseBodyCheck>? check = null) =>
        builder.AddHttpMessageHandler(sp => new BoundedResponseHandler(() => maxBytes(sp), check));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            int status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                throw new RemoteResponseException(RemoteResponseFault.Redirect);
            }

            await BufferAsync(response, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task BufferAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        long max = _maxBytes();
        HttpContent content = response.Content;
        long? declared = content.Headers.ContentLength;
        if (declared > max)
        {
            throw new RemoteResponseException(RemoteResponseFault.TooLarge);
        }

        // Only an answer is checked for structure; an error page is just bounded (the client reports the status).
        IResponseBodyCheck? check = response.IsSuccessStatusCode ? _check?.Invoke(max) : null;
        byte[] buffer = new byte[(int)Math.Min(declared ?? Chunk, max) + 1];
        int length = 0;
        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max)
                    {
                        throw new RemoteResponseException(RemoteResponseFault.TooLarge);
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, max + 1));
                }

                int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > max)
                {
                    throw new RemoteResponseException(RemoteResponseFault.TooLarge);
                }

                check?.Inspect(buffer.AsSpan(0, length), final: false);
            }
        }

        check?.Inspect(buffer.AsSpan(0, length), final: true);
        var buffered = new BufferedBodyContent(buffer, length);
        foreach (KeyValuePair<string, IEnumerable<string>> header in content.Headers)
        {
            buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = buffered;
        content.Dispose();
    }
}
