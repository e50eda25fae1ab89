using System.Security.Cryptography;

namespace Kz.MicroCredit.Identity.Http;

/// <summary>
/// The one way a remote call's internal path reports its outcome: the value, or a short reason code; with the HTTP
/// status (when an answer came) and the SHA-256 of the answer's body (evidence; never the body itself).
/// </summary>
/// <typeparam name="T">The value of a successful call.</typeparam>
internal readonly record struct RemoteCallResult<T>
{
    /// <summary>Reason: the service could not be reached or reset the connection.</summary>
    public const string Connection = "connection";

    /// <summary>Reason: the attempt or total timeout expired.</summary>
    public const string Timeout = "timeout";

    /// <summary>Reason: the circuit breaker is open.</summary>
    public const string CircuitOpen = "circuit-open";

    /// <summary>Gets a value indicating whether the call produced <see cref="Value"/>.</summary>
    public bool Succeeded { get; private init; }

    /// <summary>Gets the value (meaningful only when <see cref="Succeeded"/>).</summary>
    public T? Value { get; private init; }

    /// <summary>Gets the reason code of a failure (<see langword="null"/> on success): <c>connection</c>,
    /// <c>timeout</c>, <c>circuit-open</c>, <c>http-NNN</c>, <c>content-type</c>, <c>empty</c>, <c>malformed</c> (an
    /// answer the client could not parse), or a <see cref="RemoteResponseException"/> token. A client maps it to its
    /// reason codes through <see cref="RemoteCallReasons"/>.</summary>
    public string? Reason { get; private init; }

    /// <summary>Gets the HTTP status of the answer, or <see langword="null"/> when none came.</summary>
    public int? HttpStatus { get; private init; }

    /// <summary>Gets the lowercase hex SHA-256 of the answer's body, or <see langword="null"/> when none was read.</summary>
    public string? ResponseDigest { get; private init; }

    /// <summary>Gets a value indicating whether the answer broke the protocol (too large, redirect, malformed, wrong
    /// media type, empty), as opposed to the service being unavailable.</summary>
    public bool IsProtocolError => Reason is "too-large" or "malformed" or "redirect" or "content-type" or "empty";

    /// <summary>A successful call.</summary>
    /// <param name="value">The value.</param>
    /// <param name="httpStatus">The HTTP status.</param>
    /// <param name="body">The body the value was read from (digested, not kept).</param>
    /// <returns>The result.</returns>
    public static RemoteCallResult<T> Success(T value, int httpStatus, ReadOnlySpan<byte> body) =>
        new() { Succeeded = true, Value = value, HttpStatus = httpStatus, ResponseDigest = Digest(body) };

    /// <summary>A failed call.</summary>
    /// <param name="reason">The reason code.</param>
    /// <param name="httpStatus">The HTTP status, when an answer came.</param>
    /// <returns>The result.</returns>
    public static RemoteCallResult<T> Failure(string reason, int? httpStatus = null) =>
        new() { Reason = reason, HttpStatus = httpStatus };

    /// <summary>The same outcome with the value mapped (status, digest and reason kept).</summary>
    /// <typeparam name="TOther">The new value type.</typeparam>
    /// <param name="map">The mapping of a value.</param>
    /// <returns>The mapped result.</returns>
    public RemoteCallResult<TOther> Map<TOther>(Func<T, TOther> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Succeeded
            ? new RemoteCallResult<TOther> { Succeeded = true, Value = map(Value!), HttpStatus = HttpStatus, ResponseDigest = ResponseDigest }
            : RemoteCallResult<TOther>.Failure(Reason ?? "unknown", HttpStatus);
    }

    private static string Digest(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));
}
