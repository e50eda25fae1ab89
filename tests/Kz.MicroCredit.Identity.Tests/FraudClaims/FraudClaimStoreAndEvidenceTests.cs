using Xunit;
using Kz.MicroCredit.Identity.FraudClaims;
using Kz.MicroCredit.Identity.Testing.FraudClaims;

namespace Kz.MicroCredit.Identity.Tests.FraudClaims;

public sealed class FraudClaimStoreAndEvidenceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kzid-fraud-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_json_lines_store_keeps_one_line_per_event_and_rebuilds_claims()
    {
        string path = Path.Combine(_dir, "claims.jsonl");
        var kit = new FraudClaimTestKit(store: new JsonLinesFraudClaimStore(path));
        await kit.DriveToAsync(FraudClaimState.CreditHistoryCorrected, FraudClaimTestKit.Registration("A"));
        await kit.DriveToAsync(FraudClaimState.Frozen, FraudClaimTestKit.Registration("B"));

        string[] lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(7 + 2, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("{\"claimId\":", l, StringComparison.Ordinal));

        // A fresh store over the same file sees the same history.
        var reopened = new JsonLinesFraudClaimStore(path);
        Assert.Equal(["A", "B"], await reopened.ListClaimIdsAsync());
        FraudClaim a = FraudClaim.FromHistory(await reopened.ReadAsync("A"));
        Assert.Equal(FraudClaimState.CreditHistoryCorrected, a.State);
        Assert.Equal(FraudClaimTestKit.SandboxIin, a.Registration.ClaimantIin.Value);
        Assert.Equal(150_000.50m, a.Registration.AmountKzt);
        Assert.Equal(FraudConfirmationKind.VictimRecognition, a.ConfirmationKind);

        await Assert.ThrowsAsync<FraudClaimConcurrencyException>(() => reopened.AppendAsync("B", 1, a.History[1]));
        Assert.Equal(9, (await File.ReadAllLinesAsync(path)).Length);
    }

    [Fact]
    public void Events_round_trip_through_json_with_string_enums()
    {
        var e = new FraudClaimEvent
        {
            ClaimId = "C-1",
            Sequence = 6,
            Command = FraudClaimCommand.RecordNotConfirmed,
            State = FraudClaimState.NotConfirmed,
            OccurredAt = FraudClaimTestKit.Start,
            Actor = "officer-17",
            Document = new DocumentReference("refusal", "R-5", new DateOnly(2022, 2, 1)),
            IdempotencyKey = "k",
            Reason = ReasonCode.FraudCaseTerminated,
        };
        string json = e.ToJson();
        Assert.Contains("\"command\":\"RecordNotConfirmed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"FraudCaseTerminated\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("registration", json, StringComparison.Ordinal);
        FraudClaimEvent back = FraudClaimEvent.FromJson(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(e.Document, back.Document);
        Assert.Throws<System.Text.Json.JsonException>(() => FraudClaimEvent.FromJson(json.Replace("\"sequence\":6,", string.Empty, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_referral_carries_how_the_borrower_was_identified()
    {
        var kit = new FraudClaimTestKit();
        DateTimeOffset identifiedAt = FraudClaimTestKit.Start.AddDays(-30);
        kit.Ports.Evidence.Add(FraudClaimTestKit.EvidenceReport("APP-77", identifiedAt, ("nca-eds", "verified"), ("realtime-photo", "rejected"), ("egov-phone-ownership", "verified")));
        FraudClaimRegistration registration = new()
        {
            ClaimId = "C-1",
            LoanId = "L-1",
            ClaimantIin = Iin.Parse(FraudClaimTestKit.SandboxIin),
            AmountKzt = 80_000m,
            Source = FraudClaimSource.LawEnforcementNotice,
            ReceivedAt = FraudClaimTestKit.Start,
            IdentificationCorrelationId = "APP-77",
        };
        await kit.DriveToAsync(FraudClaimState.Referred, registration);

        ClaimIdentificationSummary summary = Assert.Single(kit.Ports.LawEnforcement.Referrals).Identification;
        Assert.True(summary.ReportFound);
        Assert.Equal("APP-77", summary.CorrelationId);
        Assert.Equal(identifiedAt, summary.IdentifiedAt);
        Assert.Equal(["nca-eds", "egov-phone-ownership"], summary.PassedMethods);
        Assert.Equal(3, summary.Methods.Count);
        Assert.Equal("**********63", summary.SubjectIinMasked);

        ClaimIdentificationSummary again = await kit.Workflow.GetIdentificationSummaryAsync("C-1");
        Assert.Equal(summary.ReportId, again.ReportId);
    }

    [Fact]
    public async Task A_loan_without_an_evidence_report_is_summarised_as_not_found()
    {
        var kit = new FraudClaimTestKit();
        await kit.DriveToAsync(FraudClaimState.Referred);
        ClaimIdentificationSummary summary = Assert.Single(kit.Ports.LawEnforcement.Referrals).Identification;
        Assert.False(summary.ReportFound);
        Assert.Equal("L-C-1", summary.CorrelationId);
        Assert.Empty(summary.PassedMethods);
    }
}
