using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Core;

public class PolicyTests
{
    public enum O
    {
        V,
        R,
        Veto,
        I,
        NA,
    }

    private static readonly IdentificationMethodId Eds = IdentificationMethodId.NcaEds;
    private static readonly IdentificationMethodId Bio = IdentificationMethodId.KcmrBiometrics;
    private static readonly IdentificationMethodId Photo = IdentificationMethodId.RealTimePhoto;
    private static readonly IdentificationMethodId Phone = IdentificationMethodId.EGovPhoneOwnership;

    internal static BorrowerIdentificationRequest Request() =>
        new(Iin.Parse("880912300763"), IdentificationOperation.AgreementSigning, "loan-1") { PhoneNumber = KzPhoneNumber.Parse("+77011234567") };

    private static MethodVerdict Verdict(O o) => o switch
    {
        O.V => MethodVerdict.Verified(),
        O.R => MethodVerdict.Rejected(new ReasonCode("TestRejected")),
        O.Veto => MethodVerdict.Veto(ReasonCode.IinMismatch),
        O.I => MethodVerdict.Indeterminate(ReasonCode.ProviderUnavailable),
        _ => MethodVerdict.NotApplicable(),
    };

    public static TheoryData<O, O, O, O> AllCombinations()
    {
        var data = new TheoryData<O, O, O, O>();
        O[] all = Enum.GetValues<O>();
        foreach (O a in all)
        {
            foreach (O b in all)
            {
                foreach (O c in all)
                {
                    foreach (O d in all)
                    {
                        data.Add(a, b, c, d);
                    }
                }
            }
        }

        return data;
    }

    // The specification of docs/policies.md, written as plainly as possible, to compare the evaluator against.
    private static (IdentificationStatus Status, HashSet<IdentificationMethodId> Called) Oracle(IReadOnlyList<(IdentificationMethodId Id, O Outcome)[]> requirements)
    {
        var called = new HashSet<IdentificationMethodId>();
        foreach ((IdentificationMethodId Id, O Outcome)[] requirement in requirements)
        {
            var seen = new List<O>();
            foreach ((IdentificationMethodId id, O outcome) in requirement)
            {
                called.Add(id);
                seen.Add(outcome);
                if (outcome is O.V or O.Veto)
                {
                    break;
                }
            }

            if (seen.Contains(O.Veto))
            {
                return (IdentificationStatus.Rejected, called);
            }

            if (seen.Contains(O.V))
            {
                continue;
            }

            if (seen.Contains(O.I))
            {
                return (IdentificationStatus.Indeterminate, called);
            }

            return (IdentificationStatus.Rejected, called);
        }

        return (IdentificationStatus.Verified, called);
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public async Task Rules2021_truth_table(O eds, O bio, O photo, O phone)
    {
        var methods = new Dictionary<IdentificationMethodId, ScriptedIdentificationMethod>
        {
            [Eds] = new(Eds, Verdict(eds)),
            [Bio] = new(Bio, Verdict(bio)),
            [Photo] = new(Photo, Verdict(photo)),
            [Phone] = new(Phone, Verdict(phone)),
        };
        var identifier = new PolicyBorrowerIdentifier(IdentificationPolicies.Rules2021, methods.Values, EvidenceReportFactory.Default);

        IdentificationResult result = await identifier.IdentifyAsync(Request());

        (IdentificationStatus expected, HashSet<IdentificationMethodId> expectedCalled) = Oracle(
        [
            [(Eds, eds), (Bio, bio), (Photo, photo)],
            [(Phone, phone)],
        ]);
        Assert.Equal(expected, result.Status);

        // Short-circuit: exactly the methods the specification evaluates were called, each once.
        foreach ((IdentificationMethodId id, ScriptedIdentificationMethod method) in methods)
        {
            Assert.Equal(expectedCalled.Contains(id) ? 1 : 0, method.Calls);
        }

        Assert.Equal(expectedCalled.Count, result.Methods.Count);

        // Invariants that hold whatever the specification says in detail.
        if (result.Methods.Any(m => m.IsVeto))
        {
            Assert.Equal(IdentificationStatus.Rejected, result.Status);
            Assert.Contains(ReasonCode.VetoFound, result.Reasons);
        }

        if (result.IsVerified)
        {
            Assert.Contains(result.Methods, m => m.MethodId != Phone && m.Status == IdentificationStatus.Verified);
            Assert.Contains(result.Methods, m => m.MethodId == Phone && m.Status == IdentificationStatus.Verified);
            Assert.Empty(result.Reasons);
        }
        else
        {
            Assert.NotEmpty(result.Reasons);
        }

        // Indeterminate never becomes Verified: without a Verified identity method there is no Verified decision.
        if (new[] { eds, bio, photo }.All(o => o is O.I or O.NA or O.R))
        {
            Assert.NotEqual(IdentificationStatus.Verified, result.Status);
        }

        Assert.Equal(EvidenceReportFactory.StatusName(result.Status), result.Report.Decision.Status);
    }

    [Fact]
    public async Task A_veto_beats_a_pass_in_another_requirement()
    {
        var identifier = new PolicyBorrowerIdentifier(
            IdentificationPolicies.Rules2021,
            [
                new ScriptedIdentificationMethod(Eds, MethodVerdict.Verified()),
                new ScriptedIdentificationMethod(Bio, MethodVerdict.Verified()),
                new ScriptedIdentificationMethod(Photo, MethodVerdict.Verified()),
                new ScriptedIdentificationMethod(Phone, MethodVerdict.Veto(new ReasonCode("PhoneRegisteredToAnotherIin"))),
            ],
            EvidenceReportFactory.Default);
        IdentificationResult result = await identifier.IdentifyAsync(Request());
        Assert.Equal(IdentificationStatus.Rejected, result.Status);
        Assert.Contains(new ReasonCode("PhoneRegisteredToAnotherIin"), result.Reasons);
        Assert.True(result.Report.Methods.Single(m => m.Method == "egov-phone-ownership").Veto);
    }

    [Fact]
    public async Task Nothing_applicable_is_rejected_as_evidence_missing()
    {
        var identifier = new PolicyBorrowerIdentifier(
            IdentificationPolicy.ForMethod(Eds), [new ScriptedIdentificationMethod(Eds, MethodVerdict.NotApplicable())], EvidenceReportFactory.Default);
        IdentificationResult result = await identifier.IdentifyAsync(Request());
        Assert.Equal(IdentificationStatus.Rejected, result.Status);
        Assert.Contains(ReasonCode.EvidenceMissing, result.Reasons);
        Assert.Equal(IdentificationStatus.NotApplicable, result.Methods.Single().Status);
    }

    [Theory]
    [InlineData(O.NA, IdentificationStatus.Verified)]
    [InlineData(O.V, IdentificationStatus.Verified)]
    [InlineData(O.R, IdentificationStatus.Rejected)]
    [InlineData(O.I, IdentificationStatus.Indeterminate)]
    [InlineData(O.Veto, IdentificationStatus.Rejected)]
    public async Task Rules2025_optional_phone_ownership_counts_only_when_it_runs(O phone, IdentificationStatus expected)
    {
        var identifier = new PolicyBorrowerIdentifier(
            IdentificationPolicies.Rules2025,
            [new ScriptedIdentificationMethod(Bio, MethodVerdict.Verified()), new ScriptedIdentificationMethod(Eds, MethodVerdict.Verified()), new ScriptedIdentificationMethod(Phone, Verdict(phone))],
            EvidenceReportFactory.Default);
        Assert.Equal(expected, (await identifier.IdentifyAsync(Request())).Status);
    }

    [Fact]
    public async Task Rules2025_works_without_a_registered_phone_method_but_not_without_eds()
    {
        var ok = new PolicyBorrowerIdentifier(
            IdentificationPolicies.Rules2025,
            [new ScriptedIdentificationMethod(Bio, MethodVerdict.Verified()), new ScriptedIdentificationMethod(Eds, MethodVerdict.Verified())],
            EvidenceReportFactory.Default);
        Assert.Equal(IdentificationStatus.Verified, (await ok.IdentifyAsync(Request())).Status);
        Assert.Throws<IdentificationConfigurationException>(() => new PolicyBorrowerIdentifier(
            IdentificationPolicies.Rules2025, [new ScriptedIdentificationMethod(Bio, MethodVerdict.Verified())], EvidenceReportFactory.Default));
    }

    [Fact]
    public void Empty_or_all_optional_policies_are_configuration_errors()
    {
        Assert.Throws<IdentificationConfigurationException>(() => IdentificationPolicy.Create("empty").Build());
        Assert.Throws<IdentificationConfigurationException>(() => IdentificationPolicy.Create("optional-only").Optional(Phone).Build());
        Assert.Throws<IdentificationConfigurationException>(() => IdentificationPolicy.Create("no-methods").RequireAnyOf());
        Assert.Throws<IdentificationConfigurationException>(() => IdentificationPolicy.Create("twice").RequireAnyOf(Eds, Eds));
    }

    [Fact]
    public void Duplicate_method_ids_are_configuration_errors()
    {
        Assert.Throws<IdentificationConfigurationException>(() => new PolicyBorrowerIdentifier(
            IdentificationPolicy.ForMethod(Eds),
            [new ScriptedIdentificationMethod(Eds, MethodVerdict.Verified()), new ScriptedIdentificationMethod(Eds, MethodVerdict.Verified())],
            EvidenceReportFactory.Default));
    }

    [Fact]
    public async Task A_method_shared_by_two_requirements_is_called_once()
    {
        var eds = new ScriptedIdentificationMethod(Eds, MethodVerdict.Rejected(new ReasonCode("X")));
        var bio = new ScriptedIdentificationMethod(Bio, MethodVerdict.Verified());
        IdentificationPolicy policy = IdentificationPolicy.Create("shared").RequireAnyOf(Eds, Bio).RequireAnyOf(Eds, Bio).Build();
        IdentificationResult result = await new PolicyBorrowerIdentifier(policy, [eds, bio], EvidenceReportFactory.Default).IdentifyAsync(Request());
        Assert.Equal(IdentificationStatus.Verified, result.Status);
        Assert.Equal(1, eds.Calls);
        Assert.Equal(1, bio.Calls);
    }

    [Fact]
    public async Task A_composed_policy_nests_as_a_method()
    {
        // An MFO wraps a policy as a method of an outer policy (composite).
        var inner = new PolicyBorrowerIdentifier(
            IdentificationPolicy.Create("inner").Require(Eds).Require(Bio).Build(),
            [new ScriptedIdentificationMethod(Eds, MethodVerdict.Verified()), new ScriptedIdentificationMethod(Bio, MethodVerdict.Verified())],
            EvidenceReportFactory.Default);
        var nested = new ScriptedIdentificationMethod(
            new IdentificationMethodId("inner-policy"),
            async (request, ct) => (await inner.IdentifyAsync(request, ct)).IsVerified ? MethodVerdict.Verified() : MethodVerdict.Rejected(ReasonCode.RequirementNotMet));
        IdentificationPolicy outer = IdentificationPolicy.Create("outer").Require(nested.Id).Build();
        Assert.True((await new PolicyBorrowerIdentifier(outer, [nested], EvidenceReportFactory.Default).IdentifyAsync(Request())).IsVerified);
    }
}

public class IdentificationMethodBaseTests
{
    [Fact]
    public async Task An_exception_becomes_Indeterminate_InternalError()
    {
        var method = new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, (_, _) => throw new FormatException("880912300763 bad"));
        MethodOutcome outcome = await method.EvaluateAsync(PolicyTests.Request());
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.InternalError], outcome.Reasons);
    }

    [Fact]
    public async Task An_internal_timeout_becomes_Indeterminate_Timeout()
    {
        var method = new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, (_, _) => throw new TaskCanceledException("inner timeout"));
        MethodOutcome outcome = await method.EvaluateAsync(PolicyTests.Request());
        Assert.Equal(IdentificationStatus.Indeterminate, outcome.Status);
        Assert.Equal([ReasonCode.Timeout], outcome.Reasons);
    }

    [Fact]
    public async Task The_callers_cancellation_propagates()
    {
        using var cts = new CancellationTokenSource();
        var method = new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, async (_, ct) =>
        {
            await cts.CancelAsync();
            ct.ThrowIfCancellationRequested();
            return MethodVerdict.Verified();
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => method.EvaluateAsync(PolicyTests.Request(), cts.Token));
    }

    [Fact]
    public async Task A_single_method_identifies_and_not_applicable_is_rejected()
    {
        IdentificationResult ok = await new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, MethodVerdict.Verified()).AsBorrowerIdentifier().IdentifyAsync(PolicyTests.Request());
        Assert.True(ok.IsVerified);
        IdentificationResult na = await new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, MethodVerdict.NotApplicable()).AsBorrowerIdentifier().IdentifyAsync(PolicyTests.Request());
        Assert.Equal(IdentificationStatus.Rejected, na.Status);
    }

    [Fact]
    public async Task A_single_method_identifier_uses_the_report_factory_it_is_given()
    {
        var calls = 0;
        var method = new ScriptedIdentificationMethod(IdentificationMethodId.NcaEds, (_, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(MethodVerdict.Verified());
        });
        IBorrowerIdentifier alone = method.AsBorrowerIdentifier();
        IdentificationResult first = await alone.IdentifyAsync(PolicyTests.Request());
        IdentificationResult second = await alone.IdentifyAsync(PolicyTests.Request());
        Assert.Null(first.Report.Subject.Iin);
        Assert.Null(second.Report.Subject.Iin);
        Assert.NotEqual(first.Report.ReportId, second.Report.ReportId);

        var withClearIin = new EvidenceReportFactory(Microsoft.Extensions.Options.Options.Create(new EvidenceReportOptions { IncludeClearIin = true }), TimeProvider.System);
        IdentificationResult third = await method.AsBorrowerIdentifier(withClearIin).IdentifyAsync(PolicyTests.Request());
        Assert.Equal("880912300763", third.Report.Subject.Iin);
        Assert.Equal(3, calls);
    }

    [Fact]
    public void Negative_verdicts_need_a_reason_and_a_veto_is_a_rejection()
    {
        Assert.Throws<ArgumentException>(() => MethodVerdict.Rejected());
        Assert.Throws<ArgumentException>(() => MethodVerdict.Indeterminate());
        Assert.Throws<ArgumentException>(() => MethodVerdict.Veto());
        Assert.Throws<ArgumentException>(() => new MethodOutcome(IdentificationMethodId.NcaEds, IdentificationStatus.Verified, [], true, MethodEvidence.Empty, default, default));
    }

    [Fact]
    public void Request_rejects_missing_identity()
    {
        Assert.Throws<ArgumentException>(() => new BorrowerIdentificationRequest(default, IdentificationOperation.Payout, "x"));
        Assert.Throws<ArgumentException>(() => new BorrowerIdentificationRequest(Iin.Parse("880912300763"), IdentificationOperation.Payout, " "));
        Assert.Throws<ArgumentException>(() => new IdentificationMethodId("NCA EDS"));
        string text = PolicyTests.Request().ToString();
        Assert.DoesNotContain("880912300763", text, StringComparison.Ordinal);
        Assert.DoesNotContain("7011234567", text, StringComparison.Ordinal);
    }
}
