using Kz.MicroCredit.Identity.Biometrics;
using Kz.MicroCredit.Identity.Testing.Biometrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Biometrics;

public sealed class KcmrBiometricsMethodTests : IAsyncLifetime
{
    private CeidSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await CeidSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task Direct_match_is_verified_with_evidence_facts_and_the_image_cleared()
    {
        await using ServiceProvider provider = BiometricsTestHost.Build(_simulator);
        byte[] image = SampleFaceImage.CreateJpeg(320, 240);
        string expectedDigest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(image));
        BorrowerIdentificationRequest request = BiometricsTestHost.WithImage(CeidSimulator.SandboxIin, image);

        MethodOutcome outcome = await BiometricsTestHost.Method(provider).EvaluateAsync(request);

        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        Assert.Equal("sandbox-biometric-provider", outcome.Evidence.Facts["provider.id"]);
        Assert.StartsWith("m_", outcome.Evidence.Facts["match.id"], StringComparison.Ordinal);
        Assert.Equal("0.97", outcome.Evidence.Facts["similarity.score"]);
        Assert.Equal("0.8", outcome.Evidence.Facts["similarity.threshold"]);
        Assert.Equal("gbdfl", outcome.Evidence.Facts["reference.source"]);
        Assert.Equal("1", outcome.Evidence.Facts["attempt.number"]);
        Assert.Equal("true", outcome.Evidence.Facts["liveness.passed"]);
        Assert.Equal(expectedDigest, outcome.Evidence.Digests["face-image"]);
        Assert.All(image, b => Assert.Equal(0, b));
        Assert.DoesNotContain(outcome.Evidence.Facts.Values, v => v.Contains(CeidSimulator.SandboxIin, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CeidSimulator.NoMatchIin, "BiometricNoMatch")]
    [InlineData(CeidSimulator.LowScoreIin, "BiometricScoreBelowThreshold")]
    [InlineData(CeidSimulator.LivenessFailedIin, "BiometricLivenessFailed")]
    [InlineData(CeidSimulator.UnknownIin, "BiometricReferenceNotFound")]
    public async Task Negative_people_are_rejected(string iin, string reason)
    {
        await using ServiceProvider provider = BiometricsTestHost.Build(_simulator);
        MethodOutcome outcome = await BiometricsTestHost.Method(provider).EvaluateAsync(BiometricsTestHost.WithImage(iin));
        Assert.Equal(IdentificationStatus.Rejected, outcome.Status);
        Assert.Equal([new ReasonCode(reason)], outcome.Reasons);
        Assert.False(outcome.IsVeto);
    }

    [Fact]
    public async Task Another_iin_in_the_answer_is_a_veto()
    {
        await using ServiceProvider provider = BiometricsTestHost.Build(_simulator);
        MethodOutcome outcome = await BiometricsTestHost.Method(provider).EvaluateAsync(BiometricsTestHost.WithImage(CeidSimulator.OtherIinPerson));
        Assert.True(outcome.IsVeto);
        Assert.Equal([ReasonCode.IinMismatch], outcome.Reasons);
    }

    [Fact]
    public async Task Failing_provider_is_indeterminate()
    {
        await using ServiceProvider provider = BiometricsTestHost.Build(_simulator);
        MethodOutcome outcome = await BiometricsTestHost.Method(provider).EvaluateAsync(BiometricsTestHost.WithImage(CeidSimulator.FailingIin));
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Contains(ReasonCode.ProviderUnavailable, outcome.Reasons);
    }

    [Fact]
    public async Task Slow_provider_hits_the_per_call_timeout()
    {
        _simulator.SlowDelay = TimeSpan.FromSeconds(20);
        await using ServiceProvider provider = BiometricsTestHost.Build(_simulator, o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(2);
        });
        MethodOutcome outcome = await BiometricsTestHost.Method(provider).EvaluateAsync(BiometricsTestHost.WithImage(CeidSimulator.SlowIin));
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.Timeout], outcome.Reasons);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 1, 2, 3, 4 })]
    public async Task Non_image_never_leaves_the_process(byte[] payload)
    {
        await using ServiceProvider provider = BiometricsTestHost.Build(_simulator);
        int tokensBefore = _simulator.TokensIssued;
        MethodOutcome outcome = await BiometricsTestHost.Method(provider).EvaluateAsync(BiometricsTestHost.WithImage(CeidSimulator.SandboxIin, payload));
        Assert.Equal([ReasonCode.BiometricImageInvalid], outcome.Reasons);
        Assert.Equal(0, _simulator.MatchCalls);
        Assert.Equal(tokensBefore, _simulator.TokensIssued);
    }

    [Fact]
    public async Task Three_failed_attempts_are_a_negative_result_per_borrower_and_operation()
    {
        await using ServiceProvider provider = BiometricsTestHost.Build(_simulator);
        KcmrBiometricsMethod method = BiometricsTestHost.Method(provider);

        MethodOutcome first = await method.EvaluateAsync(BiometricsTestHost.WithImage(CeidSimulator.NoMatchIin));
        MethodOutcome second = await method.EvaluateAsync(BiometricsTestHost.WithImage(CeidSimulator.NoMatchIin));
        MethodOutcome third = await method.EvaluateAsync(BiometricsTestHost.WithImage(CeidSimulator.NoMatchIin));
        int callsAfterThree = _simulator.MatchCalls;
        MethodOutcome fourth = await method.EvaluateAsync(BiometricsTestHost.WithImage(CeidSimulator.NoMatchIin));
        MethodOutcome otherOperation = await method.EvaluateAsync(BiometricsTestHost.WithImage(CeidSimulator.NoMatchIin, operation: IdentificationOperation.Payout));

        Assert.Equal("1", first.Evidence.Facts["attempt.number"]);
        Assert.Equal("2", second.Evidence.Facts["attempt.number"]);
        Assert.DoesNotContain(ReasonCode.AttemptsExhausted, second.Reasons);
        Assert.Equal([ReasonCode.BiometricNoMatch, ReasonCode.AttemptsExhausted], third.Reasons);
        Assert.Equal([ReasonCode.AttemptsExhausted], fourth.Reasons);
        Assert.Equal(IdentificationStatus.Rejected, fourth.Status);
        Assert.Equal(3, callsAfterThree);
        Assert.Equal(4, _simulator.MatchCalls); // the fourth made no call; the other operation did
        Assert.Equal([ReasonCode.BiometricNoMatch], otherOperation.Reasons);
    }

    [Fact]
    public async Task A_match_after_concurrent_failures_reached_the_cap_is_not_verified()
    {
        await using ServiceProvider provider = BiometricsTestHost.Build(_simulator);
        var store = new CapReachedDuringCallStore();
        var method = new KcmrBiometricsMethod(
            provider.GetRequiredService<KcmrCeidClient>(),
            provider.GetRequiredService<KcmrBiometricsSessions>(),
            store,
            provider.GetRequiredService<IOptions<KcmrBiometricsOptions>>(),
            TimeProvider.System);
        MethodOutcome outcome = await method.EvaluateAsync(BiometricsTestHost.WithImage(CeidSimulator.SandboxIin));
        Assert.Equal(IdentificationStatus.Rejected, outcome.Status);
        Assert.Equal([ReasonCode.AttemptsExhausted], outcome.Reasons);
        Assert.False(store.WasReset);
    }

    [Fact]
    public async Task Attempt_store_is_keyed_by_hmac_not_by_iin()
    {
        await using ServiceProvider provider = BiometricsTestHost.Build(_simulator, o => o.SubjectKeySecret = "0123456789abcdef0123");
        var store = new RecordingAttemptStore();
        var method = new KcmrBiometricsMethod(
            provider.GetRequiredService<KcmrCeidClient>(),
            provider.GetRequiredService<KcmrBiometricsSessions>(),
            store,
            provider.GetRequiredService<IOptions<KcmrBiometricsOptions>>(),
            TimeProvider.System);
        await method.EvaluateAsync(BiometricsTestHost.WithImage(CeidSimulator.NoMatchIin));
        Assert.NotEmpty(store.Keys);
        Assert.All(store.Keys, k =>
        {
            Assert.DoesNotContain(CeidSimulator.NoMatchIin, k, StringComparison.Ordinal);
            Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(CeidSimulator.NoMatchIin))), k);
            Assert.Equal(64, k.Length);
        });
    }

    [Fact]
    public async Task Hosted_session_verifies_once_and_a_new_session_does_not_inherit_the_result()
    {
        await using ServiceProvider provider = BiometricsTestHost.Build(_simulator);
        KcmrBiometricsSessions sessions = provider.GetRequiredService<KcmrBiometricsSessions>();
        KcmrBiometricsMethod method = BiometricsTestHost.Method(provider);
        Iin iin = Iin.Parse(CeidSimulator.SandboxIin);

        KcmrSessionStart start = await sessions.StartAsync(iin, IdentificationOperation.AgreementSigning, "consent-1");
        Assert.True(start.Succeeded);
        Assert.StartsWith(_simulator.BaseAddress.AbsoluteUri, start.RedirectUrl.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain(CeidSimulator.SandboxIin, start.RedirectUrl.AbsoluteUri, StringComparison.Ordinal);

        MethodOutcome pending = await method.EvaluateAsync(SessionRequest(start.SessionId));
        Assert.Equal([ReasonCode.BiometricSessionPending], pending.Reasons);

        using (var browser = new HttpClient())
        {
            (await browser.GetAsync(start.RedirectUrl)).EnsureSuccessStatusCode(); // the borrower completes the flow
        }

        MethodOutcome verified = await method.EvaluateAsync(SessionRequest(start.SessionId));
        Assert.Equal(IdentificationStatus.Verified, verified.Status);
        Assert.Equal("hosted", verified.Evidence.Facts["flow"]);
        Assert.Equal(start.SessionId, verified.Evidence.Facts["session.id"]);

        MethodOutcome again = await method.EvaluateAsync(SessionRequest(start.SessionId));
        Assert.Equal([ReasonCode.BiometricSessionAlreadyUsed], again.Reasons);

        KcmrSessionStart next = await sessions.StartAsync(iin, IdentificationOperation.AgreementSigning, "consent-2");
        Assert.NotEqual(start.SessionId, next.SessionId);
        MethodOutcome fresh = await method.EvaluateAsync(SessionRequest(next.SessionId!));
        Assert.Equal([ReasonCode.BiometricSessionPending], fresh.Reasons);
    }

    [Fact]
    public async Task Session_of_another_borrower_or_operation_is_refused()
    {
        await using ServiceProvider provider = BiometricsTestHost.Build(_simulator);
        KcmrBiometricsSessions sessions = provider.GetRequiredService<KcmrBiometricsSessions>();
        KcmrSessionStart start = await sessions.StartAsync(Iin.Parse(CeidSimulator.SandboxIin), IdentificationOperation.AgreementSigning, "consent-1");
        await _simulator.CompleteSessionAsync(start.SessionId!);

        BorrowerIdentificationRequest otherBorrower = BiometricsTestHost.Request(CeidSimulator.NoMatchIin);
        otherBorrower.Evidence.Add(new KcmrSessionEvidence(start.SessionId!));
        BorrowerIdentificationRequest otherOperation = BiometricsTestHost.Request(CeidSimulator.SandboxIin, IdentificationOperation.Payout);
        otherOperation.Evidence.Add(new KcmrSessionEvidence(start.SessionId!));
        BorrowerIdentificationRequest unknown = BiometricsTestHost.Request(CeidSimulator.SandboxIin);
        unknown.Evidence.Add(new KcmrSessionEvidence("ses_never_started"));

        KcmrBiometricsMethod method = BiometricsTestHost.Method(provider);
        Assert.Equal([ReasonCode.BiometricSessionMismatch], (await method.EvaluateAsync(otherBorrower)).Reasons);
        Assert.Equal([ReasonCode.BiometricSessionMismatch], (await method.EvaluateAsync(otherOperation)).Reasons);
        Assert.Equal([ReasonCode.BiometricSessionUnknown], (await method.EvaluateAsync(unknown)).Reasons);
    }

    [Fact]
    public async Task No_evidence_is_not_applicable()
    {
        await using ServiceProvider provider = BiometricsTestHost.Build(_simulator);
        MethodOutcome outcome = await BiometricsTestHost.Method(provider).EvaluateAsync(BiometricsTestHost.Request(CeidSimulator.SandboxIin));
        Assert.Equal(IdentificationStatus.NotApplicable, outcome.Status);
    }

    [Fact]
    public void Invalid_options_fail_on_start()
    {
        var services = new ServiceCollection();
        services.AddBorrowerIdentification().UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.KcmrBiometrics)).AddKcmrBiometrics(o =>
        {
            _simulator.Configure(o);
            o.BaseAddress = new Uri("http://ceid.example/"); // plain HTTP off loopback
            o.MaxFailedAttempts = 5;
            o.SimilarityThreshold = 0;
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        OptionsValidationException ex = Assert.Throws<OptionsValidationException>(provider.ValidateBorrowerIdentificationOptions);
        Assert.Contains(ex.Failures, f => f.Contains("BaseAddress", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("MaxFailedAttempts", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("SimilarityThreshold", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configuration_section_binds_the_options()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ceid:BaseAddress"] = _simulator.BaseAddress.AbsoluteUri,
            ["Ceid:TokenEndpoint"] = _simulator.TokenEndpoint.AbsoluteUri,
            ["Ceid:ClientId"] = _simulator.ClientId,
            ["Ceid:ClientSecret"] = _simulator.ClientSecret,
            ["Ceid:ProviderId"] = _simulator.ProviderId,
            ["Ceid:SimilarityThreshold"] = "0.99",
        }).Build();
        var services = new ServiceCollection();
        services.AddBorrowerIdentification().UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.KcmrBiometrics)).AddKcmrBiometrics(configuration.GetSection("Ceid"));
        await using ServiceProvider provider = services.BuildServiceProvider();
        provider.ValidateBorrowerIdentificationOptions();
        MethodOutcome outcome = await provider.GetRequiredService<KcmrBiometricsMethod>().EvaluateAsync(BiometricsTestHost.WithImage(CeidSimulator.SandboxIin));
        Assert.Equal([ReasonCode.BiometricScoreBelowThreshold], outcome.Reasons); // 0.97 < 0.99 from configuration
    }

    private static BorrowerIdentificationRequest SessionRequest(string sessionId)
    {
        BorrowerIdentificationRequest request = BiometricsTestHost.Request(CeidSimulator.SandboxIin);
        request.Evidence.Add(new KcmrSessionEvidence(sessionId));
        return request;
    }

    /// <summary>Two failures before the call; by the time the answer arrives, concurrent attempts made it three.</summary>
    private sealed class CapReachedDuringCallStore : IBiometricAttemptStore
    {
        private int _reads;

        public bool WasReset { get; private set; }

        public Task<int> GetFailedAttemptsAsync(string subjectKey, CancellationToken cancellationToken = default) =>
            Task.FromResult(Interlocked.Increment(ref _reads) == 1 ? 2 : 3);

        public Task<int> RecordFailureAsync(string subjectKey, TimeSpan window, CancellationToken cancellationToken = default) => Task.FromResult(3);

        public Task ResetAsync(string subjectKey, CancellationToken cancellationToken = default)
        {
            WasReset = true;
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingAttemptStore : IBiometricAttemptStore
    {
        public List<string> Keys { get; } = [];

        public Task<int> GetFailedAttemptsAsync(string subjectKey, CancellationToken cancellationToken = default)
        {
            Keys.Add(subjectKey);
            return Task.FromResult(0);
        }

        public Task<int> RecordFailureAsync(string subjectKey, TimeSpan window, CancellationToken cancellationToken = default)
        {
            Keys.Add(subjectKey);
            return Task.FromResult(1);
        }

        public Task ResetAsync(string subjectKey, CancellationToken cancellationToken = default)
        {
            Keys.Add(subjectKey);
            return Task.CompletedTask;
        }
    }
}
