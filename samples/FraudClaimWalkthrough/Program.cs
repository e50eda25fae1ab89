// Walks one fraud claim from the citizen's complaint to the credit-history correction with the in-memory ports of the
// Testing package and the JSON-lines claim store in a temporary folder, then prints the regulator's report.
// Run: dotnet run --project samples/FraudClaimWalkthrough
using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.FraudClaims;
using Kz.MicroCredit.Identity.Testing.FraudClaims;

string dir = Directory.CreateTempSubdirectory("kzid-fraud-walkthrough-").FullName;
try
{
    var store = new JsonLinesFraudClaimStore(Path.Combine(dir, "claims.jsonl"));
    var ports = new InMemoryFraudClaimPorts(store);

    // The loan was issued after an identification whose evidence report the lender kept under the loan id.
    ports.Evidence.Add(new EvidenceReport
    {
        ReportId = "3f1c9a52-0d5e-4b7a-9a34-5d2f0e6c8b11",
        CorrelationId = "MC-2024-000815",
        Operation = "agreement-signing",
        Policy = "rules-2021",
        CreatedAt = new DateTimeOffset(2024, 2, 3, 14, 22, 5, TimeSpan.FromHours(5)),
        Subject = new EvidenceSubject { IinMasked = "**********63" },
        Decision = new EvidenceDecision { Status = "verified", Reasons = [] },
        Methods =
        [
            Method("nca-eds", "verified", 14, 21, 58),
            Method("egov-phone-ownership", "verified", 14, 22, 4),
        ],
    });

    FraudClaimWorkflow workflow = ports.CreateWorkflow(TimeProvider.System, new FraudClaimOptions());

    var registration = new FraudClaimRegistration
    {
        ClaimId = "FC-2024-0042",
        LoanId = "MC-2024-000815",
        ClaimantIin = Iin.Parse("880912300763"),
        AmountKzt = 185_000m,
        Source = FraudClaimSource.CitizenComplaint,
        ReceivedAt = TimeProvider.System.GetUtcNow(),
    };

    Print(await workflow.RegisterAsync(registration, Step("complaint", "IN-2024/1187")));
    Print(await workflow.FreezeAsync(registration.ClaimId, Step("freeze-order", "FO-2024/311")));

    ClaimIdentificationSummary identification = await workflow.GetIdentificationSummaryAsync(registration.ClaimId);
    Console.WriteLine($"   identification: report {identification.ReportId} decided {identification.Decision} at {identification.IdentifiedAt:u}; passed: {string.Join(", ", identification.PassedMethods)}");

    Print(await workflow.ReferToLawEnforcementAsync(registration.ClaimId, Step("police-statement", "OUT-2024/905")));
    Print(await workflow.ConfirmAsync(registration.ClaimId, FraudConfirmationKind.VictimRecognition, Step("cpc-71-resolution", "ERDR-241500031000512")));
    Print(await workflow.WriteOffAsync(registration.ClaimId, Step("write-off-order", "WO-2024/077")));
    Print(await workflow.ConfirmCreditHistoryCorrectionAsync(registration.ClaimId, CreditBureaus.FirstCreditBureau, Step("fcb-confirmation", "PKB-55120")));
    Print(await workflow.ConfirmCreditHistoryCorrectionAsync(registration.ClaimId, CreditBureaus.StateCreditBureau, Step("scb-confirmation", "GKB-7781")));

    // A retry of a step already done is a replay: same event, no port called again.
    FraudClaimStepResult replay = await workflow.WriteOffAsync(registration.ClaimId, Step("write-off-order", "WO-2024/077"));
    Console.WriteLine($"   retrying the write-off: replayed={replay.Replayed}, event #{replay.Event.Sequence}");

    Console.WriteLine();
    Console.WriteLine("Port calls:");
    foreach (FraudClaimPortCall call in ports.Recorder.Calls)
    {
        Console.WriteLine($"   {call.Port,-16} {call.Operation,-22}{(call.Bureau is { } b ? " " + b : string.Empty)}".TrimEnd());
    }

    Console.WriteLine();
    Console.WriteLine($"Claim store: {File.ReadAllLines(store.FilePath).Length} events in {Path.GetFileName(store.FilePath)}");
    FraudClaimReport report = await workflow.BuildReportAsync(DateOnly.FromDateTime(registration.ReceivedAt.UtcDateTime).AddDays(-1), DateOnly.FromDateTime(registration.ReceivedAt.UtcDateTime).AddDays(1));
    Console.WriteLine();
    Console.Write(report.ToText());
    Console.WriteLine();
    Console.WriteLine(report.ToJson());

    FraudClaim final = await workflow.GetAsync(registration.ClaimId);
    return final.State == FraudClaimState.CreditHistoryCorrected && report.WrittenOff.Citizen.Count == 1 ? 0 : 1;
}
finally
{
    Directory.Delete(dir, recursive: true);
}

static FraudClaimStep Step(string kind, string number) => new("back-office-7", new DocumentReference(kind, number));

static void Print(FraudClaimStepResult result) =>
    Console.WriteLine($"#{result.Event.Sequence} {result.Event.OccurredAt:u} {result.Event.Command,-31} -> {result.State,-22} by {result.Event.Actor}, doc {result.Event.Document.Kind} {result.Event.Document.Number}");

static EvidenceMethodEntry Method(string id, string status, int h, int m, int s) => new()
{
    Method = id,
    Status = status,
    Reasons = [],
    StartedAt = new DateTimeOffset(2024, 2, 3, h, m, s - 3, TimeSpan.FromHours(5)),
    CompletedAt = new DateTimeOffset(2024, 2, 3, h, m, s, TimeSpan.FromHours(5)),
    Facts = new Dictionary<string, string>(),
    Digests = new Dictionary<string, string>(),
    Artifacts = [],
};
