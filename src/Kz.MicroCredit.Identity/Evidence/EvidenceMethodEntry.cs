using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity;

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
