using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Discord.Foundation;

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

/// <summary>
/// Reads every string the bot receives without ever throwing on its text: <c>"\ud83c"</c> is valid JSON but not
/// valid UTF-16, and System.Text.Json's own reader throws on it (and on invalid UTF-8). Such text becomes U+FFFD,
/// so a question holding it is answered like any other.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string, not {reader.TokenType}.");
        }

        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        return Decode(raw, reader.ValueIsEscaped);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(TextBudget.Scrub(value));
    }

    /// <summary>The text of a JSON string's raw bytes (without quotes): escapes resolved, whatever is not valid text made U+FFFD.</summary>
    public static string Decode(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
        {
            return Encoding.UTF8.GetString(raw);
        }

        var text = new StringBuilder(raw.Length);
        var run = 0;
        var i = 0;
        while (i < raw.Length)
        {
            if (raw[i] != (byte)'\\')
            {
                i++;
                continue;
            }

            text.Append(Encoding.UTF8.GetString(raw[run..i]));
            var escape = i + 1 < raw.Length ? raw[i + 1] : (byte)0;
            i += 2;
            switch (escape)
            {
                case (byte)'"' or (byte)'\\' or (byte)'/':
                    text.Append((char)escape);
                    break;
                case (byte)'b':
                    text.Append('\b');
                    break;
                case (byte)'f':
                    text.Append('\f');
                    break;
                case (byte)'n':
                    text.Append('\n');
                    break;
                case (byte)'r':
                    text.Append('\r');
                    break;
                case (byte)'t':
                    text.Append('\t');
                    break;
                case (byte)'u' when i + 4 <= raw.Length && Utf8Parser.TryParse(raw.Slice(i, 4), out ushort unit, out var consumed, 'X') && consumed == 4:
                    // A lone half of a surrogate pair is kept for now; Scrub replaces it once the pairs are known.
                    text.Append((char)unit);
                    i += 4;
                    break;
                default:
                    text.Append(TextBudget.Replacement);
                    break;
            }

            run = i;
        }

        if (run < raw.Length)
        {
            text.Append(Encoding.UTF8.GetString(raw[run..]));
        }

        return TextBudget.Scrub(text.ToString());
    }
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
        => !reader.HasValueSequence && !reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out ulong value, out var consumed) && consumed == reader.ValueSpan.Length
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
