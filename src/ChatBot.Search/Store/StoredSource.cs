namespace ChatBot.Search.Store;

/// <summary>
/// A passage as the store keeps it: its row id (given out by <see cref="SourceWriter.ReservePassageIds"/>), ordinal,
/// locator, text, where its tokens stand in the text (opaque to the store), and for a PDF the page it starts on.
/// </summary>
public sealed record PassageRecord(long RowId, int Ordinal, string Locator, string Text, byte[]? Tokens, int? Page = null);

/// <summary>
/// Where a web source is fetched from and what its last fetch said: the validators for a conditional request, the
/// hash of the page's bytes, when it was checked (ISO 8601) and since when it has been gone (null: it is there).
/// </summary>
public sealed record WebSourceState(string FetchUrl, string? ETag, string? LastModified, string PageHash, string CheckedAt, string? GoneSince = null);

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
    string? Kind = null,
    WebSourceState? Web = null);
