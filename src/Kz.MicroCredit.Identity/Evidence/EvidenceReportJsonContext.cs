using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(EvidenceReport))]
internal sealed partial class EvidenceReportJsonContext : JsonSerializerContext
{
    // Reports are files, not HTML: keep '+' and non-ASCII readable instead of \uXXXX escapes.
    public static EvidenceReportJsonContext Indented { get; } = new(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static EvidenceReportJsonContext Compact { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
