using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity;

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
