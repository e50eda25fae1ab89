using System.Text.Json.Nodes;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Redis;
using Kz.MicroCredit.Identity.Redis.Tests;
using Kz.MicroCredit.Identity.SigningChannels;
using Kz.MicroCredit.Identity.Testing.Pki;
using Kz.MicroCredit.Identity.Testing.SigningChannels;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests.SigningChannels;

/// <summary>A real redis-server for the farm tests; a machine without one fails them (never skipped).</summary>
public sealed class EGovMobileRedisFixture : IAsyncLifetime
{
    public RedisServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// Two ASP.NET Core instances of a lender's backend (separate hosts and service providers, as two processes would be)
/// sharing one real Redis: the phone's calls, the page's polling and the identification land on different instances.
/// </summary>
public sealed class EGovMobileWebFarmTests : IClassFixture<EGovMobileRedisFixture>, IAsyncLifetime, IDisposable
{
    private readonly EGovMobileRedisFixture _redis;
    private readonly string _prefix = "egov-farm-" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly SandboxPki _pki;
    private EGovMobileHost _a = null!;
    private EGovMobileHost _b = null!;

    public EGovMobileWebFarmTests(EGovMobileRedisFixture redis)
    {
        _redis = redis;
        _pki = new SandboxPki(new SandboxPkiOptions { TimeProvider = _time, Algorithm = NcaKeyAlgorithm.Gost2015_512 });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public void Dispose() => _pki.Dispose();

    public async Task DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }
    }

    [Fact]
    public async Task Started_on_A_scanned_on_B_answered_on_A_streamed_from_B_identified_on_A()
    {
        await StartFarmAsync();
        EGovMobileSigningSession session = await _a.Signing.StartAsync(EGovMobileDocumentListTests.Request(EGovMobileSignMethod.Xml, EGovMobileDocumentListTests.AgreementXml()));
        using var phoneClient = new HttpClient(new Crossing(r => r.RequestUri!.AbsolutePath.Contains("/api1/", StringComparison.Ordinal) ? Handler(_b) : Handler(_a)));
        var phone = new EGovMobileSimulator(phoneClient, _time);

        // The page on B listens before the phone answers.
        using HttpResponseMessage events = await _b.Client.GetAsync("/kzid/egov-mobile/sessions/" + session.SessionId + "/events", HttpCompletionOption.ResponseHeadersRead);
        using var stream = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.Contains("\"state\":\"pending\"", await ReadEventAsync(stream), StringComparison.Ordinal);

        EGovMobileSimulatorResult answered = await phone.SignAsync(session.QrPayload, _pki.IssueIndividual(EGovMobileHost.Borrower, "ТЕСТОВ", "ТЕСТ"));
        Assert.True(answered.Accepted, answered.ToString());

        // B's event loop reads the store every 500 ms of its (fake) clock.
        Task<string> next = ReadEventAsync(stream);
        for (int i = 0; i < 100 && !next.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(500));
            await Task.WhenAny(next, Task.Delay(50));
        }

        Assert.Contains("\"state\":\"accepted\"", await next.WaitAsync(TimeSpan.FromSeconds(30)), StringComparison.Ordinal);
        Assert.Equal("accepted", JsonNode.Parse(await _b.Client.GetStringAsync("/kzid/egov-mobile/sessions/" + session.SessionId + "/status"))!["state"]!.GetValue<string>());

        // Every signed document is readable on either instance; the identification on A redeems the challenge in Redis.
        Assert.Equal(2, (await _b.Signing.GetSignedDocumentsAsync(session.SessionId))!.Count);
        Eds.NcaEdsEvidence evidence = (await _a.Signing.GetEvidenceAsync(session.SessionId))!;
        IdentificationResult identified = await _a.IdentifyAsync(evidence);
        Assert.True(identified.IsVerified, identified.ToString());
        IdentificationResult replayOnB = await _b.IdentifyAsync((await _b.Signing.GetEvidenceAsync(session.SessionId))!);
        Assert.Contains(ReasonCode.ChallengeInvalid, replayOnB.Methods[0].Reasons);
    }

    [Fact]
    public async Task Of_concurrent_answers_on_both_instances_exactly_one_wins()
    {
        await StartFarmAsync();
        EGovMobileSigningSession session = await _b.Signing.StartAsync(EGovMobileDocumentListTests.Request(EGovMobileSignMethod.CmsWithData, EGovMobileDocumentListTests.SchedulePdf(EGovMobileSignMethod.CmsSignOnly)));
        int puts = 0;
        using var phoneClient = new HttpClient(new Crossing(r => r.Method == HttpMethod.Put ? (Interlocked.Increment(ref puts) % 2 == 0 ? Handler(_a) : Handler(_b)) : Handler(_a)));
        var phone = new EGovMobileSimulator(phoneClient, _time) { ConcurrentAnswerCount = 10 };

        EGovMobileSimulatorResult answered = await phone.SignAsync(session.QrPayload, _pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"), EGovMobileSimulatorFault.ConcurrentAnswers);

        Assert.Equal(10, puts);
        Assert.Equal(10, answered.AnswerStatusCodes.Count);
        Assert.Equal(1, answered.AnswerStatusCodes.Count(c => c == 200));
        Assert.All(answered.AnswerStatusCodes.Where(c => c != 200), c => Assert.Equal(409, c));
        Assert.Equal(EGovMobileSessionState.Accepted, (await _a.Signing.GetStatusAsync(session.SessionId))!.State);
        Assert.True((await _a.IdentifyAsync((await _a.Signing.GetEvidenceAsync(session.SessionId))!)).IsVerified);
    }

    [Fact]
    public async Task An_eds_sign_in_on_A_binds_the_signer_for_the_answer_on_B()
    {
        await StartFarmAsync(o => o.AuthType = EGovMobileAuthType.Eds);
        EGovMobileSigningSession session = await _a.Signing.StartAsync(EGovMobileDocumentListTests.Request(EGovMobileSignMethod.Xml));
        EGovMobileSigningSession other = await _a.Signing.StartAsync(EGovMobileDocumentListTests.Request(EGovMobileSignMethod.Xml));
        using var phoneClient = new HttpClient(new Crossing(r => r.Method == HttpMethod.Post ? Handler(_a) : Handler(_b)));
        var phone = new EGovMobileSimulator(phoneClient, _time) { AnotherSigner = _pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б") };

        EGovMobileSimulatorResult accepted = await phone.SignAsync(session.QrPayload, _pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"));
        EGovMobileSimulatorResult anotherKey = await phone.SignAsync(other.QrPayload, _pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"), EGovMobileSimulatorFault.EdsAnswerWithAnotherKey);

        Assert.True(accepted.Accepted, accepted.ToString());
        Assert.Equal(("api2-put", 401), (anotherKey.Step, anotherKey.StatusCode));
        Assert.Equal(EGovMobileSessionState.Pending, (await _a.Signing.GetStatusAsync(other.SessionId))!.State);
    }

    private async Task StartFarmAsync(Action<EGovMobileSigningOptions>? configure = null)
    {
        _a = await StartInstanceAsync(configure);
        _b = await StartInstanceAsync(configure);
    }

    private Task<EGovMobileHost> StartInstanceAsync(Action<EGovMobileSigningOptions>? configure) => EGovMobileHost.StartAsync(
        configure: configure,
        sharedPki: _pki,
        sharedTime: _time,
        identification: kzid => kzid.AddRedisState(_redis.Server.ConnectionString, o =>
        {
            o.KeyPrefix = _prefix;
            o.ActiveKeyId = "k1";
            o.Keys["k1"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
            o.OperationTimeout = TimeSpan.FromSeconds(5);
        }));

    private static HttpMessageHandler Handler(EGovMobileHost host) => host.App.GetTestServer().CreateHandler();

    private static async Task<string> ReadEventAsync(StreamReader stream)
    {
        string? line;
        while ((line = await stream.ReadLineAsync()) is not null)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line;
            }
        }

        return string.Empty;
    }

    // Sends each request to the instance the route picks, as a load balancer without affinity would.
    private sealed class Crossing(Func<HttpRequestMessage, HttpMessageHandler> route) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var invoker = new HttpMessageInvoker(route(request), disposeHandler: false);
            return await invoker.SendAsync(request, cancellationToken);
        }
    }
}
