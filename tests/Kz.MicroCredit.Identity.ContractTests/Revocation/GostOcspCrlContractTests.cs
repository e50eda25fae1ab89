using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Kz.MicroCredit.Identity.Testing.Revocation;
using Microsoft.Extensions.DependencyInjection;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;
using Xunit;

namespace Kz.MicroCredit.Identity.ContractTests.Revocation;

/// <summary>
/// OCSP answers and CRLs signed by SandboxPki CAs of every NCA generation (GOST 34.10-2015, GOST 34.310-2004, RSA) through
/// crypto's <see cref="NcaSignatureFactory"/>, served by WireMock on loopback.
/// </summary>
public sealed class GostOcspCrlContractTests : IDisposable
{
    private static readonly Dictionary<NcaKeyAlgorithm, (SandboxPki Pki, INcaSigner Borrower, NcaPrivateKeySigner Responder)> Pkis = [];

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly List<ServiceProvider> _providers = [];

    public static TheoryData<NcaKeyAlgorithm> Algorithms => new() { NcaKeyAlgorithm.Gost2015_512, NcaKeyAlgorithm.Gost2004, NcaKeyAlgorithm.Rsa };

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }

        _server.Stop();
        _server.Dispose();
    }

    private static (SandboxPki Pki, INcaSigner Borrower, NcaPrivateKeySigner Responder) For(NcaKeyAlgorithm algorithm)
    {
        lock (Pkis)
        {
            if (!Pkis.TryGetValue(algorithm, out var entry))
            {
                var pki = new SandboxPki(new SandboxPkiOptions { Algorithm = algorithm });
                entry = (pki, pki.IssueIndividual(Iin.Parse("880912300763"), "ТЕСТОВ", "ТЕСТ"), (NcaPrivateKeySigner)pki.IssueServiceCertificate("OCSP RESPONDER", SandboxServiceKind.OcspResponder));
                Pkis[algorithm] = entry;
            }

            return entry;
        }
    }

    private ICertificateRevocationChecker Checker(SandboxPki pki, RevocationSource source)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBorrowerIdentification().AddNcaRevocation(o =>
        {
            var issuer = new RevocationIssuerOptions { Name = "sandbox", Subject = pki.IssuingCaCertificate.Subject, OcspUrl = new Uri(_server.Url + "/ocsp") };
            issuer.CrlUrls.Add(new Uri(_server.Url + "/crl/base.crl"));
            issuer.DeltaCrlUrls.Add(new Uri(_server.Url + "/crl/delta.crl"));
            issuer.Order.Add(source);
            o.Issuers.Add(issuer);
            o.CrlBackgroundRefresh = false;
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ICertificateRevocationChecker>();
    }

    private void Serve(string path, string method, Func<IRequestMessage, byte[]> body) =>
        _server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(Response.Create().WithCallback(req => new ResponseMessage
        {
            StatusCode = 200,
            BodyData = new BodyData { BodyAsBytes = body(req), DetectedBodyType = BodyType.Bytes },
        }));

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Ocsp_good_from_the_ca_and_revoked_from_a_delegated_responder(NcaKeyAlgorithm algorithm)
    {
        (SandboxPki pki, INcaSigner borrower, NcaPrivateKeySigner responder) = For(algorithm);
        var request = new RevocationCheckRequest(borrower.Certificate, pki.IssuingCaCertificate, DateTimeOffset.UtcNow);

        Serve("/ocsp", "POST", req => new TestOcspResponseBuilder(pki.IssuingCaCertificate, pki.IssuingCaSignatureFactory) { NextUpdate = DateTimeOffset.UtcNow.AddHours(1) }.Build(req.BodyAsBytes!));
        RevocationCheckResult good = await Checker(pki, RevocationSource.Ocsp).CheckAsync(request);
        Assert.Equal(RevocationStatus.Good, good.Status);
        Assert.Equal("issuer", good.Facts["ocsp.responder"]);

        _server.Reset();
        Serve("/ocsp", "POST", req => new TestOcspResponseBuilder(responder.Certificate, new NcaSignatureFactory(responder.Key))
        {
            Status = TestOcspCertStatus.Revoked,
            RevokedAt = DateTimeOffset.UtcNow.AddHours(-3),
            ResponderIdByKey = true,
        }.Build(req.BodyAsBytes!));
        RevocationCheckResult revoked = await Checker(pki, RevocationSource.Ocsp).CheckAsync(request);
        Assert.Equal(RevocationStatus.Revoked, revoked.Status);
        Assert.Equal("delegated", revoked.Facts["ocsp.responder"]);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Crl_base_and_delta_signed_by_the_ca_decide_and_a_borrower_signed_crl_does_not(NcaKeyAlgorithm algorithm)
    {
        (SandboxPki pki, INcaSigner borrower, _) = For(algorithm);
        var request = new RevocationCheckRequest(borrower.Certificate, pki.IssuingCaCertificate, DateTimeOffset.UtcNow);
        byte[] Crl(Org.BouncyCastle.Crypto.ISignatureFactory signer, long number, long? deltaBase, params TestCrlEntry[] entries) =>
            new TestCrlBuilder(pki.IssuingCaCertificate, signer) { ThisUpdate = DateTimeOffset.UtcNow.AddMinutes(-10), NextUpdate = DateTimeOffset.UtcNow.AddHours(2), CrlNumber = number, DeltaBaseCrlNumber = deltaBase }.Build(entries);

        byte[] baseCrl = Crl(pki.IssuingCaSignatureFactory, 20, null);
        byte[] delta = Crl(pki.IssuingCaSignatureFactory, 21, 20, new TestCrlEntry(borrower.Certificate.SerialNumberBytes.ToArray(), DateTimeOffset.UtcNow.AddHours(-1), 1));
        Serve("/crl/base.crl", "GET", _ => baseCrl);
        Serve("/crl/delta.crl", "GET", _ => delta);
        RevocationCheckResult revoked = await Checker(pki, RevocationSource.Crl).CheckAsync(request);
        Assert.Equal(RevocationStatus.Revoked, revoked.Status);
        Assert.Equal("21", revoked.Facts["crl.delta.number"]);

        // The same CRLs "signed" by the borrower's key (a forged CRL in the CA's name) prove nothing.
        var forger = new NcaSignatureFactory(((NcaPrivateKeySigner)borrower).Key);
        _server.Reset();
        byte[] forgedBase = Crl(forger, 22, null);
        byte[] forgedDelta = Crl(forger, 23, 22);
        Serve("/crl/base.crl", "GET", _ => forgedBase);
        Serve("/crl/delta.crl", "GET", _ => forgedDelta);
        RevocationCheckResult forged = await Checker(pki, RevocationSource.Crl).CheckAsync(request);
        Assert.Equal(RevocationStatus.Unknown, forged.Status);
        Assert.Equal(ReasonCode.CrlSignatureInvalid, forged.Failure);
    }

    [Fact]
    public async Task Sandbox_responder_revokes_at_runtime()
    {
        (SandboxPki pki, _, _) = For(NcaKeyAlgorithm.Gost2015_512);
        INcaSigner victim = pki.IssueIndividual(Iin.Parse("880912300763"), "ЖЕРТВА", "ТЕСТ");
        await using SandboxRevocationResponder responder = await SandboxRevocationResponder.StartAsync(pki);
        var request = new RevocationCheckRequest(victim.Certificate, pki.IssuingCaCertificate, DateTimeOffset.UtcNow.AddMinutes(1));

        ICertificateRevocationChecker ocsp = Checker(responder, RevocationSource.Ocsp);
        Assert.Equal(RevocationStatus.Good, (await ocsp.CheckAsync(request)).Status);
        responder.Revoke(victim.Certificate, DateTimeOffset.UtcNow.AddSeconds(-30), reason: 1);
        RevocationCheckResult revoked = await ocsp.CheckAsync(request);
        Assert.Equal(RevocationStatus.Revoked, revoked.Status);
        Assert.Equal(1, revoked.RevocationReason);

        // The delta CRL lists it at once; after PublishBase the base does and the delta is empty.
        RevocationCheckResult fromDelta = await Checker(responder, RevocationSource.Crl).CheckAsync(request);
        Assert.Equal(RevocationStatus.Revoked, fromDelta.Status);
        Assert.NotEqual("0", fromDelta.Facts["crl.delta.entries"]);
        responder.PublishBase();
        RevocationCheckResult fromBase = await Checker(responder, RevocationSource.Crl).CheckAsync(request);
        Assert.Equal(RevocationStatus.Revoked, fromBase.Status);
        Assert.Equal("0", fromBase.Facts["crl.delta.entries"]);
    }

    private ICertificateRevocationChecker Checker(SandboxRevocationResponder responder, RevocationSource source)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBorrowerIdentification().AddNcaRevocation(o =>
        {
            var issuer = new RevocationIssuerOptions { Name = "sandbox", Subject = responder.Issuer.Subject, OcspUrl = responder.OcspUrl };
            issuer.CrlUrls.Add(responder.CrlUrl);
            issuer.DeltaCrlUrls.Add(responder.DeltaCrlUrl);
            issuer.Order.Add(source);
            o.Issuers.Add(issuer);
            o.CrlBackgroundRefresh = false;
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ICertificateRevocationChecker>();
    }
}
