using Xunit;
using System.Text.Json;
using Kz.MicroCredit.Identity.Cli;
using Kz.MicroCredit.Identity.FraudClaims;

namespace Kz.MicroCredit.Identity.Tests.FraudClaims;

public sealed class FraudClaimReportTests
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "TestData", "Synthetic", "FraudClaims", "regulator-letter-2022-q1.csv");

    private static readonly (string Section, string Source, int Count, decimal Amount)[] LetterFigures =
    [
        ("claims", "citizen", RegulatorLetter2022.CitizenCount, RegulatorLetter2022.CitizenAmount),
        ("claims", "police", RegulatorLetter2022.PoliceCount, RegulatorLetter2022.PoliceAmount),
        ("written_off", "citizen", RegulatorLetter2022.CitizenWrittenOffCount, RegulatorLetter2022.CitizenWrittenOffAmount),
        ("written_off", "police", RegulatorLetter2022.PoliceWrittenOffCount, RegulatorLetter2022.PoliceWrittenOffAmount),
        ("suspended", "citizen", RegulatorLetter2022.CitizenSuspendedCount, RegulatorLetter2022.CitizenSuspendedAmount),
        ("suspended", "police", RegulatorLetter2022.PoliceSuspendedCount, RegulatorLetter2022.PoliceSuspendedAmount),
    ];

    private static readonly (string Method, string Status)[] EdsAndPhone = [("nca-eds", "verified"), ("egov-phone-ownership", "verified")];
    private static readonly (string Method, string Status)[] Biometrics = [("nca-eds", "not-applicable"), ("kcmr-biometrics", "verified")];
    private static readonly (string Method, string Status)[] NothingPassed = [("realtime-photo", "rejected")];

    [Fact]
    public void The_synthetic_set_itself_adds_up_to_the_letter()
    {
        IReadOnlyList<FraudClaimReportEntry> entries = RegulatorLetter2022.Entries();
        Assert.Equal(134 + 3, entries.Count);
        Assert.Equal(entries.Count, entries.Select(e => e.ClaimId).Distinct().Count());
        Assert.All(entries, e => Assert.Equal(decimal.Round(e.AmountKzt, 2), e.AmountKzt));
        Assert.All(entries, e => Assert.True(e.AmountKzt > 1000m));
    }

    [Fact]
    public async Task The_library_rebuilds_the_letter_from_claims_driven_through_the_workflow()
    {
        var kit = new FraudClaimTestKit();
        IReadOnlyList<FraudClaimReportEntry> entries = RegulatorLetter2022.Entries();
        var expectedByMethod = new Dictionary<string, (int Count, decimal Amount)>();
        void Expect(string key, decimal amount) => expectedByMethod[key] = expectedByMethod.TryGetValue(key, out var v) ? (v.Count + 1, v.Amount + amount) : (1, amount);
        for (int i = 0; i < entries.Count; i++)
        {
            FraudClaimReportEntry e = entries[i];
            bool inQuarter = e.ReceivedAt.Year == 2022 && e.ReceivedAt.Month <= 3;
            switch (i % 4)
            {
                case 0 or 1:
                    kit.Ports.Evidence.Add(FraudClaimTestKit.EvidenceReport(e.LoanId, e.ReceivedAt.AddDays(-20), EdsAndPhone));
                    if (inQuarter)
                    {
                        Expect("nca-eds", e.AmountKzt);
                        Expect("egov-phone-ownership", e.AmountKzt);
                    }

                    break;
                case 2:
                    kit.Ports.Evidence.Add(FraudClaimTestKit.EvidenceReport(e.LoanId, e.ReceivedAt.AddDays(-20), i % 8 == 2 ? Biometrics : NothingPassed));
                    if (inQuarter)
                    {
                        Expect(i % 8 == 2 ? "kcmr-biometrics" : FraudClaimReport.NoMethodPassedKey, e.AmountKzt);
                    }

                    break;
                default:
                    if (inQuarter)
                    {
                        Expect(FraudClaimReport.NoEvidenceReportKey, e.AmountKzt);
                    }

                    break;
            }

            await kit.DriveToAsync(e.State, new FraudClaimRegistration
            {
                ClaimId = e.ClaimId,
                LoanId = e.LoanId,
                ClaimantIin = Iin.Parse(FraudClaimTestKit.SandboxIin),
                AmountKzt = e.AmountKzt,
                Source = e.Source,
                ReceivedAt = e.ReceivedAt,
            });
        }

        FraudClaimReport report = await kit.Workflow.BuildReportAsync(RegulatorLetter2022.From, RegulatorLetter2022.To);

        AssertLetter(report);
        Assert.Equal(41, report.WrittenOff.Citizen.CreditHistoryCorrected); // every other one of 81 completed the bureau step
        Assert.Equal(2, report.WrittenOff.Police.CreditHistoryCorrected);
        Assert.Equal(0, report.NotConfirmed.Citizen.Count + report.Registered.Citizen.Count + report.NotConfirmed.Police.Count + report.Registered.Police.Count);
        Assert.NotNull(report.ByIdentificationMethod);
        Assert.Equal(expectedByMethod.Keys.Order(StringComparer.Ordinal), report.ByIdentificationMethod.Keys);
        foreach ((string key, (int count, decimal amount)) in expectedByMethod)
        {
            Assert.Equal(count, report.ByIdentificationMethod[key].Count);
            Assert.Equal(amount, report.ByIdentificationMethod[key].AmountKzt);
        }

        // Without a period, the three claims outside the quarter count too (one written off, one suspended, one not confirmed).
        FraudClaimReport all = await kit.Workflow.BuildReportAsync();
        Assert.Equal(RegulatorLetter2022.CitizenCount + 2, all.Claims.Citizen.Count);
        Assert.Equal(RegulatorLetter2022.PoliceCount + 1, all.Claims.Police.Count);
        Assert.Equal(1, all.NotConfirmed.Citizen.Count);

        // The JSON carries the same figures field by field.
        using JsonDocument json = JsonDocument.Parse(report.ToJson());
        AssertLetter(json.RootElement);
        Assert.Equal("2022-01-01", json.RootElement.GetProperty("period").GetProperty("received_from").GetString());
        Assert.Equal(41, json.RootElement.GetProperty("written_off").GetProperty("citizen").GetProperty("credit_history_corrected").GetInt32());
        Assert.Equal(expectedByMethod["nca-eds"].Count, json.RootElement.GetProperty("by_identification_method").GetProperty("nca-eds").GetProperty("count").GetInt32());

        string csv = report.ToCsv();
        Assert.StartsWith("section,key,count,amount_kzt,credit_history_corrected\n", csv, StringComparison.Ordinal);
        Assert.Contains("\nclaims,citizen,110,7800000,\n", csv, StringComparison.Ordinal);
        Assert.Contains("\nwritten_off,police,2,150000,2\n", csv, StringComparison.Ordinal);
        Assert.Contains("\nsuspended,police,22,678000,\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kzid_fraud_report_rebuilds_the_letter_from_a_generated_csv_that_matches_the_committed_fixture()
    {
        string dir = Directory.CreateTempSubdirectory("kzid-fraud-").FullName;
        try
        {
            string path = Path.Combine(dir, "claims.csv");
            using (var writer = new StreamWriter(path))
            {
                FraudClaimCsv.Write(writer, RegulatorLetter2022.Entries());
            }

            // To regenerate the committed fixture after changing the generator, set KZID_REGENERATE_FRAUD_FIXTURE to its source path.
            if (Environment.GetEnvironmentVariable("KZID_REGENERATE_FRAUD_FIXTURE") is { Length: > 0 } target)
            {
                File.Copy(path, target, overwrite: true);
            }

            Assert.Equal(await File.ReadAllTextAsync(FixturePath), await File.ReadAllTextAsync(path));

            (int code, string stdout, string stderr) = await RunAsync("fraud", "report", "--claims", path, "--from", "2022-01-01", "--to", "2022-03-31", "--json");
            Assert.Equal(0, code);
            Assert.Equal(string.Empty, stderr);
            using JsonDocument json = JsonDocument.Parse(stdout);
            AssertLetter(json.RootElement);

            // Field by field, the CLI equals the library report over the same rows.
            FraudClaimReport library = FraudClaimReport.Build(RegulatorLetter2022.Entries(), RegulatorLetter2022.From, RegulatorLetter2022.To);
            foreach ((string section, FraudClaimSourceSplit split) in new[] { ("claims", library.Claims), ("written_off", library.WrittenOff), ("suspended", library.Suspended) })
            {
                foreach ((string source, FraudClaimFigures figures) in new[] { ("citizen", split.Citizen), ("police", split.Police) })
                {
                    JsonElement cell = json.RootElement.GetProperty(section).GetProperty(source);
                    Assert.Equal(figures.Count, cell.GetProperty("count").GetInt32());
                    Assert.Equal(figures.AmountKzt, cell.GetProperty("amount_kzt").GetDecimal());
                }
            }

            // CSV input does not say whether the bureau confirmed: the field is left out rather than guessed.
            Assert.False(json.RootElement.GetProperty("written_off").GetProperty("citizen").TryGetProperty("credit_history_corrected", out _));
            Assert.False(json.RootElement.TryGetProperty("by_identification_method", out _));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_committed_fixture_gives_the_letter_only_for_the_inclusive_quarter()
    {
        (int code, string stdout, _) = await RunAsync("fraud", "report", "--claims", FixturePath, "--json", "--to", "2022-03-31", "--from", "2022-01-01");
        Assert.Equal(0, code);
        using (JsonDocument json = JsonDocument.Parse(stdout))
        {
            AssertLetter(json.RootElement);
        }

        // Shifting a bound by one day drops the claims of the boundary day or adds the one outside the quarter.
        (_, stdout, _) = await RunAsync("fraud", "report", "--claims", FixturePath, "--json", "--from", "2022-01-02", "--to", "2022-03-31");
        using (JsonDocument json = JsonDocument.Parse(stdout))
        {
            Assert.True(CountOn(new DateOnly(2022, 1, 1), FraudClaimSource.CitizenComplaint) >= 1);
            Assert.Equal(RegulatorLetter2022.CitizenCount - CountOn(new DateOnly(2022, 1, 1), FraudClaimSource.CitizenComplaint), json.RootElement.GetProperty("claims").GetProperty("citizen").GetProperty("count").GetInt32());
        }

        (_, stdout, _) = await RunAsync("fraud", "report", "--claims", FixturePath, "--json", "--from", "2022-01-01", "--to", "2022-04-01");
        using (JsonDocument json = JsonDocument.Parse(stdout))
        {
            Assert.Equal(RegulatorLetter2022.PoliceCount + 1, json.RootElement.GetProperty("claims").GetProperty("police").GetProperty("count").GetInt32());
            Assert.Equal(RegulatorLetter2022.PoliceSuspendedAmount + 45_000m, json.RootElement.GetProperty("suspended").GetProperty("police").GetProperty("amount_kzt").GetDecimal());
        }

        (_, stdout, _) = await RunAsync("fraud", "report", "--claims", FixturePath, "--json", "--from", "2022-03-31", "--to", "2022-03-31");
        using (JsonDocument json = JsonDocument.Parse(stdout))
        {
            Assert.Equal(CountOn(new DateOnly(2022, 3, 31), FraudClaimSource.LawEnforcementNotice), json.RootElement.GetProperty("claims").GetProperty("police").GetProperty("count").GetInt32());
            Assert.Equal(CountOn(new DateOnly(2022, 3, 31), FraudClaimSource.CitizenComplaint), json.RootElement.GetProperty("claims").GetProperty("citizen").GetProperty("count").GetInt32());
        }
    }

    [Fact]
    public async Task Without_json_the_cli_prints_a_short_table()
    {
        (int code, string stdout, string stderr) = await RunAsync("fraud", "report", "--claims", FixturePath, "--from", "2022-01-01", "--to", "2022-03-31");
        Assert.Equal(0, code);
        Assert.Empty(stderr);
        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("2022-01-01 .. 2022-03-31", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^claims\s+110\s+7800000\s+24\s+828000$", lines.Single(l => l.StartsWith("claims", StringComparison.Ordinal)));
        Assert.Matches(@"^written off\s+81\s+5600000\s+2\s+150000$", lines.Single(l => l.StartsWith("written off", StringComparison.Ordinal)));
        Assert.Matches(@"^suspended\s+29\s+2200000\s+22\s+678000$", lines.Single(l => l.StartsWith("suspended", StringComparison.Ordinal)));
    }

    private static int CountOn(DateOnly date, FraudClaimSource source) =>
        RegulatorLetter2022.Entries().Count(e => e.Source == source && DateOnly.FromDateTime(e.ReceivedAt.DateTime) == date);

    private static void AssertLetter(FraudClaimReport report)
    {
        foreach ((string section, string source, int count, decimal amount) in LetterFigures)
        {
            FraudClaimSourceSplit split = section switch { "claims" => report.Claims, "written_off" => report.WrittenOff, _ => report.Suspended };
            FraudClaimFigures figures = source == "citizen" ? split.Citizen : split.Police;
            Assert.Equal((section, source, count, amount), (section, source, figures.Count, figures.AmountKzt));
        }
    }

    private static void AssertLetter(JsonElement root)
    {
        foreach ((string section, string source, int count, decimal amount) in LetterFigures)
        {
            JsonElement cell = root.GetProperty(section).GetProperty(source);
            Assert.Equal((section, source, count, amount), (section, source, cell.GetProperty("count").GetInt32(), cell.GetProperty("amount_kzt").GetDecimal()));
        }
    }

    internal static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = await KzidApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
