using ChatBot.Core;

namespace ChatBot.Search.Ingestion;

/// <summary>What a source's front matter (or an HTML page's metadata, or an upload's form) says about it.</summary>
public sealed record SourceMetadata(
    string Title,
    string? Author = null,
    string? Url = null,
    string? Published = null,
    string? License = null,
    SourceKind? Kind = null);

/// <summary>
/// One passage of a cleaned source: its 1-based ordinal (the passage id is <c>{slug}#{ordinal}</c>), a human
/// locator such as "¶ 3" (in a PDF "p. 12 ¶ 3"), its plain text (no markup), verbatim from the source apart from
/// whitespace, and for a PDF the page it starts on.
/// </summary>
public sealed record PassageDraft(int Ordinal, string Locator, string Text, int? Page = null);

/// <summary>A source read, cleaned and segmented, ready to be analyzed and stored.</summary>
public sealed record SourceDocument(
    string Slug,
    SourceMetadata Metadata,
    IReadOnlyList<PassageDraft> Passages);

/// <summary>A source file that cannot be read as a source; the message names the problem in one line.</summary>
public sealed class SourceFormatException(string message) : Exception(message);
