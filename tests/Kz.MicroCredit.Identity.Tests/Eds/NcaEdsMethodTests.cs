using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.Testing.Pki;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Eds;

public sealed class NcaEdsMethodTests : IDisposable
{
    private static readonly Iin Borrower = Iin.Parse("880912300763");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly SandboxPki _pki;

    public NcaEdsMethodTests() => _pki = new SandboxPki(new SandboxPkiOptions { TimeProvider = _time, Algorithm = NcaKeyAlgorithm.Gost2015_512 });

    public void Dispose() => _pki.Dispose();

    private ServiceProvider Build(Action<NcaEdsOptions>? configure = null, ICertificateRevocationChecker? checker = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        if (checker is not null)
        {
            services.AddSingleton(checker);
        }

        services.AddBorrowerIdentification().UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.NcaEds)).AddNcaEds(o =>
        {
            o.TrustStore = NcaTrustStore.Custom([_pki.RootCertificate], [_pki.IssuingCaCertificate]);
            o.Revocation = NcaEdsRevocationMode.Off;
            configure?.Invoke(o);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        provider.ValidateBorrowerIdentificationOptions();
        return provider;
    }

    private static async Task<BorrowerIdentificationRequest> RequestAsync(IServiceProvider provider, Func<BorrowerChallenge, Task<NcaEdsEvidence>> sign)
    {
        BorrowerChallenge challenge = await provider.GetRequiredService<IBorrowerChallengeService>().IssueAsync(Borrower, IdentificationOperation.AgreementSigning);
        var request = new BorrowerIdentificationRequest(Borrower, IdentificationOperation.AgreementSigning, "loan-1");
        request.Evidence.Add(await sign(challenge));
        return request;
    }

    private static Task<MethodOutcome> EvaluateAsync(IServiceProvider provider, BorrowerIdentificationRequest request) =>
        provider.GetRequiredService<NcaEdsMethod>().EvaluateAsync(request);

    [Theory]
    [InlineData(NcaKeyAlgorithm.Gost2015_512, false)]
    [InlineData(NcaKeyAlgorithm.Gost2015_512, true)]
    [InlineData(NcaKeyAlgorithm.Gost2004, false)]
    [InlineData(NcaKeyAlgorithm.Rsa, false)]
    public async Task Signed_challenge_cms_is_verified_with_evidence(NcaKeyAlgorithm algorithm, bool detached)
    {
        using var pki = new SandboxPki(new SandboxPkiOptions { TimeProvider = _time, Algorithm = algorithm });
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddBorrowerIdentification().UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.NcaEds)).AddNcaEds(o =>
        {
            o.TrustStore = NcaTrustStore.Custom([pki.RootCertificate], [pki.IssuingCaCertificate]);
            o.Revocation = NcaEdsRevocationMode.Off;
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        INcaSigner signer = pki.IssueIndividual(Borrower, "ТЕСТОВ", "ТЕСТ");
        BorrowerIdentificationRequest request = await RequestAsync(provider, async c =>
            new NcaEdsEvidence(await pki.SignChallengeCmsAsync(c, signer, detached), detachedContent: detached ? c.ToSignedBytes() : null));
        MethodOutcome outcome = await EvaluateAsync(provider, request);
        Assert.True(outcome.Status == IdentificationStatus.Verified, outcome.ToString());
        Assert.Equal(algorithm.ToCliName(), outcome.Evidence.Facts["key.algorithm"]);
        Assert.Equal(signer.Certificate.SerialNumber, outcome.Evidence.Facts["certificate.serial"]);
        Assert.Equal("claim", outcome.Evidence.Facts["signing-time.source"]);
        Assert.Equal("not-checked", outcome.Evidence.Facts["revocation.status"]);
        Assert.True(outcome.Evidence.Digests.ContainsKey("signature"));
        Assert.True(outcome.Evidence.Digests.ContainsKey("content"));
        Assert.DoesNotContain(outcome.Evidence.Facts.Values, v => v.Contains(Borrower.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signed_challenge_xml_is_verified()
    {
        using ServiceProvider provider = Build();
        INcaSigner signer = _pki.IssueIndividual(Borrower, "ТЕСТОВ", "ТЕСТ");
        BorrowerIdentificationRequest request = await RequestAsync(provider, async c =>
            new NcaEdsEvidence(Encoding.UTF8.GetBytes(await SandboxPki.SignChallengeXmlAsync(c, signer))));
        MethodOutcome outcome = await EvaluateAsync(provider, request);
        Assert.Equal(IdentificationStatus.Verified, outcome.Status);
        Assert.Equal("xml", outcome.Evidence.Facts["signature.format"]);
    }

    [Fact]
    public async Task Another_iin_is_a_veto()
    {
        using ServiceProvider provider = Build();
        INcaSigner other = _pki.IssueIndividualWithDigits("123456789011", "ДРУГОЙ", "ЧЕЛОВЕК");
        BorrowerIdentificationRequest request = await RequestAsync(provider, async c => new NcaEdsEvidence(await _pki.SignChallengeCmsAsync(c, other, false)));
        MethodOutcome outcome = await EvaluateAsync(provider, request);
        Assert.True(outcome.IsVeto);
        Assert.Equal([ReasonCode.IinMismatch], outcome.Reasons);
    }

    [Fact]
    public async Task Legal_entity_certificate_is_not_an_individual()
    {
        using ServiceProvider provider = Build();
        INcaSigner ceo = _pki.IssueLegalEntity(Borrower, Bin.Parse("070840007503"), "ТОО ТЕСТ", "ТЕСТОВ", "ТЕСТ", NcaLegalEntityRoles.FirstHead);
        BorrowerIdentificationRequest request = await RequestAsync(provider, async c => new NcaEdsEvidence(await _pki.SignChallengeCmsAsync(c, ceo, false)));
        MethodOutcome outcome = await EvaluateAsync(provider, request);
        Assert.Equal(IdentificationStatus.Rejected, outcome.Status);
        Assert.Equal([ReasonCode.NotAnIndividual], outcome.Reasons);
    }

    [Fact]
    public async Task A_replayed_or_foreign_content_is_challenge_invalid()
    {
        using ServiceProvider provider = Build();
        INcaSigner signer = _pki.IssueIndividual(Borrower, "ТЕСТОВ", "ТЕСТ");
        byte[]? cms = null;
        BorrowerIdentificationRequest first = await RequestAsync(provider, async c => new NcaEdsEvidence(cms = await _pki.SignChallengeCmsAsync(c, signer, false)));
        Assert.Equal(IdentificationStatus.Verified, (await EvaluateAsync(provider, first)).Status);
        var replay = new BorrowerIdentificationRequest(Borrower, IdentificationOperation.AgreementSigning, "loan-1");
        replay.Evidence.Add(new NcaEdsEvidence(cms!));
        Assert.Equal([ReasonCode.ChallengeInvalid], (await EvaluateAsync(provider, replay)).Reasons);

        var foreign = new BorrowerIdentificationRequest(Borrower, IdentificationOperation.AgreementSigning, "loan-1");
        foreign.Evidence.Add(new NcaEdsEvidence(await new NcaCmsSigner(_time).SignAsync(signer, Encoding.UTF8.GetBytes("I agree"), false)));
        Assert.Equal([ReasonCode.ChallengeInvalid], (await EvaluateAsync(provider, foreign)).Reasons);
    }

    [Fact]
    public async Task Revoked_is_a_veto_unknown_is_indeterminate_and_default_hard_fail_needs_a_checker()
    {
        INcaSigner signer = _pki.IssueIndividual(Borrower, "ТЕСТОВ", "ТЕСТ");
        using (ServiceProvider revoked = Build(o => o.Revocation = NcaEdsRevocationMode.HardFail, new FixedChecker(RevocationStatus.Revoked)))
        {
            MethodOutcome outcome = await EvaluateAsync(revoked, await RequestAsync(revoked, async c => new NcaEdsEvidence(await _pki.SignChallengeCmsAsync(c, signer, false))));
            Assert.True(outcome.IsVeto);
            Assert.Equal([ReasonCode.CertificateRevoked], outcome.Reasons);
        }

        using (ServiceProvider unknown = Build(o => o.Revocation = NcaEdsRevocationMode.HardFail, new FixedChecker(RevocationStatus.Unknown)))
        {
            MethodOutcome outcome = await EvaluateAsync(unknown, await RequestAsync(unknown, async c => new NcaEdsEvidence(await _pki.SignChallengeCmsAsync(c, signer, false))));
            Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
            Assert.Contains(ReasonCode.RevocationUnknown, outcome.Reasons);
            Assert.Contains(ReasonCode.ProviderUnavailable, outcome.Reasons);
        }

        using (ServiceProvider good = Build(o => o.Revocation = NcaEdsRevocationMode.HardFail, new FixedChecker(RevocationStatus.Good)))
        {
            FixedChecker checker = (FixedChecker)good.GetRequiredService<ICertificateRevocationChecker>();
            MethodOutcome outcome = await EvaluateAsync(good, await RequestAsync(good, async c => new NcaEdsEvidence(await _pki.SignChallengeCmsAsync(c, signer, false))));
            Assert.Equal(IdentificationStatus.Verified, outcome.Status);
            Assert.Equal(2, checker.Checked.Count); // leaf and issuing CA, never the anchor
            Assert.Equal(signer.Certificate.Thumbprint, checker.Checked[0].Thumbprint);
            Assert.Equal("good", outcome.Evidence.Facts["revocation.status"]);
        }

        using (ServiceProvider defaults = Build(o => o.Revocation = NcaEdsRevocationMode.HardFail))
        {
            MethodOutcome outcome = await EvaluateAsync(defaults, await RequestAsync(defaults, async c => new NcaEdsEvidence(await _pki.SignChallengeCmsAsync(c, signer, false))));
            Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
            Assert.Equal([ReasonCode.RevocationUnknown], outcome.Reasons);
        }
    }

    [Fact]
    public async Task Untrusted_expired_stale_and_broken_signatures_are_rejected_with_codes()
    {
        INcaSigner signer = _pki.IssueIndividual(Borrower, "ТЕСТОВ", "ТЕСТ");
        using (ServiceProvider production = Build(o => o.TrustStore = NcaTrustStore.Production))
        {
            MethodOutcome outcome = await EvaluateAsync(production, await RequestAsync(production, async c => new NcaEdsEvidence(await _pki.SignChallengeCmsAsync(c, signer, false))));
            Assert.Equal([ReasonCode.CertificateUntrusted], outcome.Reasons);
        }

        using (ServiceProvider provider = Build())
        {
            BorrowerIdentificationRequest stale = await RequestAsync(provider, async c => new NcaEdsEvidence(await _pki.SignChallengeCmsAsync(c, signer, false)));
            _time.Advance(TimeSpan.FromMinutes(30));
            Assert.Equal([ReasonCode.SigningTimeOutOfWindow], (await EvaluateAsync(provider, stale)).Reasons);
            _time.Advance(TimeSpan.FromDays(400));
            Assert.Equal([ReasonCode.CertificateExpired], (await EvaluateAsync(provider, stale)).Reasons);
        }

        using (ServiceProvider provider = Build())
        {
            foreach ((byte[] input, ReasonCode code) in new (byte[], ReasonCode)[]
            {
                ([], ReasonCode.MalformedSignature),
                (Encoding.UTF8.GetBytes("garbage"), ReasonCode.MalformedSignature),
                (new byte[2 * 1024 * 1024], ReasonCode.InputTooLarge),
                (Encoding.UTF8.GetBytes("<!DOCTYPE a [<!ENTITY b 'c'>]><a>&b;</a>"), ReasonCode.MalformedSignature),
                (Encoding.UTF8.GetBytes("<a/>"), ReasonCode.SignatureMissing),
            })
            {
                var request = new BorrowerIdentificationRequest(Borrower, IdentificationOperation.AgreementSigning, "loan-1");
                request.Evidence.Add(new NcaEdsEvidence(input));
                MethodOutcome outcome = await EvaluateAsync(provider, request);
                Assert.Equal(IdentificationStatus.Rejected, outcome.Status);
                Assert.Equal([code], outcome.Reasons);
            }
        }
    }

    [Fact]
    public async Task Purpose_and_key_algorithm_policies_apply()
    {
        INcaSigner signer = _pki.IssueIndividual(Borrower, "ТЕСТОВ", "ТЕСТ");
        NcaCertificatePurpose purpose = NcaCertificateInfo.FromCertificate(signer.Certificate).Purpose;
        NcaCertificatePurpose other = purpose == NcaCertificatePurpose.Authentication ? NcaCertificatePurpose.Signing : NcaCertificatePurpose.Authentication;
        if (purpose != NcaCertificatePurpose.Both)
        {
            using ServiceProvider strict = Build(o => o.AcceptedPurposes = other);
            MethodOutcome outcome = await EvaluateAsync(strict, await RequestAsync(strict, async c => new NcaEdsEvidence(await _pki.SignChallengeCmsAsync(c, signer, false))));
            Assert.Equal([ReasonCode.CertificatePurposeNotAllowed], outcome.Reasons);
        }

        using ServiceProvider rsaOnly = Build(o => o.AllowedKeyAlgorithms = [NcaKeyAlgorithm.Rsa]);
        MethodOutcome gost = await EvaluateAsync(rsaOnly, await RequestAsync(rsaOnly, async c => new NcaEdsEvidence(await _pki.SignChallengeCmsAsync(c, signer, false))));
        Assert.Equal([ReasonCode.UnsupportedAlgorithm], gost.Reasons);
    }

    [Fact]
    public async Task Without_evidence_the_method_is_not_applicable()
    {
        using ServiceProvider provider = Build();
        MethodOutcome outcome = await EvaluateAsync(provider, new BorrowerIdentificationRequest(Borrower, IdentificationOperation.AgreementSigning, "loan-1"));
        Assert.Equal(IdentificationStatus.NotApplicable, outcome.Status);
    }

    [Fact]
    public void Options_are_validated_and_bind_from_configuration()
    {
        Assert.Throws<OptionsValidationException>(() => Build(o => { o.TrustStore = null; o.Trust = "somewhere"; }));
        Assert.Throws<OptionsValidationException>(() => Build(o => o.SigningTimeWindow = TimeSpan.Zero));
        IConfigurationSection section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Eds:Trust"] = "test",
            ["Eds:AllowedKeyAlgorithms:0"] = "Gost2015_512",
            ["Eds:Revocation"] = "Off",
            ["Eds:MaxInputBytes"] = "65536",
        }).Build().GetSection("Eds");
        var services = new ServiceCollection();
        services.AddBorrowerIdentification().UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.NcaEds)).AddNcaEds(section);
        using ServiceProvider provider = services.BuildServiceProvider();
        provider.ValidateBorrowerIdentificationOptions();
        NcaEdsOptions options = provider.GetRequiredService<IOptions<NcaEdsOptions>>().Value;
        Assert.Equal([NcaKeyAlgorithm.Gost2015_512], options.AllowedKeyAlgorithms);
        Assert.Equal(NcaEdsRevocationMode.Off, options.Revocation);
        Assert.Equal(65536, options.MaxInputBytes);
    }

    private sealed class FixedChecker(RevocationStatus status) : ICertificateRevocationChecker
    {
        public List<X509Certificate2> Checked { get; } = [];

        public Task<RevocationCheckResult> CheckAsync(RevocationCheckRequest request, CancellationToken cancellationToken = default)
        {
            Checked.Add(request.Certificate);
            return Task.FromResult(new RevocationCheckResult(status, "ocsp") { Failure = status == RevocationStatus.Unknown ? ReasonCode.ProviderUnavailable : null });
        }
    }
}
