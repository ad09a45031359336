using System.Text.Json;
using ChatBot.Core;

namespace ChatBot.Cli;

/// <summary>A citation as every JSON output writes it: <c>"citation": {"sourceId", "title", "author", "url", "locator", "kind", "published", "page"}</c> (kind: "primary" | "secondary" | "tertiary" | null; page: a PDF's page, else null).</summary>
public static class CitationJson
{
    public static void Write(Utf8JsonWriter writer, Citation citation)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(citation);
        writer.WriteStartObject("citation");
        writer.WriteString("sourceId", citation.SourceId);
        writer.WriteString("title", citation.Title);
        JsonOutput.WriteNullable(writer, "author", citation.Author);
        JsonOutput.WriteNullable(writer, "url", citation.Url);
        writer.WriteString("locator", citation.Locator);
        JsonOutput.WriteNullable(writer, "kind", citation.Kind is { } kind ? SourceKinds.Name(kind) : null);
        JsonOutput.WriteNullable(writer, "published", citation.Published);
        if (citation.Page is { } page)
        {
            writer.WriteNumber("page", page);
        }
        else
        {
            writer.WriteNull("page");
        }
        writer.WriteEndObject();
    }
}
