using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace Kz.MicroCredit.Identity.Biometrics;

[JsonSourceGenerationOptions(RespectNullableAnnotations = true, MaxDepth = 8)]
[JsonSerializable(typeof(OAuthTokenDto))]
internal sealed partial class OAuthJsonContext : JsonSerializerContext
{
}
