using System.Net;

namespace Kz.MicroCredit.Identity.Http;

/// <summary>
/// A response body already read (within its budgets and cap) by <see cref="BoundedResponseHandler"/>. Clients take
/// <see cref="Body"/> directly instead of copying it again.
/// </summary>
internal sealed class BufferedBodyContent : HttpContent
{
    private readonly byte[] _buffer;
    private readonly int _length;

    public BufferedBodyContent(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>Gets the body.</summary>
    public ReadOnlyMemory<byte> Body => _buffer.AsMemory(0, _length);

    /// <summary>
    /// Returns the body of a response read by <see cref="BoundedResponseHandler"/>; a content that did not pass through
    /// it (a lender's own client) is read here under the same cap.
    /// </summary>
    /// <param name="content">The content.</param>
    /// <param name="maxBytes">The cap.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The body.</returns>
    /// <exception cref="RemoteResponseException">The body is larger than the cap.</exception>
    public static async ValueTask<ReadOnlyMemory<byte>> ReadAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        if (content is BufferedBodyContent buffered)
        {
            return buffered.Body.Length > maxBytes ? throw new RemoteResponseException(RemoteResponseFault.TooLarge) : buffered.Body;
        }

        if (content.Headers.ContentLength > maxBytes)
        {
            throw new RemoteResponseException(RemoteResponseFault.TooLarge);
        }

        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var copy = new MemoryStream();
            byte[] chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (copy.Length + read > maxBytes)
                {
                    throw new RemoteResponseException(RemoteResponseFault.TooLarge);
                }

                copy.Write(chunk, 0, read);
            }

            return copy.ToArray();
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_buffer, 0, _length);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).AsTask();

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => new MemoryStream(_buffer, 0, _length, writable: false);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new MemoryStream(_buffer, 0, _length, writable: false));

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
