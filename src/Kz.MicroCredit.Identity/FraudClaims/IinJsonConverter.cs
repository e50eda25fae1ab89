using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity.FraudClaims;

/// <summary>Writes an <see cref="Iin"/> as its twelve digits; reading validates it.</summary>
internal sealed class IinJsonConverter : JsonConverter<Iin>
{
    public override Iin Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Iin.TryParse(reader.GetString(), out Iin iin) ? iin : throw new JsonException("The value is not a valid IIN.");

    public override void Write(Utf8JsonWriter writer, Iin value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
