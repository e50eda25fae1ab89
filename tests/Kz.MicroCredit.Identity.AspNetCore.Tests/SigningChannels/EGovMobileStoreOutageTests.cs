using System.Net;
using System.Text;
using System.Text.Json;
using Kz.MicroCredit.Identity.SigningChannels;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests.SigningChannels;

/// <summary>A shared session store that goes down mid-flow: the phone gets the protocol's "try later", never a 500.</summary>
public sealed class EGovMobileStoreOutageTests
{
    [Fact]
    public async Task Api1_api2_and_status_answer_try_later_in_the_protocols_error_form_while_the_store_is_down()
    {
        FailingStore? store = null;
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(store: time => store = new FailingStore(new InMemoryEGovMobileSessionStore(time)));
        EGovMobileSigningSession session = await host.StartSessionAsync();
        store!.Down = true;

        using var api1 = new HttpRequestMessage(HttpMethod.Get, session.Api1Url);
        api1.Headers.TryAddWithoutValidation("Accept-Language", "ru");
        await AssertTryLaterAsync(await host.Client.SendAsync(api1));

        string api2Url = session.Api1Url.AbsoluteUri.Replace("/api1/", "/api2/", StringComparison.Ordinal);
        using var get = new HttpRequestMessage(HttpMethod.Get, api2Url);
        get.Headers.TryAddWithoutValidation("Authorization", "Bearer whatever");
        await AssertTryLaterAsync(await host.Client.SendAsync(get));

        using var put = new HttpRequestMessage(HttpMethod.Put, api2Url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        put.Headers.TryAddWithoutValidation("Authorization", "Bearer whatever");
        await AssertTryLaterAsync(await host.Client.SendAsync(put));

        string statusUrl = session.Api1Url.AbsoluteUri.Replace("/api1/" + session.SessionId, "/sessions/" + session.SessionId + "/status", StringComparison.Ordinal);
        await AssertTryLaterAsync(await host.Client.GetAsync(new Uri(statusUrl)));

        // Back up: the same session is still pending and can be answered; nothing was stored while the store was down.
        store.Down = false;
        EGovMobileSigningStatus? status = await host.Signing.GetStatusAsync(session.SessionId);
        Assert.Equal(EGovMobileSessionState.Pending, status!.State);
    }

    private static async Task AssertTryLaterAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("message").GetString()));
        }
    }

    private sealed class FailingStore(IEGovMobileSessionStore inner) : IEGovMobileSessionStore
    {
        public volatile bool Down;

        public Task AddAsync(EGovMobileSession session, CancellationToken cancellationToken = default) => Up().AddAsync(session, cancellationToken);

        public Task<EGovMobileSession?> GetAsync(string id, CancellationToken cancellationToken = default) => Up().GetAsync(id, cancellationToken);

        public Task<bool> TryClaimAsync(string id, byte[] tokenDigest, CancellationToken cancellationToken = default) => Up().TryClaimAsync(id, tokenDigest, cancellationToken);

        public Task<bool> TryCompleteAsync(string id, EGovMobileSessionState state, IReadOnlyList<string> reasons, byte[]? signature, CancellationToken cancellationToken = default) =>
            Up().TryCompleteAsync(id, state, reasons, signature, cancellationToken);

        private IEGovMobileSessionStore Up() => Down ? throw new StateStoreUnavailableException("The session store is down (test).") : inner;
    }
}
