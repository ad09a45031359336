using System.Text.Json;
using ChatBot.Core;

namespace ChatBot.Cli;

/// <summary>
/// The stable JSON form of a timeline that other tools read: <c>{"topic", "events": [{"date" (as written),
/// "normalized", "precision": "day" | "month" | "season" | "year" | "decade" | "range", "sentence", "citation":
/// {...}, "disagreement": number | null}]}</c>, the events in chronological order. Events sharing a
/// <c>disagreement</c> number are one event that sources date differently. Written field by field so the
/// contract cannot drift with a type's shape.
/// </summary>
public static class TimelineJson
{
    public static string Serialize(Timeline timeline, bool indented = false)
        => JsonOutput.Serialize(writer => Write(writer, timeline), indented);

    public static void Write(Utf8JsonWriter writer, Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(timeline);
        writer.WriteStartObject();
        writer.WriteString("topic", timeline.Topic);
        writer.WriteStartArray("events");
        foreach (var item in timeline.Events)
        {
            writer.WriteStartObject();
            writer.WriteString("date", item.Date.Written);
            writer.WriteString("normalized", item.Date.Normalized);
            writer.WriteString("precision", Precision(item.Date.Precision));
            writer.WriteString("sentence", item.Sentence);
            CitationJson.Write(writer, item.Citation);
            if (item.Disagreement is { } group)
            {
                writer.WriteNumber("disagreement", group);
            }
            else
            {
                writer.WriteNull("disagreement");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static string Precision(DatePrecision precision) => precision switch
    {
        DatePrecision.Day => "day",
        DatePrecision.Month => "month",
        DatePrecision.Season => "season",
        DatePrecision.Year => "year",
        DatePrecision.Decade => "decade",
        _ => "range",
    };
}
