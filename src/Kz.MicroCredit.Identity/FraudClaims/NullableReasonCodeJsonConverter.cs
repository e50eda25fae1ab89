using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>Writes a <see cref="ReasonCode"/> as its code text.</summary>
internal sealed class NullableReasonCodeJsonConverter : JsonConverter<ReasonCode?>
{
    public override bool HandleNull => true;

    public override ReasonCode? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.GetString() is { Length: > 0 } s ? new ReasonCode(s) : throw new JsonException("Empty reason code.");

    public override void Write(Utf8JsonWriter writer, ReasonCode? value, JsonSerializerOptions options)
    {
        if (value is { } code)
        {
            writer.WriteStringValue(code.Value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
