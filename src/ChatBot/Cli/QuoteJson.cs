using System.Text.Encodings.Web;
using System.Text.Json;
using ChatBot.Core;

namespace ChatBot.Cli;

/// <summary>
/// The stable JSON form of a quote's verification that other tools read:
/// <c>{"quote", "verdict": "verbatim" | "close" | "not-found", "matches": [{"citation": {"sourceId", "title",
/// "author", "url", "locator"}, "original", "differences": [{"kind": "changed" | "added" | "missing", "text",
/// "original" | null}]}]}</c>. A not-found verdict has at most one match: the closest passage. Written field by
/// field so the contract cannot drift with a type's shape.
/// </summary>
public static class QuoteJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(QuoteVerification verification, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options with { Indented = indented }))
        {
            Write(writer, verification);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, QuoteVerification verification)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(verification);
        writer.WriteStartObject();
        writer.WriteString("quote", verification.Quote);
        writer.WriteString("verdict", Verdict(verification.Verdict));
        writer.WriteStartArray("matches");
        foreach (var match in verification.Matches)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("citation");
            writer.WriteString("sourceId", match.Citation.SourceId);
            writer.WriteString("title", match.Citation.Title);
            WriteNullable(writer, "author", match.Citation.Author);
            WriteNullable(writer, "url", match.Citation.Url);
            writer.WriteString("locator", match.Citation.Locator);
            writer.WriteEndObject();
            writer.WriteString("original", match.Original);
            writer.WriteStartArray("differences");
            foreach (var difference in match.Differences)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", Kind(difference.Kind));
                writer.WriteString("text", difference.Text);
                WriteNullable(writer, "original", difference.Original);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static string Verdict(QuoteVerdict verdict) => verdict switch
    {
        QuoteVerdict.Verbatim => "verbatim",
        QuoteVerdict.Close => "close",
        _ => "not-found",
    };

    private static string Kind(DifferenceKind kind) => kind switch
    {
        DifferenceKind.Changed => "changed",
        DifferenceKind.Added => "added",
        _ => "missing",
    };

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
