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
    public static string Serialize(QuoteVerification verification, bool indented = false)
        => JsonOutput.Serialize(writer => Write(writer, verification), indented);

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
            CitationJson.Write(writer, match.Citation);
            writer.WriteString("original", match.Original);
            writer.WriteStartArray("differences");
            foreach (var difference in match.Differences)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", Kind(difference.Kind));
                writer.WriteString("text", difference.Text);
                JsonOutput.WriteNullable(writer, "original", difference.Original);
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

}
