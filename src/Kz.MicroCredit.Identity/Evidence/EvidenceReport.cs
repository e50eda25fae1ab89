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

/// <summary>Who was identified, without clear personal data by default.</summary>
public sealed class EvidenceSubject
{
    /// <summary>Gets the masked IIN, e.g. <c>**********26</c>.</summary>
    [JsonPropertyName("iinMasked")]
    public required string IinMasked { get; init; }

    /// <summary>Gets an HMAC-SHA-256 token of the IIN under the lender's key (hex), to correlate reports without the IIN; null when no key is configured.</summary>
    [JsonPropertyName("iinToken")]
    public string? IinToken { get; init; }

    /// <summary>Gets the clear IIN, present only when the lender opted in (<see cref="EvidenceReportOptions.IncludeClearIin"/>).</summary>
    [JsonPropertyName("iin")]
    public string? Iin { get; init; }

    /// <summary>Gets the masked phone number, when one was declared.</summary>
    [JsonPropertyName("phoneMasked")]
    public string? PhoneMasked { get; init; }

    /// <summary>Gets an HMAC-SHA-256 token of the E.164 phone number under the lender's key.</summary>
    [JsonPropertyName("phoneToken")]
    public string? PhoneToken { get; init; }
}

/// <summary>The decision in a report.</summary>
public sealed class EvidenceDecision
{
    /// <summary>Gets <c>verified</c>, <c>rejected</c> or <c>indeterminate</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Gets the reason codes.</summary>
    [JsonPropertyName("reasons")]
    public required IReadOnlyList<string> Reasons { get; init; }
}

/// <summary>One method's entry in a report.</summary>
public sealed class EvidenceMethodEntry
{
    /// <summary>Gets the method id, e.g. <c>nca-eds</c>.</summary>
    [JsonPropertyName("method")]
    public required string Method { get; init; }

    /// <summary>Gets <c>verified</c>, <c>rejected</c>, <c>indeterminate</c> or <c>not-applicable</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>Gets a value indicating whether the rejection is a veto.</summary>
    [JsonPropertyName("veto")]
    public bool Veto { get; init; }

    /// <summary>Gets the reason codes.</summary>
    [JsonPropertyName("reasons")]
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>Gets when the method started.</summary>
    [JsonPropertyName("startedAt")]
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when it finished.</summary>
    [JsonPropertyName("completedAt")]
    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>Gets the named facts.</summary>
    [JsonPropertyName("facts")]
    public required IReadOnlyDictionary<string, string> Facts { get; init; }

    /// <summary>Gets SHA-256 digests of inputs (hex).</summary>
    [JsonPropertyName("digests")]
    public required IReadOnlyDictionary<string, string> Digests { get; init; }

    /// <summary>Gets raw proofs.</summary>
    [JsonPropertyName("artifacts")]
    public required IReadOnlyList<EvidenceArtifactEntry> Artifacts { get; init; }
}

/// <summary>A raw proof in a report.</summary>
public sealed class EvidenceArtifactEntry
{
    /// <summary>Gets the name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Gets the media type.</summary>
    [JsonPropertyName("mediaType")]
    public required string MediaType { get; init; }

    /// <summary>Gets the content, base64.</summary>
    [JsonPropertyName("contentBase64")]
    public required string ContentBase64 { get; init; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(EvidenceReport))]
internal sealed partial class EvidenceReportJsonContext : JsonSerializerContext
{
    // Reports are files, not HTML: keep '+' and non-ASCII readable instead of \uXXXX escapes.
    public static EvidenceReportJsonContext Indented { get; } = new(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static EvidenceReportJsonContext Compact { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
