using System.Globalization;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Kz.MicroCredit.Identity.Http;

/// <summary>
/// The one way a client turns an HTTP exchange into a <see cref="RemoteCallResult{T}"/>: the answer's bytes, or a
/// failure token (<c>connection</c>, <c>timeout</c>, <c>circuit-open</c>, <c>http-NNN</c>, <c>content-type</c>,
/// <c>empty</c>, or a <see cref="RemoteResponseException"/> token). Only the caller's own cancellation throws; any
/// other exception type is the client's own (for example a token failure) and propagates to it.
/// </summary>
/// <remarks>
/// The named clients end in <see cref="BoundedResponseHandler"/>, so the body is already read (inside the attempt and
/// total budgets, under the cap) when the answer gets here, and a 3xx never does: endpoints are pinned.
/// </remarks>
internal static class RemoteHttpCall
{
    /// <summary>Failure token: the answer is not of the expected media type.</summary>
    public const string ContentType = "content-type";

    /// <summary>Failure token: the answer has no body where one is required.</summary>
    public const string Empty = "empty";

    /// <summary>Sends a request and classifies the outcome.</summary>
    /// <param name="send">Sends the request (directly, or through a client's own resilience pipeline).</param>
    /// <param name="maxBytes">The cap on the answer's body.</param>
    /// <param name="rules">What the client requires of an answer.</param>
    /// <param name="cancellationToken">The caller's cancellation (the only cancellation that throws).</param>
    /// <returns>The body with the HTTP status and digest, or the failure.</returns>
    public static async Task<RemoteCallResult<ReadOnlyMemory<byte>>> SendAsync(
        Func<CancellationToken, Task<HttpResponseMessage>> send,
        long maxBytes,
        RemoteAnswerRules rules,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        int? answered = null; // the status, once an answer's headers came: kept on a failure while reading its body
        try
        {
            using HttpResponseMessage response = await send(cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            answered = status;
            bool accepted = response.IsSuccessStatusCode || (status == 500 && rules.HasFlag(RemoteAnswerRules.ReadServerErrorBody));
            if (!accepted)
            {
                return RemoteCallResult<ReadOnlyMemory<byte>>.Failure("http-" + status.ToString(CultureInfo.InvariantCulture), status);
            }

            if (rules.HasFlag(RemoteAnswerRules.RequireJson) && !StrictJson.IsJsonMediaType(response.Content.Headers.ContentType))
            {
                return RemoteCallResult<ReadOnlyMemory<byte>>.Failure(ContentType, status);
            }

            ReadOnlyMemory<byte> body = await BufferedBodyContent.ReadAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
            if (body.IsEmpty && rules.HasFlag(RemoteAnswerRules.RequireBody))
            {
                return RemoteCallResult<ReadOnlyMemory<byte>>.Failure(Empty, status);
            }

            return RemoteCallResult<ReadOnlyMemory<byte>>.Success(body, status, body.Span);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (RemoteResponseException ex)
        {
            return RemoteCallResult<ReadOnlyMemory<byte>>.Failure(ex.Token, answered);
        }
        catch (Exception ex) when (ex is TimeoutRejectedException or OperationCanceledException)
        {
            // The attempt or total timeout, or HttpClient's own: not the caller's cancellation.
            return RemoteCallResult<ReadOnlyMemory<byte>>.Failure(RemoteCallResult<ReadOnlyMemory<byte>>.Timeout, answered);
        }
        catch (BrokenCircuitException)
        {
            return RemoteCallResult<ReadOnlyMemory<byte>>.Failure(RemoteCallResult<ReadOnlyMemory<byte>>.CircuitOpen, answered);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return RemoteCallResult<ReadOnlyMemory<byte>>.Failure(RemoteCallResult<ReadOnlyMemory<byte>>.Connection, answered);
        }
    }
}
