namespace ChatBot.Search.Store;

/// <summary>
/// A passage as the store keeps it: its row id (given out by <see cref="SourceWriter.ReservePassageIds"/>), ordinal,
/// locator, text, and where its tokens stand in the text (opaque to the store).
/// </summary>
public sealed record PassageRecord(long RowId, int Ordinal, string Locator, string Text, byte[]? Tokens);

/// <summary>A source as the store keeps it, with its passages.</summary>
public sealed record SourceRecord(
    string Slug,
    string Origin,
    string Title,
    string? Author,
    string? Url,
    string? Published,
    string? License,
    string ContentHash,
    IReadOnlyList<PassageRecord> Passages,
    string? Kind = null);
