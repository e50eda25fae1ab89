using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.FraudClaims;

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(FraudClaimEvent))]
internal sealed partial class FraudClaimJsonContext : JsonSerializerContext
{
}
