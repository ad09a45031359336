using System.Text.Encodings.Web;
using System.Text.Json;
using ChatBot.Core;

namespace ChatBot.Cli;

/// <summary>
/// The stable JSON form of an answer that other tools read:
/// <c>{"question", "confident", "results": [{"rank", "score", "quote", "highlights": [[start, end]],
/// "citation": {"sourceId", "title", "author", "url", "locator"}, "answer": {"text", "start", "end"} | null}],
/// "elapsedMs"}</c>. Written field by field so the contract cannot drift with a type's shape.
/// </summary>
public static class AnswerJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(Answer answer, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options with { Indented = indented }))
        {
            Write(writer, answer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, Answer answer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(answer);
        writer.WriteStartObject();
        writer.WriteString("question", answer.Question);
        writer.WriteBoolean("confident", answer.Confident);
        writer.WriteStartArray("results");
        foreach (var result in answer.Results)
        {
            writer.WriteStartObject();
            writer.WriteNumber("rank", result.Rank);
            writer.WriteNumber("score", result.Score);
            writer.WriteString("quote", result.Quote);
            writer.WriteStartArray("highlights");
            foreach (var range in result.Highlights)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(range.Start);
                writer.WriteNumberValue(range.End);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("citation");
            writer.WriteString("sourceId", result.Citation.SourceId);
            writer.WriteString("title", result.Citation.Title);
            WriteNullable(writer, "author", result.Citation.Author);
            WriteNullable(writer, "url", result.Citation.Url);
            writer.WriteString("locator", result.Citation.Locator);
            writer.WriteEndObject();
            if (result.Answer is { } span)
            {
                writer.WriteStartObject("answer");
                writer.WriteString("text", span.Text);
                writer.WriteNumber("start", span.Start);
                writer.WriteNumber("end", span.End);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("answer");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("elapsedMs", Math.Round(answer.Elapsed.TotalMilliseconds, 2));
        writer.WriteEndObject();
    }

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
