using System.Text.Json;
using Kz.MicroCredit.Identity.Cli;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Kz.MicroCredit.Identity.Testing.Revocation;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;
using Xunit;

namespace Kz.MicroCredit.Identity.ContractTests.Revocation;

/// <summary><c>kzid eds verify --revocation …</c> against a WireMock OCSP responder on loopback and offline CRL files, with a custom <c>--trust</c> folder.</summary>
public sealed class KzidRevocationCliTests : IDisposable
{
    private static readonly SandboxPki Pki = new(new SandboxPkiOptions { Algorithm = Cryptography.NcaKeyAlgorithm.Gost2015_512 });
    private static readonly INcaSigner Borrower = Pki.IssueIndividual(Iin.Parse("880912300763"), "ТЕСТОВ", "ТЕСТ");

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly string _folder = Directory.CreateTempSubdirectory("kzid-revocation-").FullName;
    private readonly string _cms;
    private readonly string _trust;

    public KzidRevocationCliTests()
    {
        _trust = Path.Combine(_folder, "trust");
        Directory.CreateDirectory(_trust);
        File.WriteAllBytes(Path.Combine(_trust, "issuing-ca.cer"), Pki.IssuingCaCertificate.RawData);
        _cms = Path.Combine(_folder, "signed.p7s");
        File.WriteAllBytes(_cms, new NcaCmsSigner(TimeProvider.System).SignAsync(Borrower, "loan agreement 0001"u8.ToArray(), detached: false).GetAwaiter().GetResult());
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void Ocsp(Action<TestOcspResponseBuilder> configure) =>
        _server.Given(Request.Create().WithPath("/ocsp").UsingPost()).RespondWith(Response.Create().WithCallback(req =>
        {
            var builder = new TestOcspResponseBuilder(Pki.IssuingCaCertificate, Pki.IssuingCaSignatureFactory)
            {
                ThisUpdate = DateTimeOffset.UtcNow.AddMinutes(-1),
                NextUpdate = DateTimeOffset.UtcNow.AddHours(1),
            };
            configure(builder);
            return Bytes(builder.Build(req.BodyAsBytes!));
        }));

    private static ResponseMessage Bytes(byte[] body) => new()
    {
        StatusCode = 200,
        BodyData = new BodyData { BodyAsBytes = body, DetectedBodyType = BodyType.Bytes },
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/ocsp-response") },
    };

    private async Task<(int Exit, JsonElement Signer, string Stderr)> RunAsync(params string[] extra)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] args = ["eds", "verify", _cms, "--trust", _trust, "--json", .. extra];
        int exit = await KzidApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        using JsonDocument json = JsonDocument.Parse(stdout.ToString());
        return (exit, json.RootElement.GetProperty("signers")[0].Clone(), stderr.ToString());
    }

    [Fact]
    public async Task Ocsp_good_on_loopback_is_exit_0_and_good()
    {
        Ocsp(_ => { });
        (int exit, JsonElement signer, _) = await RunAsync("--revocation", "ocsp", "--ocsp-url", _server.Url + "/ocsp");
        Assert.Equal("good", signer.GetProperty("revocation").GetString());
        Assert.Equal(0, exit);
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task Ocsp_revoked_is_exit_1_and_revoked()
    {
        Ocsp(b => { b.Status = TestOcspCertStatus.Revoked; b.RevokedAt = DateTimeOffset.UtcNow.AddDays(-1); });
        (int exit, JsonElement signer, _) = await RunAsync("--revocation", "ocsp", "--ocsp-url", _server.Url + "/ocsp");
        Assert.Equal(1, exit);
        Assert.Equal("revoked", signer.GetProperty("revocation").GetString());
        Assert.Contains("CertificateRevoked", signer.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Ocsp_try_later_is_exit_1_unknown_with_the_reason()
    {
        _server.Given(Request.Create().WithPath("/ocsp").UsingPost()).RespondWith(Response.Create().WithCallback(_ => Bytes(TestOcspResponseBuilder.Error(3))));
        (int exit, JsonElement signer, _) = await RunAsync("--revocation", "auto", "--ocsp-url", _server.Url + "/ocsp");
        Assert.Equal(1, exit);
        Assert.Equal("unknown", signer.GetProperty("revocation").GetString());
        Assert.Contains("OcspTryLater", signer.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Offline_base_and_delta_crl_files_revoke_from_the_delta()
    {
        var builder = new TestCrlBuilder(Pki.IssuingCaCertificate, Pki.IssuingCaSignatureFactory) { ThisUpdate = DateTimeOffset.UtcNow.AddHours(-1), NextUpdate = DateTimeOffset.UtcNow.AddDays(1), CrlNumber = 4 };
        string baseCrl = Path.Combine(_folder, "base.crl");
        string delta = Path.Combine(_folder, "delta.crl");
        await File.WriteAllBytesAsync(baseCrl, builder.Build([]));
        await File.WriteAllBytesAsync(Path.Combine(_folder, "good-delta.crl"), new TestCrlBuilder(Pki.IssuingCaCertificate, Pki.IssuingCaSignatureFactory) { ThisUpdate = DateTimeOffset.UtcNow.AddMinutes(-5), NextUpdate = DateTimeOffset.UtcNow.AddHours(1), CrlNumber = 5, DeltaBaseCrlNumber = 4 }.Build([]));
        await File.WriteAllBytesAsync(delta, new TestCrlBuilder(Pki.IssuingCaCertificate, Pki.IssuingCaSignatureFactory) { ThisUpdate = DateTimeOffset.UtcNow.AddMinutes(-5), NextUpdate = DateTimeOffset.UtcNow.AddHours(1), CrlNumber = 5, DeltaBaseCrlNumber = 4 }
            .Build([new TestCrlEntry(Borrower.Certificate.SerialNumberBytes.ToArray(), DateTimeOffset.UtcNow.AddHours(-2), 1)]));

        (int goodExit, JsonElement good, _) = await RunAsync("--revocation", "crl", "--crl", baseCrl, "--crl", Path.Combine(_folder, "good-delta.crl"));
        Assert.Equal("good", good.GetProperty("revocation").GetString());
        Assert.Equal(0, goodExit);

        (int exit, JsonElement signer, _) = await RunAsync("--revocation", "crl", "--crl", baseCrl, "--crl", delta);
        Assert.Equal(1, exit);
        Assert.Equal("revoked", signer.GetProperty("revocation").GetString());
        Assert.Empty(_server.LogEntries);
    }

    [Fact]
    public async Task Empty_crl_file_is_exit_1_unknown_with_CrlMalformed()
    {
        string empty = Path.Combine(_folder, "empty.crl");
        await File.WriteAllBytesAsync(empty, []);
        (int exit, JsonElement signer, _) = await RunAsync("--revocation", "crl", "--crl", empty);
        Assert.Equal(1, exit);
        Assert.Equal("unknown", signer.GetProperty("revocation").GetString());
        Assert.Contains("CrlMalformed", signer.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Ocsp_without_a_pinned_responder_for_a_custom_anchor_is_not_configured()
    {
        (int exit, JsonElement signer, _) = await RunAsync("--revocation", "ocsp");
        Assert.Equal(1, exit);
        Assert.Contains("RevocationSourceNotConfigured", signer.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(_server.LogEntries);
    }
}
