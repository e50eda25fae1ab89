using System.Diagnostics;
using System.Text;
using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.ContractTests.Biometrics;
using Kz.MicroCredit.Identity.ContractTests.RealTimePhoto;
using Kz.MicroCredit.Identity.ContractTests.Revocation;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.Testing;
using Kz.MicroCredit.Identity.Testing.Revocation;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Kz.MicroCredit.Identity.ContractTests.FaultMatrix;

/// <summary>The five defects of issue 14, each reproduced from outside (these tests failed before the fix).</summary>
public sealed class DefectReproductionTests
{
    /// <summary>Generous upper bound against hangs on a loaded machine (not a speed test).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Defect1_a_trickled_body_is_cut_at_the_liveness_budget()
    {
        await using var server = new LoopbackFaultServer(_ => new FaultBehaviour.TrickleBody("application/json", TimeSpan.FromMilliseconds(200), Encoding.UTF8.GetBytes(HttpLivenessProviderContractTests.ApprovedResult)));
        await using ServiceProvider sp = FaultMatrixClients.Liveness(server.BaseUri, attempt: TimeSpan.FromMilliseconds(500), total: TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();

        Task<LivenessResult> call = sp.GetRequiredService<ILivenessProvider>().GetResultAsync("ls_1");
        LivenessProviderException ex = await Assert.ThrowsAsync<LivenessProviderException>(() => call.WaitAsync(TimeSpan.FromSeconds(1) + Slack));

        Assert.Equal(LivenessProviderErrorKind.Unavailable, ex.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1) + Slack, $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Defect2_the_liveness_client_does_not_follow_a_redirect_to_another_origin()
    {
        await using var other = new LoopbackFaultServer(_ => new FaultBehaviour.Answer(200, "application/json", Encoding.UTF8.GetBytes(HttpLivenessProviderContractTests.ApprovedResult)));
        await using var server = new LoopbackFaultServer(_ => new FaultBehaviour.Answer(302, null, [], new Dictionary<string, string> { ["Location"] = other.BaseUri + "v1/liveness/sessions/ls_1" }));
        await using ServiceProvider sp = FaultMatrixClients.Liveness(server.BaseUri, attempt: TimeSpan.FromSeconds(2), total: TimeSpan.FromSeconds(4));

        LivenessProviderException ex = await Assert.ThrowsAsync<LivenessProviderException>(() => sp.GetRequiredService<ILivenessProvider>().GetResultAsync("ls_1"));

        Assert.Equal(LivenessProviderErrorKind.Protocol, ex.Kind);
        Assert.Equal(0, other.Requests);
    }

    [Fact]
    public async Task Defect3_a_100_MB_junk_crl_is_refused_at_its_first_bytes()
    {
        const long Hostile = 100L * 1024 * 1024;
        await using var server = new LoopbackFaultServer(_ => new FaultBehaviour.HugeBody("application/pkix-crl", Hostile, DeclareLength: false));
        TestKeyPair ca = RevocationTestPki.CreateCa("Defect3 CA");
        TestKeyPair leaf = RevocationTestPki.Issue(ca, "Defect3 Borrower");
        await using ServiceProvider sp = FaultMatrixClients.Revocation(ca, crl: new Uri(server.BaseUri, "base.crl"), ocsp: null, attempt: TimeSpan.FromSeconds(5), total: TimeSpan.FromSeconds(10));

        RevocationCheckResult result = await sp.GetRequiredService<ICertificateRevocationChecker>()
            .CheckAsync(new RevocationCheckRequest(leaf.Certificate, ca.Certificate, DateTimeOffset.UtcNow));

        Assert.NotEqual(RevocationStatus.Good, result.Status);
        Assert.Equal(ReasonCode.CrlMalformed, result.Failure);

        // Kernel buffers on both sides hold a few MB at most; a client that kept reading would have taken all 100 MB.
        Assert.True(server.BodyBytesSent < 16L * 1024 * 1024, $"server handed out {server.BodyBytesSent} bytes");
    }

    [Fact]
    public async Task Defect4_a_ceid_answer_with_duplicate_keys_is_a_protocol_error()
    {
        string answer = CeidContractHost.MatchAnswer("req-1", decision: "no_match").TrimEnd('}') + ",\"decision\":\"match\"}";
        await using var server = new LoopbackFaultServer(i => i == 0 ? FaultMatrixBodies.CeidToken() : new FaultBehaviour.Answer(200, "application/json", Encoding.UTF8.GetBytes(answer)));
        await using ServiceProvider sp = FaultMatrixClients.Ceid(server.BaseUri, attempt: TimeSpan.FromSeconds(2), total: TimeSpan.FromSeconds(4));

        CeidResult<CeidMatchResult> result = await sp.GetRequiredService<KcmrCeidClient>().MatchAsync(CeidContractHost.MatchRequest());

        Assert.False(result.Succeeded);
        Assert.Contains(ReasonCode.ProviderProtocolError, result.Failure);
    }

    [Fact]
    public async Task Defect4_a_ceid_answer_as_text_html_is_a_protocol_error()
    {
        await using var server = new LoopbackFaultServer(i => i == 0
            ? FaultMatrixBodies.CeidToken()
            : new FaultBehaviour.Answer(200, "text/html", Encoding.UTF8.GetBytes(CeidContractHost.MatchAnswer("req-1"))));
        await using ServiceProvider sp = FaultMatrixClients.Ceid(server.BaseUri, attempt: TimeSpan.FromSeconds(2), total: TimeSpan.FromSeconds(4));

        CeidResult<CeidMatchResult> result = await sp.GetRequiredService<KcmrCeidClient>().MatchAsync(CeidContractHost.MatchRequest());

        Assert.False(result.Succeeded);
        Assert.Contains(ReasonCode.ProviderProtocolError, result.Failure);
    }

    [Fact]
    public void Defect5_a_liveness_session_handle_does_not_print_its_token()
    {
        var handle = new LivenessSessionHandle("ls_1", new Uri("https://liveness.example.kz/flow/ls_1"), "sdk-secret-token-123");

        string text = handle.ToString();

        Assert.DoesNotContain("sdk-secret-token-123", text, StringComparison.Ordinal);
        Assert.Contains("ls_1", text, StringComparison.Ordinal);
    }
}
