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
    public static string Serialize(Answer answer, bool indented = false)
        => JsonOutput.Serialize(writer => Write(writer, answer), indented);

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
            CitationJson.Write(writer, result.Citation);
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

}
