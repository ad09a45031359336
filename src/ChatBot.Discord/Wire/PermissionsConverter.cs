using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatBot.Discord.Wire;

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
