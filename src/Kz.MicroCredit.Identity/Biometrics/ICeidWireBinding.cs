namespace Kz.MicroCredit.Identity.Biometrics;

/// <summary>
/// The one place that knows CEID's wire format: paths, JSON shapes, status words and the callback signature header.
/// CEID's schemas are not public; <see cref="DefaultCeidWireBinding"/> implements the contract documented in
/// <c>docs/biometrics.md</c>. An MFO whose signed contract differs registers its own implementation (before or instead of
/// the default) and nothing else changes: authentication, FAPI headers, resilience, decisions and evidence stay.
/// </summary>
/// <remarks>
/// Rules for implementations: never put an IIN or a phone number in a path or query string (request paths are logged);
/// parse methods throw <see cref="CeidProtocolException"/> with a constant message for anything that breaks the contract
/// (never quote the answer); request bodies are written into buffers the returned <see cref="CeidWireRequest"/> owns, so
/// that the photo can be zeroed after the call.
/// </remarks>
internal interface ICeidWireBinding
{
    /// <summary>Gets the name of the header carrying the callback's HMAC-SHA256 signature.</summary>
    string CallbackSignatureHeader { get; }

    /// <summary>Builds a direct match request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The wire request.</returns>
    CeidWireRequest CreateMatchRequest(CeidMatchRequest request);

    /// <summary>Parses a direct match answer (HTTP 2xx body).</summary>
    /// <param name="body">The body.</param>
    /// <returns>The result.</returns>
    /// <exception cref="CeidProtocolException">The body breaks the contract.</exception>
    CeidMatchResult ParseMatchResponse(ReadOnlySpan<byte> body);

    /// <summary>Builds a hosted session creation request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The wire request.</returns>
    CeidWireRequest CreateSessionRequest(CeidSessionRequest request);

    /// <summary>Parses a session creation answer.</summary>
    /// <param name="body">The body.</param>
    /// <returns>The session.</returns>
    /// <exception cref="CeidProtocolException">The body breaks the contract.</exception>
    CeidSessionCreated ParseSessionCreated(ReadOnlySpan<byte> body);

    /// <summary>Builds a session status request.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns>The wire request.</returns>
    CeidWireRequest CreateSessionStatusRequest(string sessionId);

    /// <summary>Parses a session status answer.</summary>
    /// <param name="body">The body.</param>
    /// <returns>The status.</returns>
    /// <exception cref="CeidProtocolException">The body breaks the contract.</exception>
    CeidSessionStatus ParseSessionStatus(ReadOnlySpan<byte> body);

    /// <summary>Parses a callback body (after its signature was verified).</summary>
    /// <param name="body">The raw body.</param>
    /// <returns>The callback.</returns>
    /// <exception cref="CeidProtocolException">The body breaks the contract.</exception>
    CeidCallback ParseCallback(ReadOnlySpan<byte> body);

    /// <summary>Decodes the callback signature header into the 32-byte HMAC-SHA256 value.</summary>
    /// <param name="headerValue">The header value.</param>
    /// <returns>The MAC, or <see langword="null"/> when missing or malformed.</returns>
    byte[]? DecodeCallbackSignature(string? headerValue);
}
