using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Testing.Revocation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;
using Xunit;

namespace Kz.MicroCredit.Identity.ContractTests.Revocation;

/// <summary>CRL cache until nextUpdate with a <see cref="TimeProvider"/>-driven background refresh.</summary>
public sealed class CrlCacheRefreshTests : IDisposable
{
    private static readonly TestKeyPair Ca = RevocationTestPki.CreateCa("Refresh Test CA");
    private static readonly TestKeyPair Borrower = RevocationTestPki.Issue(Ca, "Refresh Borrower");
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }

    private void ServeBase(byte[] crl)
    {
        _server.Reset();
        _server.Given(Request.Create().WithPath("/crl/base.crl").UsingGet()).RespondWith(Response.Create().WithCallback(_ => new ResponseMessage
        {
            StatusCode = 200,
            BodyData = new BodyData { BodyAsBytes = crl, DetectedBodyType = BodyType.Bytes },
        }));
    }

    private int BaseFetches => _server.LogEntries.Count(e => e.RequestMessage?.Path == "/crl/base.crl");

    [Fact]
    public async Task Crl_is_refreshed_in_the_background_at_nextUpdate()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        DateTimeOffset t0 = time.GetUtcNow();
        ServeBase(new TestCrlBuilder(Ca.Certificate, Ca.Signer) { ThisUpdate = t0.AddMinutes(-5), NextUpdate = t0.AddMinutes(30), CrlNumber = 1 }.Build([]));

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddBorrowerIdentification().AddNcaRevocation(o =>
        {
            var issuer = new RevocationIssuerOptions { Name = "refresh", CertificateSha256 = Ca.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) };
            issuer.CrlUrls.Add(new Uri(_server.Url + "/crl/base.crl"));
            o.Issuers.Add(issuer);
            o.Order.Add(RevocationSource.Crl);
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        ICertificateRevocationChecker checker = provider.GetRequiredService<ICertificateRevocationChecker>();

        Assert.Equal(RevocationStatus.Good, (await checker.CheckAsync(new RevocationCheckRequest(Borrower.Certificate, Ca.Certificate, t0))).Status);
        Assert.Equal(1, BaseFetches);

        // The CA publishes a new CRL listing the borrower; at nextUpdate the timer fetches it without any request.
        byte[] next = new TestCrlBuilder(Ca.Certificate, Ca.Signer) { ThisUpdate = t0.AddMinutes(29), NextUpdate = t0.AddHours(2), CrlNumber = 2 }
            .Build([new TestCrlEntry(Borrower.Certificate.SerialNumberBytes.ToArray(), t0.AddMinutes(20), 1)]);
        ServeBase(next);
        time.Advance(TimeSpan.FromMinutes(31));
        for (int i = 0; i < 200 && BaseFetches == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, BaseFetches);
        RevocationCheckResult after = await WaitForAsync(checker, new RevocationCheckRequest(Borrower.Certificate, Ca.Certificate, time.GetUtcNow()));
        Assert.Equal(RevocationStatus.Revoked, after.Status);
        Assert.Equal("2", after.Facts["crl.number"]);
        Assert.Equal(1, BaseFetches);
    }

    private static async Task<RevocationCheckResult> WaitForAsync(ICertificateRevocationChecker checker, RevocationCheckRequest request)
    {
        RevocationCheckResult result = await checker.CheckAsync(request);
        for (int i = 0; i < 100 && result.Status != RevocationStatus.Revoked; i++)
        {
            await Task.Delay(50);
            result = await checker.CheckAsync(request);
        }

        return result;
    }
}
