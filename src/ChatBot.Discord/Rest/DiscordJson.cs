using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Discord.Rest;

/// <summary>
/// The one serializer configuration for Discord: snake_case names, snowflakes and permission bitfields as
/// strings, nulls omitted, unknown fields ignored. Enums are numeric, so an unknown value reads as a number
/// outside the named ones instead of throwing.
/// </summary>
internal static class DiscordJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new SnowflakeConverter());
        options.Converters.Add(new PermissionsConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T? Deserialize<T>(JsonElement element) => element.Deserialize<T>(Options);

    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<T>(utf8, Options);
}

/// <summary>Snowflakes travel as strings; a few payloads carry small ids as numbers, so both are read.</summary>
internal sealed class SnowflakeConverter : JsonConverter<ulong>
{
    public override ulong Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetUInt64();
        }

        if (reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out ulong value, out var consumed) && consumed == reader.ValueSpan.Length)
        {
            return value;
        }

        throw new JsonException("A snowflake must be a string of digits.");
    }

    public override void Write(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
    }

    public override ulong ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => ulong.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException("A snowflake key must be a string of digits.");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>Permission bitfields are strings because bits reach 1 &lt;&lt; 51, beyond a double's exact range.</summary>
internal sealed class PermissionsConverter : JsonConverter<DiscordPermissions>
{
    public override DiscordPermissions Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return (DiscordPermissions)reader.GetUInt64();
        }

        if (reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out ulong value, out var consumed) && consumed == reader.ValueSpan.Length)
        {
            return (DiscordPermissions)value;
        }

        throw new JsonException("A permission bitfield must be a string of digits.");
    }

    public override void Write(Utf8JsonWriter writer, DiscordPermissions value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(((ulong)value).ToString(CultureInfo.InvariantCulture));
    }
}
