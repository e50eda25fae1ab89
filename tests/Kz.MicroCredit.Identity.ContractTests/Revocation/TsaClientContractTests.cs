using System.Security.Cryptography;
using System.Text;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Microsoft.Extensions.DependencyInjection;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;
using Xunit;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using BcX509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Kz.MicroCredit.Identity.ContractTests.Revocation;

/// <summary>
/// The RFC 3161 client against a WireMock TSA on loopback. Answers are genuine TimeStampResp structures made by
/// BouncyCastle's generators, signed by a TSA certificate of an RSA <see cref="SandboxPki"/>, and built from the
/// TimeStampReq the client actually posted (so nonce and imprint are echoed unless a case says otherwise).
/// </summary>
public sealed class TsaClientContractTests : IDisposable
{
    private const string Policy = "1.2.398.3.3.2.6.2";
    private const string OtherPolicy = "1.2.398.3.3.2.6.9";

    private static readonly Lazy<Pkis> Shared = new(() => new Pkis());

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly List<ServiceProvider> _providers = [];
    private readonly byte[] _data = Encoding.UTF8.GetBytes("sealed evidence report " + Guid.NewGuid());

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }

        _server.Stop();
        _server.Dispose();
    }

    private static Pkis Pki => Shared.Value;

    private ITimeStampAuthorityClient Client(Action<RevocationOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBorrowerIdentification().AddNcaRevocation(o =>
        {
            o.TsaResilience.AttemptTimeout = TimeSpan.FromSeconds(3);
            o.TsaResilience.TotalTimeout = TimeSpan.FromSeconds(6);
            o.CrlBackgroundRefresh = false;
            o.TsaUrl = new Uri(_server.Url! + "/tsp");
            configure?.Invoke(o);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ITimeStampAuthorityClient>();
    }

    private static TimeStampTokenValidator Validator => new(NcaTrustStore.Custom([Pki.Sandbox.RootCertificate], [Pki.Sandbox.IssuingCaCertificate]));

    /// <summary>Serves a TimeStampResp built from the posted request, with the knobs of a faulty or hostile TSA.</summary>
    private void Tsa(Action<Script>? configure = null)
    {
        var script = new Script();
        configure?.Invoke(script);
        _server.Given(Request.Create().WithPath("/tsp").UsingPost()).RespondWith(Response.Create().WithCallback(req =>
        {
            var posted = new TimeStampRequest(req.BodyAsBytes!);
            var generator = new TimeStampRequestGenerator();
            generator.SetCertReq(posted.CertReq);
            string? policy = script.Policy ?? posted.ReqPolicy;
            if (policy is not null)
            {
                generator.SetReqPolicy(new DerObjectIdentifier(policy));
            }

            byte[] imprint = script.Imprint ?? posted.GetMessageImprintDigest();
            TimeStampRequest answered = script.OmitNonce
                ? generator.Generate(posted.MessageImprintAlgOid, imprint)
                : generator.Generate(posted.MessageImprintAlgOid, imprint, script.Nonce ?? posted.Nonce);
            var tokens = new TimeStampTokenGenerator(script.Key, script.Certificate, TspAlgorithms.Sha256, Policy);
            tokens.SetCertificates(Org.BouncyCastle.Utilities.Collections.CollectionUtilities.CreateStore([script.Certificate]));
            var responses = new TimeStampResponseGenerator(tokens, TspAlgorithms.Allowed);
            TimeStampResponse response = responses.Generate(answered, new BcBigInteger(1, RandomNumberGenerator.GetBytes(8)), script.GenTime);
            return Bytes(response.GetEncoded(), script.ContentType);
        }));
    }

    private void TsaBody(byte[] body, string contentType = "application/timestamp-reply") =>
        _server.Given(Request.Create().WithPath("/tsp").UsingPost()).RespondWith(Response.Create().WithCallback(_ => Bytes(body, contentType)));

    private static ResponseMessage Bytes(byte[] body, string contentType = "application/timestamp-reply") => new()
    {
        StatusCode = 200,
        BodyData = new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes },
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new(contentType) },
    };

    private static void AssertNoToken(TimeStampResult result, ReasonCode expected)
    {
        Assert.False(result.IsGranted);
        Assert.Equal(expected, result.Failure);
        Assert.True(result.Token.IsEmpty);
        Assert.Null(result.GenTime);
        Assert.Null(result.Policy);
    }

    // ---- granted ----

    [Fact]
    public async Task Good_token_is_granted_with_its_gen_time_and_validates_against_the_sandbox_anchors()
    {
        DateTime genTime = Pki.GenTime;
        Tsa(s => s.GenTime = genTime);

        TimeStampResult result = await Client(o => o.AcceptedTsaPolicies.Add(Policy)).TimeStampAsync(_data);

        Assert.True(result.IsGranted, result.Failure?.ToString());
        Assert.Null(result.Failure);
        Assert.Equal(new DateTimeOffset(genTime, TimeSpan.Zero), result.GenTime);
        Assert.Equal(Policy, result.Policy);

        // The token really is the TSA's signature over our data's SHA-256 with the nonce we sent.
        var token = new TimeStampToken(new Org.BouncyCastle.Cms.CmsSignedData(result.Token.ToArray()));
        Assert.Equal(SHA256.HashData(_data), token.TimeStampInfo.GetMessageImprintDigest());
        RequestEntryNonce(out BcBigInteger sentNonce);
        Assert.Equal(sentNonce, token.TimeStampInfo.Nonce);
        TimeStampValidationResult validation = Validator.ValidateWithPolicy(result.Token.Span, _data, [Policy]);
        Assert.True(validation.IsValid, validation.Failure?.ToString());
        Assert.Equal(result.GenTime, validation.GenTime);
    }

    [Fact]
    public async Task Post_is_a_der_timestamp_query_for_the_sha256_of_the_data_with_nonce_and_cert_req()
    {
        Tsa();
        TimeStampResult result = await Client(o => o.TsaPolicyOid = Policy).TimeStampAsync(_data);
        Assert.True(result.IsGranted, result.Failure?.ToString());

        WireMock.Logging.ILogEntry entry = Assert.Single(_server.LogEntries);
        Assert.Equal("application/timestamp-query", entry.RequestMessage!.Headers!["Content-Type"].Single());
        var posted = new TimeStampRequest(entry.RequestMessage!.BodyAsBytes!);
        Assert.Equal(TspAlgorithms.Sha256, posted.MessageImprintAlgOid);
        Assert.Equal(SHA256.HashData(_data), posted.GetMessageImprintDigest());
        Assert.NotNull(posted.Nonce);
        Assert.True(posted.CertReq);
        Assert.Equal(Policy, posted.ReqPolicy);
    }

    // ---- answers that do not match the request ----

    [Fact]
    public async Task Nonce_mismatch_is_invalid()
    {
        Tsa(s => s.Nonce = new BcBigInteger(1, RandomNumberGenerator.GetBytes(8)));
        AssertNoToken(await Client().TimeStampAsync(_data), ReasonCode.TsaResponseInvalid);
    }

    [Fact]
    public async Task Nonce_omitted_from_the_token_is_invalid()
    {
        Tsa(s => s.OmitNonce = true);
        AssertNoToken(await Client().TimeStampAsync(_data), ReasonCode.TsaResponseInvalid);
    }

    [Fact]
    public async Task Imprint_mismatch_is_invalid()
    {
        Tsa(s => s.Imprint = SHA256.HashData(Encoding.UTF8.GetBytes("somebody else's document")));
        AssertNoToken(await Client().TimeStampAsync(_data), ReasonCode.TsaResponseInvalid);
    }

    [Fact]
    public async Task Policy_other_than_the_requested_one_is_invalid()
    {
        Tsa(s => s.Policy = OtherPolicy);
        AssertNoToken(await Client(o => o.TsaPolicyOid = Policy).TimeStampAsync(_data), ReasonCode.TsaResponseInvalid);
    }

    [Fact]
    public async Task Policy_not_in_the_allow_list_is_invalid()
    {
        Tsa(s => s.Policy = OtherPolicy);
        AssertNoToken(await Client(o => o.AcceptedTsaPolicies.Add(Policy)).TimeStampAsync(_data), ReasonCode.TsaResponseInvalid);
    }

    [Fact]
    public async Task Policy_allow_list_on_the_validator_rejects_a_valid_token_of_another_policy()
    {
        Tsa(s => s.Policy = OtherPolicy);
        TimeStampResult result = await Client().TimeStampAsync(_data);
        Assert.True(result.IsGranted, result.Failure?.ToString());
        Assert.True(Validator.Validate(result.Token.Span, _data).IsValid);

        TimeStampValidationResult validation = Validator.ValidateWithPolicy(result.Token.Span, _data, [Policy]);
        Assert.False(validation.IsValid);
        Assert.Equal(ReasonCode.TsaPolicyNotAccepted, validation.Failure);
        Assert.Null(validation.GenTime);
    }

    // ---- status ----

    [Fact]
    public async Task Status_rejection_is_rejected()
    {
        var generator = new TimeStampResponseGenerator(new TimeStampTokenGenerator(Pki.TsaKey, Pki.TsaCertificate, TspAlgorithms.Sha256, Policy), TspAlgorithms.Allowed);
        TsaBody(generator.GenerateFailResponse(PkiStatus.Rejection, PkiFailureInfo.BadAlg, "bad").GetEncoded());
        AssertNoToken(await Client().TimeStampAsync(_data), ReasonCode.TsaRejected);
    }

    [Theory]
    [InlineData(3)] // waiting
    [InlineData(4)] // revocationWarning
    [InlineData(5)] // revocationNotification
    [InlineData(0)] // granted, but no token
    public async Task Status_without_a_token_is_rejected(int status)
    {
        TsaBody(new TimeStampResp(new PkiStatusInfo(status), null).GetEncoded());
        AssertNoToken(await Client().TimeStampAsync(_data), ReasonCode.TsaRejected);
    }

    // ---- signer ----

    [Fact]
    public async Task Token_of_an_untrusted_tsa_is_handed_out_but_never_validates()
    {
        // The client checks that the answer matches the request; signature and TSA chain are the validator's job
        // (docs/revocation.md), so the token must fail there.
        Tsa(s => (s.Key, s.Certificate) = (Pki.ForeignKey, Pki.ForeignCertificate));
        TimeStampResult result = await Client().TimeStampAsync(_data);
        Assert.True(result.IsGranted, result.Failure?.ToString());

        TimeStampValidationResult validation = Validator.ValidateWithPolicy(result.Token.Span, _data, [Policy]);
        Assert.False(validation.IsValid);
        Assert.Equal(ReasonCode.CertificateUntrusted, validation.Failure);
        Assert.Null(validation.GenTime);
        Assert.Null(validation.TsaCertificate);
    }

    [Fact]
    public async Task Token_signed_by_another_key_under_the_trusted_tsa_certificate_never_validates()
    {
        Tsa(s => s.Key = Pki.ForeignKey);
        TimeStampResult result = await Client().TimeStampAsync(_data);

        TimeStampValidationResult validation = Validator.ValidateWithPolicy(result.Token.Span, _data, [Policy]);
        Assert.False(validation.IsValid);
        Assert.Equal(ReasonCode.SignatureInvalid, validation.Failure);
        Assert.Null(validation.TsaCertificate);
    }

    // ---- transport ----

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Http_5xx_is_unavailable(int status)
    {
        _server.Given(Request.Create().WithPath("/tsp").UsingPost()).RespondWith(Response.Create().WithStatusCode(status).WithBody("down"));
        AssertNoToken(await Client().TimeStampAsync(_data), ReasonCode.TsaUnavailable);
    }

    [Fact]
    public async Task Http_4xx_is_unavailable()
    {
        _server.Given(Request.Create().WithPath("/tsp").UsingPost()).RespondWith(Response.Create().WithStatusCode(404));
        AssertNoToken(await Client().TimeStampAsync(_data), ReasonCode.TsaUnavailable);
    }

    [Fact]
    public async Task Timeout_is_unavailable()
    {
        _server.Given(Request.Create().WithPath("/tsp").UsingPost())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(10)).WithBody("late"));
        ITimeStampAuthorityClient client = Client(o =>
        {
            o.TsaResilience.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.TsaResilience.TotalTimeout = TimeSpan.FromSeconds(1);
        });
        AssertNoToken(await client.TimeStampAsync(_data), ReasonCode.TsaUnavailable);
    }

    [Theory]
    [InlineData(FaultType.EMPTY_RESPONSE)]
    [InlineData(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public async Task Connection_reset_is_unavailable_or_invalid_never_granted(FaultType fault)
    {
        _server.Given(Request.Create().WithPath("/tsp").UsingPost()).RespondWith(Response.Create().WithBody("x").WithFault(fault));
        TimeStampResult result = await Client().TimeStampAsync(_data);
        Assert.False(result.IsGranted);
        Assert.True(result.Token.IsEmpty);
        Assert.Contains(result.Failure, new ReasonCode?[] { ReasonCode.TsaUnavailable, ReasonCode.TsaResponseInvalid });
    }

    [Fact]
    public async Task Garbage_body_is_invalid()
    {
        TsaBody(RandomNumberGenerator.GetBytes(300));
        AssertNoToken(await Client().TimeStampAsync(_data), ReasonCode.TsaResponseInvalid);
    }

    [Fact]
    public async Task Html_error_page_with_200_is_invalid()
    {
        TsaBody(Encoding.UTF8.GetBytes("<html><body>Service temporarily unavailable</body></html>"), "text/html");
        AssertNoToken(await Client().TimeStampAsync(_data), ReasonCode.TsaResponseInvalid);
    }

    [Fact]
    public async Task Truncated_answer_is_invalid()
    {
        byte[] good = new TimeStampResponseGenerator(new TimeStampTokenGenerator(Pki.TsaKey, Pki.TsaCertificate, TspAlgorithms.Sha256, Policy), TspAlgorithms.Allowed)
            .Generate(new TimeStampRequestGenerator().Generate(TspAlgorithms.Sha256, SHA256.HashData(_data)), BcBigInteger.One, Pki.GenTime)
            .GetEncoded();
        TsaBody(good[..(good.Length / 2)]);
        AssertNoToken(await Client().TimeStampAsync(_data), ReasonCode.TsaResponseInvalid);
    }

    [Fact]
    public async Task Content_type_is_not_what_decides_a_genuine_answer_under_another_type_is_granted()
    {
        // The client sends Accept: application/timestamp-reply but judges the DER body, not the header (some TSAs
        // answer application/octet-stream); a body that is not a matching TimeStampResp fails on its own.
        Tsa(s => s.ContentType = "application/octet-stream");
        TimeStampResult result = await Client().TimeStampAsync(_data);
        Assert.True(result.IsGranted, result.Failure?.ToString());
        Assert.Equal("application/timestamp-reply", Assert.Single(_server.LogEntries).RequestMessage!.Headers!["Accept"].Single());
    }

    [Fact]
    public async Task Empty_200_body_is_invalid()
    {
        TsaBody([]);
        AssertNoToken(await Client().TimeStampAsync(_data), ReasonCode.TsaResponseInvalid);
    }

    [Fact]
    public async Task No_url_is_not_configured_and_sends_nothing()
    {
        Tsa();
        AssertNoToken(await Client(o => o.TsaUrl = null).TimeStampAsync(_data), ReasonCode.TsaNotConfigured);
        Assert.Empty(_server.LogEntries);
    }

    private void RequestEntryNonce(out BcBigInteger nonce) =>
        nonce = new TimeStampRequest(Assert.Single(_server.LogEntries).RequestMessage!.BodyAsBytes!).Nonce;

    /// <summary>How the scripted TSA answers.</summary>
    private sealed class Script
    {
        public AsymmetricKeyParameter Key { get; set; } = Pki.TsaKey;

        public BcX509Certificate Certificate { get; set; } = Pki.TsaCertificate;

        public BcBigInteger? Nonce { get; set; }

        public bool OmitNonce { get; set; }

        public byte[]? Imprint { get; set; }

        public string? Policy { get; set; }

        public DateTime GenTime { get; set; } = Pki.GenTime;

        public string ContentType { get; set; } = "application/timestamp-reply";
    }

    /// <summary>An RSA sandbox PKI with a TSA, and a foreign one whose TSA nobody trusts.</summary>
    private sealed class Pkis
    {
        public Pkis()
        {
            Sandbox = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Rsa });
            (TsaKey, TsaCertificate) = Export(Sandbox.IssueServiceCertificate("SANDBOX TSA", SandboxServiceKind.TimeStampingAuthority));
            var foreign = new SandboxPki(new SandboxPkiOptions { Algorithm = NcaKeyAlgorithm.Rsa, NameSuffix = "FOREIGN" });
            (ForeignKey, ForeignCertificate) = Export(foreign.IssueServiceCertificate("FOREIGN TSA", SandboxServiceKind.TimeStampingAuthority));
            DateTime now = DateTime.UtcNow.AddMinutes(-1);
            GenTime = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, DateTimeKind.Utc);
        }

        public SandboxPki Sandbox { get; }

        public AsymmetricKeyParameter TsaKey { get; }

        public BcX509Certificate TsaCertificate { get; }

        public AsymmetricKeyParameter ForeignKey { get; }

        public BcX509Certificate ForeignCertificate { get; }

        public DateTime GenTime { get; }

        private static (AsymmetricKeyParameter, BcX509Certificate) Export(INcaSigner signer)
        {
            var inMemory = (NcaPrivateKeySigner)signer;
            return (PrivateKeyFactory.CreateKey(inMemory.Key.ExportPrivateKeyInfo()), new BcX509Certificate(inMemory.Certificate.RawData));
        }
    }
}
