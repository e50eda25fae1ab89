using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Eds;
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

/// <summary>OCSP and CRL against a WireMock responder on loopback: every answer ends in its documented outcome.</summary>
public sealed class OcspCrlContractTests : IDisposable
{
    private static readonly TestKeyPair Ca = RevocationTestPki.CreateCa("Revocation Test CA");
    private static readonly TestKeyPair OtherCa = RevocationTestPki.CreateCa("Another Test CA");
    private static readonly TestKeyPair Borrower = RevocationTestPki.Issue(Ca, "Borrower");
    private static readonly TestKeyPair Delegated = RevocationTestPki.Issue(Ca, "OCSP Responder", ocspSigning: true);
    private static readonly TestKeyPair NoEku = RevocationTestPki.Issue(Ca, "Not A Responder");
    private static readonly TestKeyPair ForeignResponder = RevocationTestPki.Issue(OtherCa, "OCSP Responder Of Another CA", ocspSigning: true);
    private static readonly TestKeyPair ExpiredResponder = RevocationTestPki.Issue(Ca, "Expired Responder", ocspSigning: true, DateTimeOffset.UtcNow.AddDays(-20), DateTimeOffset.UtcNow.AddDays(-10));

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }

        _server.Stop();
        _server.Dispose();
    }

    private Uri OcspUrl => new(_server.Url! + "/ocsp");

    private ICertificateRevocationChecker Checker(Action<RevocationOptions>? configure = null, bool ocsp = true, bool crl = false)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBorrowerIdentification().AddNcaRevocation(o =>
        {
            o.OcspResilience.AttemptTimeout = TimeSpan.FromSeconds(3);
            o.OcspResilience.TotalTimeout = TimeSpan.FromSeconds(6);
            o.CrlBackgroundRefresh = false;
            if (ocsp)
            {
                o.OcspResponderUrl = OcspUrl;
                o.Order.Add(RevocationSource.Ocsp);
            }

            if (crl)
            {
                var issuer = new RevocationIssuerOptions { Name = "test", Subject = Ca.Certificate.Subject };
                issuer.CrlUrls.Add(new Uri(_server.Url! + "/crl/base.crl"));
                issuer.DeltaCrlUrls.Add(new Uri(_server.Url! + "/crl/delta.crl"));
                o.Issuers.Add(issuer);
                o.Order.Add(RevocationSource.Crl);
            }

            configure?.Invoke(o);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ICertificateRevocationChecker>();
    }

    private static RevocationCheckRequest Check(X509Certificate2? cert = null) => new(cert ?? Borrower.Certificate, Ca.Certificate, DateTimeOffset.UtcNow);

    private void Ocsp(TestKeyPair signer, Action<TestOcspResponseBuilder>? configure = null) =>
        _server.Given(Request.Create().WithPath("/ocsp").UsingPost()).RespondWith(Response.Create().WithCallback(req =>
        {
            var builder = new TestOcspResponseBuilder(signer.Certificate, signer.Signer)
            {
                ThisUpdate = DateTimeOffset.UtcNow.AddMinutes(-1),
                NextUpdate = DateTimeOffset.UtcNow.AddHours(4),
            };
            configure?.Invoke(builder);
            return Bytes(builder.Build(req.BodyAsBytes!), "application/ocsp-response");
        }));

    private void OcspBody(byte[] body) =>
        _server.Given(Request.Create().WithPath("/ocsp").UsingPost()).RespondWith(Response.Create().WithCallback(_ => Bytes(body, "application/ocsp-response")));

    private void Crl(string name, byte[] body) =>
        _server.Given(Request.Create().WithPath("/crl/" + name).UsingGet()).RespondWith(Response.Create().WithCallback(_ => Bytes(body, "application/pkix-crl")));

    private static ResponseMessage Bytes(byte[] body, string contentType) => new()
    {
        StatusCode = 200,
        BodyData = new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes },
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(contentType) },
    };

    private static byte[] BuildCrl(TestKeyPair signer, long number, long? deltaBase, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, params TestCrlEntry[] entries) =>
        new TestCrlBuilder(Ca.Certificate, signer.Signer) { CrlNumber = number, DeltaBaseCrlNumber = deltaBase, ThisUpdate = thisUpdate, NextUpdate = nextUpdate }.Build(entries);

    private static TestCrlEntry Listed(X509Certificate2 cert, int reason = 1) => new(cert.SerialNumberBytes.ToArray(), DateTimeOffset.UtcNow.AddDays(-2), reason);

    // ---- OCSP ----

    [Fact]
    public async Task Good_from_the_issuing_ca_is_good_with_the_raw_response_kept()
    {
        Ocsp(Ca);
        RevocationCheckResult result = await Checker().CheckAsync(Check());
        Assert.Equal(RevocationStatus.Good, result.Status);
        Assert.Equal("ocsp", result.Source);
        Assert.Equal("issuer", result.Facts["ocsp.responder"]);
        Assert.Equal("matched", result.Facts["ocsp.nonce"]);
        EvidenceArtifact artifact = Assert.Single(result.Artifacts);
        Assert.Equal("application/ocsp-response", artifact.MediaType);
        Assert.Equal(0x30, artifact.Content.Span[0]);
    }

    [Fact]
    public async Task Good_from_a_delegated_responder_found_by_key_is_good()
    {
        Ocsp(Delegated, b => b.ResponderIdByKey = true);
        RevocationCheckResult result = await Checker().CheckAsync(Check());
        Assert.Equal(RevocationStatus.Good, result.Status);
        Assert.Equal("delegated", result.Facts["ocsp.responder"]);
    }

    [Fact]
    public async Task Revoked_carries_time_and_reason()
    {
        DateTimeOffset when = DateTimeOffset.UtcNow.AddDays(-3);
        Ocsp(Ca, b => { b.Status = TestOcspCertStatus.Revoked; b.RevokedAt = when; b.RevocationReason = 1; });
        RevocationCheckResult result = await Checker().CheckAsync(Check());
        Assert.Equal(RevocationStatus.Revoked, result.Status);
        Assert.Equal(when.ToUnixTimeSeconds(), result.RevokedAt!.Value.ToUnixTimeSeconds());
        Assert.Equal(1, result.RevocationReason);
    }

    [Fact]
    public async Task Unknown_status_is_unknown_under_hard_fail()
    {
        Ocsp(Ca, b => b.Status = TestOcspCertStatus.Unknown);
        RevocationCheckResult result = await Checker().CheckAsync(Check());
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(ReasonCode.OcspStatusUnknown, result.Failure);
    }

    [Theory]
    [InlineData(3, "OcspTryLater")]
    [InlineData(2, "OcspErrorStatus")]
    [InlineData(1, "OcspErrorStatus")]
    [InlineData(6, "OcspErrorStatus")]
    public async Task Error_statuses_are_never_good(int status, string code)
    {
        OcspBody(TestOcspResponseBuilder.Error(status));
        RevocationCheckResult result = await Checker().CheckAsync(Check());
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(code, result.Failure!.Value.Value);
    }

    [Fact]
    public async Task Stale_answer_is_unknown()
    {
        Ocsp(Ca, b => { b.ThisUpdate = DateTimeOffset.UtcNow.AddDays(-2); b.NextUpdate = DateTimeOffset.UtcNow.AddDays(-1); });
        RevocationCheckResult result = await Checker().CheckAsync(Check());
        Assert.Equal(ReasonCode.OcspStale, result.Failure);
    }

    [Fact]
    public async Task Answer_from_the_future_is_unknown()
    {
        Ocsp(Ca, b => { b.ThisUpdate = DateTimeOffset.UtcNow.AddHours(2); b.NextUpdate = DateTimeOffset.UtcNow.AddHours(6); });
        Assert.Equal(ReasonCode.OcspStale, (await Checker().CheckAsync(Check())).Failure);
    }

    [Fact]
    public async Task Responder_without_the_ocsp_signing_eku_is_not_authorized()
    {
        Ocsp(NoEku);
        RevocationCheckResult result = await Checker().CheckAsync(Check());
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(ReasonCode.OcspResponderNotAuthorized, result.Failure);
    }

    [Fact]
    public async Task Responder_of_another_ca_is_not_authorized()
    {
        Ocsp(ForeignResponder);
        Assert.Equal(ReasonCode.OcspResponderNotAuthorized, (await Checker().CheckAsync(Check())).Failure);
    }

    [Fact]
    public async Task Responder_expired_at_producedAt_is_not_authorized()
    {
        Ocsp(ExpiredResponder);
        Assert.Equal(ReasonCode.OcspResponderNotAuthorized, (await Checker().CheckAsync(Check())).Failure);
    }

    [Fact]
    public async Task Responder_certificate_missing_from_the_response_is_not_authorized()
    {
        Ocsp(Delegated, b => b.IncludeSignerCertificate = false);
        Assert.Equal(ReasonCode.OcspResponderNotAuthorized, (await Checker().CheckAsync(Check())).Failure);
    }

    [Fact]
    public async Task Impostor_signing_in_the_ca_name_fails_the_signature()
    {
        TestKeyPair impostor = RevocationTestPki.CreateCa("Revocation Test CA");
        Ocsp(impostor, b => b.IncludeSignerCertificate = false);
        RevocationCheckResult result = await Checker().CheckAsync(Check());
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(ReasonCode.OcspSignatureInvalid, result.Failure);
    }

    [Fact]
    public async Task Answer_for_another_serial_is_a_certid_mismatch()
    {
        Ocsp(Ca, b => b.OverrideSerial = [0x42, 0x42]);
        Assert.Equal(ReasonCode.OcspCertIdMismatch, (await Checker().CheckAsync(Check())).Failure);
    }

    [Fact]
    public async Task Nonce_mismatch_is_unknown()
    {
        Ocsp(Ca, b => b.Nonce = TestOcspNonceMode.Wrong);
        Assert.Equal(ReasonCode.OcspNonceMismatch, (await Checker().CheckAsync(Check())).Failure);
    }

    [Fact]
    public async Task Missing_nonce_is_accepted_by_default_and_refused_when_required()
    {
        Ocsp(Ca, b => b.Nonce = TestOcspNonceMode.Omit);
        RevocationCheckResult lenient = await Checker().CheckAsync(Check());
        Assert.Equal(RevocationStatus.Good, lenient.Status);
        Assert.Equal("not-echoed", lenient.Facts["ocsp.nonce"]);
        RevocationCheckResult strict = await Checker(o => o.OcspRequireNonce = true).CheckAsync(Check());
        Assert.Equal(ReasonCode.OcspNonceMismatch, strict.Failure);
    }

    [Fact]
    public async Task Timeout_is_unavailable()
    {
        _server.Given(Request.Create().WithPath("/ocsp").UsingPost()).RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(10)).WithBody("late"));
        RevocationCheckResult result = await Checker().CheckAsync(Check());
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(ReasonCode.OcspUnavailable, result.Failure);
        Assert.Equal("timeout", result.Facts["ocsp.error"]);
    }

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task Connection_reset_is_never_good(FaultType fault)
    {
        _server.Given(Request.Create().WithPath("/ocsp").UsingPost()).RespondWith(Response.Create().WithBody("x").WithFault(fault));
        RevocationCheckResult result = await Checker().CheckAsync(Check());
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.True(result.Failure == ReasonCode.OcspUnavailable || result.Failure == ReasonCode.OcspMalformed);
    }

    [Fact]
    public async Task Server_error_is_unavailable()
    {
        _server.Given(Request.Create().WithPath("/ocsp").UsingPost()).RespondWith(Response.Create().WithStatusCode(503).WithBody("down"));
        Assert.Equal(ReasonCode.OcspUnavailable, (await Checker().CheckAsync(Check())).Failure);
    }

    [Theory]
    [InlineData("<html>gateway</html>")]
    [InlineData("")]
    public async Task Garbage_body_is_malformed(string body)
    {
        OcspBody(System.Text.Encoding.ASCII.GetBytes(body));
        Assert.Equal(ReasonCode.OcspMalformed, (await Checker().CheckAsync(Check())).Failure);
    }

    [Fact]
    public async Task Truncated_answer_is_malformed()
    {
        var builder = new TestOcspResponseBuilder(Ca.Certificate, Ca.Signer);
        byte[] good = builder.Build(new Org.BouncyCastle.Ocsp.CertificateID(new Org.BouncyCastle.Asn1.Ocsp.CertID(
            new Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier(new Org.BouncyCastle.Asn1.DerObjectIdentifier("2.16.840.1.101.3.4.2.1")),
            new Org.BouncyCastle.Asn1.DerOctetString(new byte[32]), new Org.BouncyCastle.Asn1.DerOctetString(new byte[32]), Org.BouncyCastle.Asn1.DerInteger.ValueOf(5))), null);
        OcspBody(good[..(good.Length / 2)]);
        Assert.Equal(ReasonCode.OcspMalformed, (await Checker().CheckAsync(Check())).Failure);
    }

    [Fact]
    public async Task Soft_fail_reports_not_checked_with_the_reason_kept()
    {
        _server.Given(Request.Create().WithPath("/ocsp").UsingPost()).RespondWith(Response.Create().WithStatusCode(500));
        RevocationCheckResult result = await Checker(o => o.SoftFail = true).CheckAsync(Check());
        Assert.Equal(RevocationStatus.NotChecked, result.Status);
        Assert.Equal(ReasonCode.OcspUnavailable, result.Failure);
        Assert.Equal("true", result.Facts["revocation.soft-fail"]);
    }

    // ---- CRL ----

    [Fact]
    public async Task TryLater_then_a_fresh_crl_is_good_from_the_crl()
    {
        OcspBody(TestOcspResponseBuilder.Error(3));
        Crl("base.crl", BuildCrl(Ca, 7, null, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1)));
        Crl("delta.crl", BuildCrl(Ca, 8, 7, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddHours(2)));
        RevocationCheckResult result = await Checker(crl: true).CheckAsync(Check());
        Assert.Equal(RevocationStatus.Good, result.Status);
        Assert.Equal("crl", result.Source);
        Assert.Equal("OcspTryLater", result.Facts["revocation.failures"]);
        Assert.Equal("7", result.Facts["crl.number"]);
        Assert.Equal("8", result.Facts["crl.delta.number"]);
    }

    [Fact]
    public async Task Revocation_in_the_delta_revokes()
    {
        Crl("base.crl", BuildCrl(Ca, 7, null, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1)));
        Crl("delta.crl", BuildCrl(Ca, 8, 7, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddHours(2), Listed(Borrower.Certificate)));
        RevocationCheckResult result = await Checker(ocsp: false, crl: true).CheckAsync(Check());
        Assert.Equal(RevocationStatus.Revoked, result.Status);
        Assert.Equal(1, result.RevocationReason);
    }

    [Fact]
    public async Task Delta_over_a_newer_base_number_than_available_is_not_applied()
    {
        Crl("base.crl", BuildCrl(Ca, 5, null, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1)));
        Crl("delta.crl", BuildCrl(Ca, 9, 7, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddHours(2), Listed(Borrower.Certificate)));
        RevocationCheckResult result = await Checker(ocsp: false, crl: true).CheckAsync(Check());
        Assert.Equal("not-applicable", result.Facts["crl.delta"]);
        Assert.Equal(RevocationStatus.Good, result.Status); // the base (5) lacks 6..7, the delta (base 7) cannot be combined
    }

    [Fact]
    public async Task Delta_without_base_proves_nothing_for_an_unlisted_serial()
    {
        _server.Given(Request.Create().WithPath("/crl/base.crl").UsingGet()).RespondWith(Response.Create().WithStatusCode(404));
        Crl("delta.crl", BuildCrl(Ca, 8, 7, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddHours(2)));
        RevocationCheckResult result = await Checker(ocsp: false, crl: true).CheckAsync(Check());
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(ReasonCode.CrlDeltaWithoutBase, result.Failure);
    }

    [Fact]
    public async Task Stale_crl_still_revokes_what_it_lists_but_proves_nothing_else()
    {
        TestKeyPair other = RevocationTestPki.Issue(Ca, "Other Borrower");
        Crl("base.crl", BuildCrl(Ca, 7, null, DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-3), Listed(Borrower.Certificate)));
        Crl("delta.crl", BuildCrl(Ca, 8, 7, DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-3)));
        ICertificateRevocationChecker checker = Checker(ocsp: false, crl: true);
        Assert.Equal(RevocationStatus.Revoked, (await checker.CheckAsync(Check())).Status);
        RevocationCheckResult unlisted = await checker.CheckAsync(Check(other.Certificate));
        Assert.Equal(RevocationStatus.Unknown, unlisted.Status);
        Assert.Equal(ReasonCode.CrlStale, unlisted.Failure);
    }

    [Fact]
    public async Task Crl_signed_by_the_wrong_key_is_refused()
    {
        TestKeyPair impostor = RevocationTestPki.CreateCa("Revocation Test CA");
        Crl("base.crl", BuildCrl(impostor, 7, null, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1)));
        Crl("delta.crl", BuildCrl(impostor, 8, 7, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1)));
        RevocationCheckResult result = await Checker(ocsp: false, crl: true).CheckAsync(Check());
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(ReasonCode.CrlSignatureInvalid, result.Failure);
    }

    [Fact]
    public async Task Empty_crl_download_is_malformed()
    {
        Crl("base.crl", []);
        Crl("delta.crl", []);
        RevocationCheckResult result = await Checker(ocsp: false, crl: true).CheckAsync(Check());
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(ReasonCode.CrlMalformed, result.Failure);
    }

    [Fact]
    public async Task Empty_and_garbage_crl_files_are_malformed()
    {
        string empty = Path.GetTempFileName();
        string garbage = Path.GetTempFileName();
        await File.WriteAllTextAsync(garbage, "-----BEGIN X509 CRL-----\nnot base64\n-----END X509 CRL-----\n");
        try
        {
            RevocationCheckResult result = await Checker(o => { o.CrlFiles.Add(empty); o.CrlFiles.Add(garbage); o.Order.Add(RevocationSource.Crl); }, ocsp: false).CheckAsync(Check());
            Assert.Equal(RevocationStatus.Unknown, result.Status);
            Assert.Equal(ReasonCode.CrlMalformed, result.Failure);
        }
        finally
        {
            File.Delete(empty);
            File.Delete(garbage);
        }
    }

    [Fact]
    public async Task Crl_is_downloaded_once_and_served_from_the_index()
    {
        Crl("base.crl", BuildCrl(Ca, 7, null, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1)));
        Crl("delta.crl", BuildCrl(Ca, 8, 7, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddHours(2)));
        ICertificateRevocationChecker checker = Checker(ocsp: false, crl: true);
        Assert.Equal(RevocationStatus.Good, (await checker.CheckAsync(Check())).Status);
        Assert.Equal(RevocationStatus.Good, (await checker.CheckAsync(Check())).Status);
        Assert.Equal(1, _server.LogEntries.Count(e => e.RequestMessage?.Path == "/crl/base.crl"));
    }

    [Fact]
    public async Task Unpinned_issuer_is_not_configured()
    {
        TestKeyPair foreign = RevocationTestPki.Issue(OtherCa, "Foreign Borrower");
        RevocationCheckResult result = await Checker(ocsp: false, crl: true).CheckAsync(new RevocationCheckRequest(foreign.Certificate, OtherCa.Certificate, DateTimeOffset.UtcNow));
        Assert.Equal(RevocationStatus.Unknown, result.Status);
        Assert.Equal(ReasonCode.RevocationSourceNotConfigured, result.Failure);
        Assert.Empty(_server.LogEntries);
    }
}
