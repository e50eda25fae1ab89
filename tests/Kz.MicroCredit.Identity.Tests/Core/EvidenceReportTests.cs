using System.Text.Json;
using Kz.MicroCredit.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.Core;

public class EvidenceReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static EvidenceReport Sample(EvidenceReportOptions options)
    {
        var factory = new EvidenceReportFactory(Options.Create(options), new FakeTimeProvider(Now));
        var evidence = new MethodEvidenceBuilder()
            .Set("certificate.serial", "0a1b")
            .Set("key.algorithm", "GOST3410-2015-512")
            .Digest("signature", [1, 2, 3])
            .Artifact("ocsp-response", "application/ocsp-response", [0x30, 0x03, 0x0a, 0x01, 0x00])
            .Build();
        MethodOutcome[] outcomes =
        [
            new(IdentificationMethodId.NcaEds, IdentificationStatus.Verified, [], false, evidence, Now, Now.AddMilliseconds(40)),
            new(IdentificationMethodId.EGovPhoneOwnership, IdentificationStatus.Rejected, [new ReasonCode("PhoneRegisteredToAnotherIin")], true, MethodEvidence.Empty, Now, Now.AddSeconds(1)),
        ];
        EvidenceReport report = factory.Create(PolicyTests.Request(), "rules-2021", IdentificationStatus.Rejected, [ReasonCode.VetoFound], outcomes);
        // The report id is random; pin it for the golden comparison.
        return new EvidenceReport
        {
            ReportId = "00000000-0000-0000-0000-000000000001",
            CorrelationId = report.CorrelationId,
            Operation = report.Operation,
            Policy = report.Policy,
            CreatedAt = report.CreatedAt,
            Subject = report.Subject,
            Decision = report.Decision,
            Methods = report.Methods,
        };
    }

    [Fact]
    public void Matches_the_golden_file_of_schema_1_0()
    {
        // If this fails, the schema changed: bump SchemaVersion, update docs/evidence-report.md and the golden file on purpose.
        string actual = Sample(new EvidenceReportOptions { SubjectTokenKey = new byte[32] }).ToJson().ReplaceLineEndings("\n").TrimEnd();
        if (Environment.GetEnvironmentVariable("KZID_UPDATE_GOLDEN") is { } sourceDir)
        {
            File.WriteAllText(Path.Combine(sourceDir, "evidence-report-1.0.json"), actual + "\n");
        }

        string golden = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "golden", "evidence-report-1.0.json")).ReplaceLineEndings("\n").TrimEnd();
        Assert.Equal(golden, actual);
    }

    [Fact]
    public void Round_trips()
    {
        EvidenceReport report = Sample(new EvidenceReportOptions());
        EvidenceReport back = EvidenceReport.FromJson(report.ToJson(indented: false));
        Assert.Equal(report.ToJson(), back.ToJson());
        Assert.Equal("verified", back.Methods[0].Status);
        Assert.Equal([0x30, 0x03, 0x0a, 0x01, 0x00], Convert.FromBase64String(back.Methods[0].Artifacts[0].ContentBase64));
    }

    [Fact]
    public void Holds_no_clear_personal_data_by_default()
    {
        string json = Sample(new EvidenceReportOptions()).ToJson();
        Assert.DoesNotContain("880912300763", json, StringComparison.Ordinal);
        Assert.DoesNotContain("7011234567", json, StringComparison.Ordinal);
        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("subject").GetProperty("iin").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("subject").GetProperty("iinToken").ValueKind);
    }

    [Fact]
    public void Clear_iin_only_on_opt_in_and_tokens_are_keyed()
    {
        EvidenceReport optedIn = Sample(new EvidenceReportOptions { IncludeClearIin = true });
        Assert.Equal("880912300763", optedIn.Subject.Iin);

        string? t1 = Sample(new EvidenceReportOptions { SubjectTokenKey = Enumerable.Repeat((byte)1, 32).ToArray() }).Subject.IinToken;
        string? t2 = Sample(new EvidenceReportOptions { SubjectTokenKey = Enumerable.Repeat((byte)2, 32).ToArray() }).Subject.IinToken;
        Assert.NotNull(t1);
        Assert.NotEqual(t1, t2);
        Assert.Equal(64, t1!.Length);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("[1,2]")]
    [InlineData("{\"schemaVersion\":\"2.0\",\"reportId\":\"a\",\"correlationId\":\"b\",\"operation\":\"payout\",\"policy\":\"p\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"subject\":{\"iinMasked\":\"*\"},\"decision\":{\"status\":\"verified\",\"reasons\":[]},\"methods\":[]}")]
    public void Foreign_json_is_rejected(string json)
    {
        Assert.ThrowsAny<JsonException>(() => EvidenceReport.FromJson(json));
    }

    [Fact]
    public void Short_token_keys_fail_validation()
    {
        var v = new EvidenceReportOptionsValidator();
        Assert.True(v.Validate(null, new EvidenceReportOptions { SubjectTokenKey = new byte[16] }).Failed);
        Assert.True(v.Validate(null, new EvidenceReportOptions { SubjectTokenKey = new byte[32] }).Succeeded);
    }
}
