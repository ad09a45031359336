using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatBot.Discord.Foundation;

namespace ChatBot.Discord.Wire;

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
