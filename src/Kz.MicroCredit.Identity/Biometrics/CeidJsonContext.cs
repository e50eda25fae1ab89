using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.Biometrics;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 16)]
[JsonSerializable(typeof(CeidMatchRequestDto))]
[JsonSerializable(typeof(CeidMatchResultDto))]
[JsonSerializable(typeof(CeidSessionRequestDto))]
[JsonSerializable(typeof(CeidSessionCreatedDto))]
[JsonSerializable(typeof(CeidSessionStatusDto))]
[JsonSerializable(typeof(CeidCallbackDto))]
internal sealed partial class CeidJsonContext : JsonSerializerContext
{
}
