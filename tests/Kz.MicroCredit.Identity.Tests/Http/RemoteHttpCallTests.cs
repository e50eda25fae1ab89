using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Kz.MicroCredit.Identity.Http;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Http;

/// <summary>The one transport path of every remote call and the one mapping of its failures to reason codes.</summary>
public sealed class RemoteHttpCallTests
{
    private static readonly RemoteCallReasons Vendor = new()
    {
        Unavailable = [ReasonCode.ProviderUnavailable],
        Protocol = [ReasonCode.ProviderProtocolError],
    };

    [Fact]
    public async Task An_accepted_answer_is_the_value_with_its_status_and_digest()
    {
        byte[] body = "{\"ok\":true}"u8.ToArray();
        RemoteCallResult<ReadOnlyMemory<byte>> result = await Send(Answer(HttpStatusCode.OK, body, "application/json"), RemoteAnswerRules.RequireJson);
        Assert.True(result.Succeeded);
        Assert.Equal(body, result.Value.ToArray());
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), result.ResponseDigest);
    }

    [Fact]
    public async Task Answers_the_client_does_not_accept_are_failures_with_their_status()
    {
        RemoteCallResult<ReadOnlyMemory<byte>> status = await Send(Answer(HttpStatusCode.ServiceUnavailable, "x"u8.ToArray(), "application/json"), RemoteAnswerRules.None);
        Assert.Equal(("http-503", 503), (status.Reason, status.HttpStatus));

        RemoteCallResult<ReadOnlyMemory<byte>> type = await Send(Answer(HttpStatusCode.OK, "<x/>"u8.ToArray(), "text/html"), RemoteAnswerRules.RequireJson);
        Assert.Equal((RemoteHttpCall.ContentType, 200), (type.Reason, type.HttpStatus));
        Assert.True(type.IsProtocolError);

        RemoteCallResult<ReadOnlyMemory<byte>> empty = await Send(Answer(HttpStatusCode.OK, [], "text/xml"), RemoteAnswerRules.RequireBody);
        Assert.Equal((RemoteHttpCall.Empty, 200), (empty.Reason, empty.HttpStatus));
        Assert.True(empty.IsProtocolError);

        // SOAP carries its faults in a 500: read when the client asks for it, a failure otherwise.
        Assert.True((await Send(Answer(HttpStatusCode.InternalServerError, "<f/>"u8.ToArray(), "text/xml"), RemoteAnswerRules.ReadServerErrorBody)).Succeeded);
        Assert.Equal("http-500", (await Send(Answer(HttpStatusCode.InternalServerError, "<f/>"u8.ToArray(), "text/xml"), RemoteAnswerRules.None)).Reason);
    }

    [Fact]
    public async Task Faults_become_failure_tokens_and_only_the_callers_cancellation_throws()
    {
        Assert.Equal(RemoteCallResult<ReadOnlyMemory<byte>>.Connection, (await Send(_ => throw new HttpRequestException("refused"), RemoteAnswerRules.None)).Reason);
        Assert.Equal(RemoteCallResult<ReadOnlyMemory<byte>>.Connection, (await Send(_ => throw new IOException("reset"), RemoteAnswerRules.None)).Reason);
        Assert.Equal(RemoteCallResult<ReadOnlyMemory<byte>>.Timeout, (await Send(_ => throw new TimeoutRejectedException(), RemoteAnswerRules.None)).Reason);
        Assert.Equal(RemoteCallResult<ReadOnlyMemory<byte>>.Timeout, (await Send(_ => throw new TaskCanceledException(), RemoteAnswerRules.None)).Reason);
        Assert.Equal(RemoteCallResult<ReadOnlyMemory<byte>>.CircuitOpen, (await Send(_ => throw new BrokenCircuitException(), RemoteAnswerRules.None)).Reason);
        Assert.Equal("too-large", (await Send(_ => throw new RemoteResponseException(RemoteResponseFault.TooLarge), RemoteAnswerRules.None)).Reason);

        // A client's own exception (for example a token failure) is not classified here: it reaches the client.
        await Assert.ThrowsAsync<InvalidOperationException>(() => Send(_ => throw new InvalidOperationException(), RemoteAnswerRules.None));

        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RemoteHttpCall.SendAsync(
            ct => Task.FromException<HttpResponseMessage>(new OperationCanceledException(ct)), 1024, RemoteAnswerRules.None, cts.Token));
    }

    [Theory]
    [InlineData("connection", null, "ProviderUnavailable")]
    [InlineData("timeout", null, "ProviderUnavailable")]
    [InlineData("circuit-open", null, "ProviderUnavailable")]
    [InlineData("http-503", 503, "ProviderUnavailable")]
    [InlineData("http-429", 429, "ProviderUnavailable")]
    [InlineData("http-408", 408, "ProviderUnavailable")]
    [InlineData("http-400", 400, "ProviderProtocolError")]
    [InlineData("too-large", 200, "ProviderProtocolError")]
    [InlineData("redirect", null, "ProviderProtocolError")]
    [InlineData("malformed", 200, "ProviderProtocolError")]
    [InlineData("content-type", 200, "ProviderProtocolError")]
    [InlineData("something-new", null, "ProviderProtocolError")]
    public void One_mapping_turns_every_failure_into_the_services_reason_codes(string token, int? status, string expected)
    {
        IReadOnlyList<ReasonCode> reasons = Vendor.For(RemoteCallResult<int>.Failure(token, status));
        Assert.Equal(expected, Assert.Single(reasons).Value);
    }

    [Fact]
    public void A_service_may_name_its_own_codes_for_timeouts_an_open_breaker_and_statuses()
    {
        var ceidLike = new RemoteCallReasons
        {
            Unavailable = [ReasonCode.ProviderUnavailable],
            Protocol = [ReasonCode.ProviderProtocolError],
            Timeout = [ReasonCode.Timeout],
            CircuitOpen = [ReasonCode.ProviderUnavailable, ReasonCode.CeidCircuitOpen],
            ForStatus = status => status == 404 ? [ReasonCode.BiometricSessionUnknown] : [ReasonCode.ProviderUnavailable],
        };
        Assert.Equal([ReasonCode.Timeout], ceidLike.For(RemoteCallResult<int>.Failure("timeout")));
        Assert.Equal([ReasonCode.ProviderUnavailable, ReasonCode.CeidCircuitOpen], ceidLike.For(RemoteCallResult<int>.Failure("circuit-open")));
        Assert.Equal([ReasonCode.BiometricSessionUnknown], ceidLike.For(RemoteCallResult<int>.Failure("http-404", 404)));
        Assert.Throws<ArgumentException>(() => ceidLike.For(RemoteCallResult<int>.Success(1, 200, [])));
    }

    private static Task<RemoteCallResult<ReadOnlyMemory<byte>>> Send(Func<CancellationToken, Task<HttpResponseMessage>> send, RemoteAnswerRules rules) =>
        RemoteHttpCall.SendAsync(send, 1024, rules, CancellationToken.None);

    private static Func<CancellationToken, Task<HttpResponseMessage>> Answer(HttpStatusCode status, byte[] body, string mediaType) => _ =>
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return Task.FromResult(new HttpResponseMessage(status) { Content = content });
    };
}
