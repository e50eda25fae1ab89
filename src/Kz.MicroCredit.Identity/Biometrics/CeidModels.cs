using System.Globalization;
using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>The provider's comparison decision.</summary>
public enum CeidMatchDecision
{
    /// <summary>An unknown value: treated as a protocol error.</summary>
    Unknown = 0,

    /// <summary>The live face matches the reference photo.</summary>
    Match = 1,

    /// <summary>The live face does not match the reference photo.</summary>
    NoMatch = 2,

    /// <summary>There is no reference photo for the IIN.</summary>
    ReferenceNotFound = 3,
}

/// <summary>The state of a hosted session.</summary>
public enum CeidSessionState
{
    /// <summary>An unknown value: treated as a protocol error.</summary>
    Unknown = 0,

    /// <summary>Created; the borrower has not opened the page yet.</summary>
    Created = 1,

    /// <summary>The borrower is going through the liveness flow.</summary>
    InProgress = 2,

    /// <summary>Finished with a comparison result.</summary>
    Completed = 3,

    /// <summary>Expired without a result.</summary>
    Expired = 4,

    /// <summary>Ended without a comparison (abandoned, provider error).</summary>
    Failed = 5,
}

/// <summary>A direct match request: the live image the lender's app captured.</summary>
/// <remarks><see cref="ToString"/> prints no IIN and no image.</remarks>
public sealed class CeidMatchRequest
{
    /// <summary>Initializes a new instance of the <see cref="CeidMatchRequest"/> class.</summary>
    /// <param name="requestId">The lender's request id (also the idempotency key).</param>
    /// <param name="iin">The declared IIN.</param>
    /// <param name="consentReference">The reference of the borrower's consent to biometric processing.</param>
    /// <param name="image">The image; not copied.</param>
    /// <param name="format">The image format.</param>
    public CeidMatchRequest(string requestId, Iin iin, string consentReference, ReadOnlyMemory<byte> image, FaceImageFormat format)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(consentReference);
        RequestId = requestId;
        Iin = iin;
        ConsentReference = consentReference;
        Image = image;
        Format = format;
    }

    /// <summary>Gets the request id.</summary>
    public string RequestId { get; }

    /// <summary>Gets the declared IIN.</summary>
    public Iin Iin { get; }

    /// <summary>Gets the consent reference.</summary>
    public string ConsentReference { get; }

    /// <summary>Gets the image bytes. Personal data.</summary>
    public ReadOnlyMemory<byte> Image { get; }

    /// <summary>Gets the image format.</summary>
    public FaceImageFormat Format { get; }

    /// <inheritdoc />
    public override string ToString() => $"CeidMatchRequest {{ RequestId = {RequestId}, Iin = {Iin}, Image = {Image.Length} bytes }}";
}

/// <summary>A comparison result (direct match or a completed hosted session).</summary>
/// <remarks><see cref="ToString"/> prints no IIN.</remarks>
public sealed class CeidMatchResult
{
    /// <summary>Gets the request id the provider echoes.</summary>
    public required string RequestId { get; init; }

    /// <summary>Gets the provider's match id (the billing and audit reference).</summary>
    public required string MatchId { get; init; }

    /// <summary>Gets the id of the biometric provider behind CEID that did the comparison.</summary>
    public required string ProviderId { get; init; }

    /// <summary>Gets the decision.</summary>
    public required CeidMatchDecision Decision { get; init; }

    /// <summary>Gets the similarity score in 0..1.</summary>
    public required double Similarity { get; init; }

    /// <summary>Gets a value indicating whether the liveness check passed.</summary>
    public required bool LivenessPassed { get; init; }

    /// <summary>Gets where the reference photo came from (e.g. <c>gbdfl</c>, the state database).</summary>
    public required string ReferenceSource { get; init; }

    /// <summary>Gets the IIN the provider compared against. Personal data: never log it.</summary>
    public required string SubjectIin { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"CeidMatchResult {{ MatchId = {MatchId}, Decision = {Decision}, Similarity = {Similarity}, Liveness = {LivenessPassed} }}");
}

/// <summary>A request to create a hosted biometric session.</summary>
/// <remarks><see cref="ToString"/> prints no IIN.</remarks>
public sealed class CeidSessionRequest
{
    /// <summary>Initializes a new instance of the <see cref="CeidSessionRequest"/> class.</summary>
    /// <param name="requestId">The lender's request id.</param>
    /// <param name="iin">The declared IIN.</param>
    /// <param name="consentReference">The consent reference.</param>
    /// <param name="returnUrl">Where the browser goes at the end, or null.</param>
    /// <param name="callbackUrl">The lender's webhook, or null.</param>
    public CeidSessionRequest(string requestId, Iin iin, string consentReference, Uri? returnUrl, Uri? callbackUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        ArgumentException.ThrowIfNullOrWhiteSpace(consentReference);
        RequestId = requestId;
        Iin = iin;
        ConsentReference = consentReference;
        ReturnUrl = returnUrl;
        CallbackUrl = callbackUrl;
    }

    /// <summary>Gets the request id.</summary>
    public string RequestId { get; }

    /// <summary>Gets the declared IIN.</summary>
    public Iin Iin { get; }

    /// <summary>Gets the consent reference.</summary>
    public string ConsentReference { get; }

    /// <summary>Gets the return URL.</summary>
    public Uri? ReturnUrl { get; }

    /// <summary>Gets the callback URL.</summary>
    public Uri? CallbackUrl { get; }

    /// <inheritdoc />
    public override string ToString() => $"CeidSessionRequest {{ RequestId = {RequestId}, Iin = {Iin} }}";
}

/// <summary>A hosted session the provider created.</summary>
/// <param name="SessionId">The provider's session id (opaque, not personal data).</param>
/// <param name="RedirectUrl">The page to open in the borrower's browser or WebView.</param>
/// <param name="ExpiresAt">When the session expires.</param>
public sealed record CeidSessionCreated(string SessionId, Uri RedirectUrl, DateTimeOffset ExpiresAt);

/// <summary>The status of a hosted session.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="State">The state.</param>
/// <param name="Result">The result when <see cref="CeidSessionState.Completed"/>.</param>
public sealed record CeidSessionStatus(string SessionId, CeidSessionState State, CeidMatchResult? Result);

/// <summary>A callback the provider posts to the lender's webhook when a hosted session changes state.</summary>
/// <param name="EventId">The event id (duplicates carry the same id).</param>
/// <param name="SessionId">The session id.</param>
/// <param name="SentAt">When the provider sent it (inside the signed body).</param>
/// <param name="State">The session state.</param>
/// <param name="Result">The result when completed.</param>
public sealed record CeidCallback(string EventId, string SessionId, DateTimeOffset SentAt, CeidSessionState State, CeidMatchResult? Result);

/// <summary>An HTTP request a wire binding produced; owns its body buffer and zeroes it on dispose.</summary>
public sealed class CeidWireRequest : IDisposable
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

/// <summary>
/// The answer broke the wire contract (malformed, truncated, missing or invalid fields). The message is constant and
/// never quotes the answer.
/// </summary>
public sealed class CeidProtocolException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CeidProtocolException"/> class.</summary>
    public CeidProtocolException()
        : base("The CEID answer does not follow the wire contract.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CeidProtocolException"/> class.</summary>
    /// <param name="message">A constant message (never built from input).</param>
    public CeidProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CeidProtocolException"/> class.</summary>
    /// <param name="message">A constant message (never built from input).</param>
    /// <param name="innerException">The inner exception.</param>
    public CeidProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
