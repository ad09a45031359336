using ChatBot.Core;

namespace ChatBot.Search.Index;

/// <summary>A term to match and what it weighs against the other terms of a query.</summary>
public readonly record struct WeightedTerm(string Term, double Weight);

/// <summary>
/// Terms standing for one word of a question (the word and its expansions): a passage scores the best of them,
/// never their sum, so expansions cannot outweigh the user's own words.
/// </summary>
public sealed record TermGroup(IReadOnlyList<WeightedTerm> Terms);

/// <summary>A passage the index matched: its row in the store and its BM25 score.</summary>
public readonly record struct IndexHit(long RowId, double Score);

/// <summary>
/// The sources whose passages a search may return, by slug: of the bundled corpus and of the asker's server. The
/// statistics (document frequencies, lengths) stay those of the whole scope, so a filtered answer ranks as the
/// unfiltered one would.
/// </summary>
public sealed record SourceSelection(IReadOnlySet<string> Bundled, IReadOnlySet<string> Server);

/// <summary>The best passages for a query and how many passages matched it at all.</summary>
public sealed record IndexHits(IReadOnlyList<IndexHit> Hits, int TotalMatches);

/// <summary>
/// A passage as the index takes it: its row in the store, its source (for updates by source), its text and, when
/// already analyzed, its tokens (else the index analyzes the text).
/// </summary>
public sealed record IndexedPassage(long RowId, string Source, string Text, IReadOnlyList<AnalyzedToken>? Tokens = null);

/// <summary>
/// The corpus one asker may see, held open for one question: the bundled corpus plus, in a server, that server's
/// sources, with statistics (document frequencies, lengths, vocabulary) over exactly that and nothing else.
/// Dispose it when the question is answered.
/// </summary>
public interface IScopeSearch : IDisposable
{
    /// <summary>Passages in the scope.</summary>
    int DocumentCount { get; }

    /// <summary>How many passages of the scope contain <paramref name="term"/> (an analyzed term).</summary>
    int DocumentFrequency(string term);

    /// <summary>
    /// Terms of the scope's vocabulary at most <paramref name="maxEdits"/> edits (transpositions count one) from
    /// <paramref name="term"/>, with the same first letter, closest first, then most frequent.
    /// </summary>
    IReadOnlyList<(string Term, int Distance)> SpellingNeighbours(string term, int maxEdits, int limit);

    /// <summary>The <paramref name="depth"/> passages with the best BM25 score over the groups, best first.</summary>
    IndexHits Search(IReadOnlyList<TermGroup> groups, int depth, CancellationToken cancellationToken);

    /// <summary>As <see cref="Search(IReadOnlyList{TermGroup}, int, CancellationToken)"/>, over the passages of the sources <paramref name="only"/> names (all when null).</summary>
    IndexHits Search(IReadOnlyList<TermGroup> groups, int depth, SourceSelection? only, CancellationToken cancellationToken);
}

/// <summary>
/// The search index, derived from the store: one index per scope (the bundled corpus, each server's sources),
/// changed by source and committed with the id of the last store change it reflects.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Opens what a question asked in <paramref name="scope"/> may see.</summary>
    IScopeSearch Open(CorpusScope scope);

    /// <summary>The id of the last store change the scope's committed index reflects; null when it has no usable index for this store.</summary>
    long? AppliedChange(ulong guildId);

    /// <summary>Replaces everything of the scope with <paramref name="passages"/> and commits it as reflecting <paramref name="changeId"/>.</summary>
    void Rebuild(ulong guildId, IEnumerable<IndexedPassage> passages, long changeId, CancellationToken cancellationToken);

    /// <summary>Starts a change of one scope; nothing is visible or durable until <see cref="IIndexUpdate.Commit"/>.</summary>
    IIndexUpdate BeginUpdate(ulong guildId);
}

/// <summary>
/// Changes to one scope's index: sources removed and replaced, then committed together (or, when disposed
/// without a commit, rolled back). Thread-safe: several threads may add passages at once.
/// </summary>
public interface IIndexUpdate : IDisposable
{
    /// <summary>Removes every passage of <paramref name="source"/>.</summary>
    void RemoveSource(string source);

    /// <summary>Adds passages (of a source removed first, when it had any).</summary>
    void Add(IEnumerable<IndexedPassage> passages);

    /// <summary>
    /// Writes the changes out and makes them durable without showing them yet, recording <paramref name="changeId"/>:
    /// the slow part of <see cref="Commit"/>, which may run while the store commits the same change. Optional.
    /// </summary>
    void Prepare(long changeId);

    /// <summary>Makes the changes durable, records <paramref name="changeId"/> and shows them to new questions.</summary>
    void Commit(long changeId);
}
