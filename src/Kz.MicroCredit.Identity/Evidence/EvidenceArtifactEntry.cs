using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity;

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
