using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Discord.Wire;

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
        options.Converters.Add(new LenientStringConverter());
        options.Converters.Add(new SnowflakeConverter());
        options.Converters.Add(new PermissionsConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Reads a payload; a missing one (<c>"d"</c> absent) is a <see cref="JsonException"/> like any other unreadable one.</summary>
    public static T? Deserialize<T>(JsonElement element)
        => element.ValueKind == JsonValueKind.Undefined ? throw new JsonException("The payload is missing.") : element.Deserialize<T>(Options);

    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<T>(utf8, Options);

    /// <summary>A JSON string's text, with invalid UTF-16 or UTF-8 replaced by U+FFFD; null when the element is not a string.</summary>
    public static string? String(JsonElement element)
        => element.ValueKind == JsonValueKind.String ? element.Deserialize<string>(Options) : null;
}
