using System.Globalization;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>An HTTP request a wire binding produced; owns its body buffer and zeroes it on dispose.</summary>
internal sealed class CeidWireRequest : IDisposable
{
    private readonly byte[]? _body;

    /// <summary>Initializes a new instance of the <see cref="CeidWireRequest"/> class.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="relativePath">The path relative to <see cref="KcmrBiometricsOptions.BaseAddress"/>. Never put an IIN in it.</param>
    /// <param name="body">The body buffer (owned; zeroed on dispose), or null.</param>
    /// <param name="bodyLength">How many bytes of the buffer are the body.</param>
    /// <param name="contentType">The content type of the body.</param>
    public CeidWireRequest(HttpMethod method, string relativePath, byte[]? body = null, int bodyLength = 0, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        if (relativePath.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException("Query strings are not allowed: they would carry data into request logs.", nameof(relativePath));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(bodyLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bodyLength, body?.Length ?? 0);
        Method = method;
        RelativePath = relativePath;
        _body = body;
        BodyLength = bodyLength;
        ContentType = contentType;
    }

    /// <summary>Gets the HTTP method.</summary>
    public HttpMethod Method { get; }

    /// <summary>Gets the relative path.</summary>
    public string RelativePath { get; }

    /// <summary>Gets the number of body bytes.</summary>
    public int BodyLength { get; }

    /// <summary>Gets the content type.</summary>
    public string? ContentType { get; }

    /// <summary>Gets the body.</summary>
    public ReadOnlyMemory<byte> Body => _body is null ? default : _body.AsMemory(0, BodyLength);

    /// <summary>Creates a fresh message for one attempt; the content wraps the owned buffer without copying it.</summary>
    /// <param name="baseAddress">The base address.</param>
    /// <returns>The message.</returns>
    public HttpRequestMessage ToHttpRequestMessage(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var message = new HttpRequestMessage(Method, new Uri(EnsureTrailingSlash(baseAddress), RelativePath));
        if (_body is not null)
        {
            message.Content = new ByteArrayContent(_body, 0, BodyLength);
            if (ContentType is not null)
            {
                message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(ContentType);
            }
        }

        return message;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_body is not null)
        {
            CryptographicOperations.ZeroMemory(_body);
        }
    }

    private static Uri EnsureTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
