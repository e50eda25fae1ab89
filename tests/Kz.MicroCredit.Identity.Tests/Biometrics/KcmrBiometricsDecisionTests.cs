using Kz.MicroCredit.Identity.Biometrics;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Biometrics;

public class KcmrBiometricsDecisionTests
{
    private const string Declared = "880912300763";
    private const string Other = "900115300013";

    public static TheoryData<string, double, bool, string, string, IdentificationStatus, bool, string[], bool> Table => new()
    {
        // decision (by name: the wire enum is internal), similarity, liveness, answered IIN, request id, expected status, veto, reasons, failed attempt
        { nameof(CeidMatchDecision.Match), 0.80, true, Declared, "r1", IdentificationStatus.Verified, false, [], false },
        { nameof(CeidMatchDecision.Match), 0.99, true, Declared, "r1", IdentificationStatus.Verified, false, [], false },
        { nameof(CeidMatchDecision.Match), 0.7999, true, Declared, "r1", IdentificationStatus.Rejected, false, ["BiometricScoreBelowThreshold"], true },
        { nameof(CeidMatchDecision.Match), 0.95, false, Declared, "r1", IdentificationStatus.Rejected, false, ["BiometricLivenessFailed"], true },
        { nameof(CeidMatchDecision.Match), 0.50, false, Declared, "r1", IdentificationStatus.Rejected, false, ["BiometricLivenessFailed", "BiometricScoreBelowThreshold"], true },
        { nameof(CeidMatchDecision.NoMatch), 0.95, true, Declared, "r1", IdentificationStatus.Rejected, false, ["BiometricNoMatch"], true },
        { nameof(CeidMatchDecision.NoMatch), 0.10, false, Declared, "r1", IdentificationStatus.Rejected, false, ["BiometricLivenessFailed", "BiometricNoMatch"], true },
        { nameof(CeidMatchDecision.ReferenceNotFound), 0, true, Declared, "r1", IdentificationStatus.Rejected, false, ["BiometricReferenceNotFound"], false },
        { nameof(CeidMatchDecision.Match), 0.99, true, Other, "r1", IdentificationStatus.Rejected, true, ["IinMismatch"], true },
        { nameof(CeidMatchDecision.NoMatch), 0.10, true, Other, "r1", IdentificationStatus.Rejected, true, ["IinMismatch"], true },
        { nameof(CeidMatchDecision.Match), 0.99, true, Declared, "another-request", IdentificationStatus.Indeterminate, false, ["ProviderProtocolError"], false },
        { nameof(CeidMatchDecision.Unknown), 0.99, true, Declared, "r1", IdentificationStatus.Indeterminate, false, ["ProviderProtocolError"], false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Decision_table(string decisionName, double similarity, bool liveness, string answeredIin, string answeredRequestId, IdentificationStatus status, bool veto, string[] reasons, bool failedAttempt)
    {
        var result = new CeidMatchResult
        {
            RequestId = answeredRequestId,
            MatchId = "m1",
            ProviderId = "p1",
            Decision = Enum.Parse<CeidMatchDecision>(decisionName),
            Similarity = similarity,
            LivenessPassed = liveness,
            ReferenceSource = "gbdfl",
            SubjectIin = answeredIin,
        };

        (MethodVerdict verdict, bool failed) = KcmrBiometricsDecision.Decide(result, Iin.Parse(Declared), "r1", threshold: 0.8);

        Assert.Equal(status, verdict.Status);
        Assert.Equal(veto, verdict.IsVeto);
        Assert.Equal(reasons, verdict.Reasons.Select(r => r.Value).ToArray());
        Assert.Equal(failedAttempt, failed);
    }

    [Fact]
    public void Exhausted_keeps_veto_and_adds_code()
    {
        MethodVerdict veto = KcmrBiometricsDecision.WithAttemptsExhausted(MethodVerdict.Veto(ReasonCode.IinMismatch));
        Assert.True(veto.IsVeto);
        Assert.Equal([ReasonCode.IinMismatch, ReasonCode.AttemptsExhausted], veto.Reasons);
        MethodVerdict rejected = KcmrBiometricsDecision.WithAttemptsExhausted(MethodVerdict.Rejected(ReasonCode.BiometricNoMatch));
        Assert.False(rejected.IsVeto);
        Assert.Equal(IdentificationStatus.Rejected, rejected.Status);
        Assert.Contains(ReasonCode.AttemptsExhausted, rejected.Reasons);
    }

    [Fact]
    public void Match_result_tostring_has_no_iin()
    {
        var result = new CeidMatchResult
        {
            RequestId = "r1", MatchId = "m1", ProviderId = "p1", Decision = CeidMatchDecision.Match, Similarity = 0.9,
            LivenessPassed = true, ReferenceSource = "gbdfl", SubjectIin = Declared,
        };
        Assert.DoesNotContain(Declared, result.ToString(), StringComparison.Ordinal);
        var request = new CeidMatchRequest("r1", Iin.Parse(Declared), "c1", new byte[] { 1, 2, 3 }, FaceImageFormat.Jpeg);
        Assert.DoesNotContain(Declared, request.ToString(), StringComparison.Ordinal);
    }
}
