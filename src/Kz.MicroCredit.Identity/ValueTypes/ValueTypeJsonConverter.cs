using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kz.MicroCredit.Identity;

/// <summary>
/// Writes a value type as its bare string and reads it back through its parser; the default value is written as
/// <c>null</c> (it holds no number) and <c>null</c> reads back as the default. A malformed number is a
/// <see cref="JsonException"/> that says what was wrong without quoting it.
/// </summary>
internal abstract class ValueTypeJsonConverter<T> : JsonConverter<T>
    where T : struct
{
    public override bool HandleNull => true;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A {typeof(T).Name} is written as a JSON string.");
        }

        string text = reader.GetString()!;
        return TryParse(text, out T value, out string? error) ? value : throw new JsonException($"Not a valid {typeof(T).Name}: {error}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        string? text = Format(value);
        if (text is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    protected abstract bool TryParse(string text, out T value, out string? error);

    /// <summary>The bare string, or <see langword="null"/> for the default value.</summary>
    protected abstract string? Format(T value);
}

/// <summary>An <see cref="Iin"/> as its twelve digits (the clear number: the caller serialises it on purpose).</summary>
internal sealed class IinJsonConverter : ValueTypeJsonConverter<Iin>
{
    protected override bool TryParse(string text, out Iin value, out string? error)
    {
        bool ok = Iin.TryParse(text, out value, out IinError why);
        error = ok ? null : why.ToString();
        return ok;
    }

    protected override string? Format(Iin value) => value.HasValue ? value.Value : null;
}

/// <summary>A <see cref="Bin"/> as its twelve digits.</summary>
internal sealed class BinJsonConverter : ValueTypeJsonConverter<Bin>
{
    protected override bool TryParse(string text, out Bin value, out string? error)
    {
        bool ok = Bin.TryParse(text, out value);
        error = ok ? null : "not a twelve-digit BIN with a valid check digit";
        return ok;
    }

    protected override string? Format(Bin value) => value == default ? null : value.Value;
}

/// <summary>A <see cref="KzPhoneNumber"/> in E.164.</summary>
internal sealed class KzPhoneNumberJsonConverter : ValueTypeJsonConverter<KzPhoneNumber>
{
    protected override bool TryParse(string text, out KzPhoneNumber value, out string? error)
    {
        bool ok = KzPhoneNumber.TryParse(text, out value, out PhoneNumberError why);
        error = ok ? null : why.ToString();
        return ok;
    }

    protected override string? Format(KzPhoneNumber value) => value.HasValue ? value.E164 : null;
}
