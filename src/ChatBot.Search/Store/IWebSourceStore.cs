namespace ChatBot.Search.Store;

/// <summary>A source read from a web address: which scope it belongs to, what it is, and its fetch state.</summary>
public sealed record StoredWebSource(
    ulong GuildId, string Slug, string Origin, string Title, string? Author, string? Url, string? Published, string? License,
    string ContentHash, int PassageCount, string IndexedAt, WebSourceState State, string? Kind = null);

/// <summary>The fetch state of web sources: what a refresh needs to ask conditionally and what it learns.</summary>
public interface IWebSourceStore
{
    /// <summary>The web source <paramref name="slug"/> of a scope (0: the bundled corpus); null when it has none or it is not from the web.</summary>
    StoredWebSource? Find(ulong guildId, string slug);

    /// <summary>The web sources last checked before <paramref name="checkedBefore"/>, longest unchecked first.</summary>
    IReadOnlyList<StoredWebSource> Due(DateTimeOffset checkedBefore, int limit);

    /// <summary>Records a check that changed no text: new validators (null keeps the old), when, and whether the page is gone.</summary>
    void MarkChecked(ulong guildId, string slug, string? etag, string? lastModified, string checkedAt, bool gone);
}
