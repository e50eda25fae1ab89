using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// The record a lender keeps of one identification, for the regulator or a court: the decision, each method's outcome
/// and evidence, and who the subject was — as masked values and keyed tokens, not clear personal data unless the
/// lender opts in. Versioned JSON schema: docs/evidence-report.md.
/// </summary>
public sealed class EvidenceReport
{
    /// <summary>The schema version this library writes.</summary>
    public const string CurrentSchemaVersion = "1.0";

    /// <summary>Gets the schema version, <c>major.minor</c>; a minor bump only adds optional fields.</summary>
    [JsonPropertyName("schemaVersion")]
    public string SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Gets the report's unique id.</summary>
    [JsonPropertyName("reportId")]
    public required string ReportId { get; init; }

    /// <summary>Gets the lender's correlation id (application or loan id).</summary>
    [JsonPropertyName("correlationId")]
    public required string CorrelationId { get; init; }

    /// <summary>Gets the operation, e.g. <c>agreement-signing</c>.</summary>
    [JsonPropertyName("operation")]
    public required string Operation { get; init; }

    /// <summary>Gets the policy evaluated, e.g. <c>rules-2021</c>.</summary>
    [JsonPropertyName("policy")]
    public required string Policy { get; init; }

    /// <summary>Gets when the decision was made.</summary>
    [JsonPropertyName("createdAt")]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets the subject (masked or tokenised).</summary>
    [JsonPropertyName("subject")]
    public required EvidenceSubject Subject { get; init; }

    /// <summary>Gets the decision.</summary>
    [JsonPropertyName("decision")]
    public required EvidenceDecision Decision { get; init; }

    /// <summary>Gets the per-method entries in evaluation order.</summary>
    [JsonPropertyName("methods")]
    public required IReadOnlyList<EvidenceMethodEntry> Methods { get; init; }

    /// <summary>Serialises the report to JSON (UTF-8 text, source-generated, no reflection).</summary>
    /// <param name="indented">Whether to indent.</param>
    /// <returns>The JSON.</returns>
    public string ToJson(bool indented = true) =>
        JsonSerializer.Serialize(this, indented ? EvidenceReportJsonContext.Indented.EvidenceReport : EvidenceReportJsonContext.Compact.EvidenceReport);

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The report.</returns>
    /// <exception cref="JsonException">The JSON is not a report of a supported schema version.</exception>
    public static EvidenceReport FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        EvidenceReport report = JsonSerializer.Deserialize(json, EvidenceReportJsonContext.Default.EvidenceReport)
            ?? throw new JsonException("The JSON is null, not an evidence report.");
        if (!report.SchemaVersion.StartsWith("1.", StringComparison.Ordinal))
        {
            throw new JsonException("Unsupported evidence report schema version.");
        }

        return report;
    }
}
