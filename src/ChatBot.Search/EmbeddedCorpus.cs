using ChatBot.Core;
using ChatBot.Search.Community;
using ChatBot.Search.Index;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ranking;
using ChatBot.Search.Store;
using ChatBot.Search.Chronology;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Search;

/// <summary>
/// The store, the search index derived from it, the indexer, the answer engine, the quote verifier and the timeline builder over one database, composed
/// without a host: for benchmarks, tests and tools. The host composes the same parts in
/// <see cref="SearchServiceCollectionExtensions.AddPassageIndex"/>.
/// </summary>
public sealed class EmbeddedCorpus : IDisposable
{
    public EmbeddedCorpus(string databasePath, string? lucenePath = null, SynonymSource? synonyms = null, ILoggerFactory? loggers = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        Store = PassageStore.Open(databasePath);
        var path = new IndexOptions { DatabasePath = databasePath, LucenePath = lucenePath }.SearchIndexPath();
        Index = new LuceneSearchIndex(path, Store.StoreId());
        Changes = new ChangeLog(Store);
        Sync = new SearchIndexSync(Index, Changes, Store, Gate, loggers.CreateLogger<SearchIndexSync>());
        Indexer = new CorpusIndexer(Store, Index, Sync, Gate, loggers.CreateLogger<CorpusIndexer>());
        Rows = new PassageRows(Store);
        var sources = new SourcePassages(Store);
        Engine = new AnswerEngine(Index, Rows, synonyms, sources);
        Verifier = new QuoteVerifier(Index, Rows);
        Timelines = new TimelineBuilder(Index, Rows, sources, synonyms);
    }

    public PassageStore Store { get; }

    public LuceneSearchIndex Index { get; }

    public ChangeLog Changes { get; }

    public IndexWriteGate Gate { get; } = new();

    public SearchIndexSync Sync { get; }

    public CorpusIndexer Indexer { get; }

    public PassageRows Rows { get; }

    public AnswerEngine Engine { get; }

    public QuoteVerifier Verifier { get; }

    public TimelineBuilder Timelines { get; }

    /// <summary>A curator of server sources over this corpus.</summary>
    public CorpusCurator CreateCurator(CommunityOptions? options = null, TimeProvider? time = null, ILoggerFactory? loggers = null)
        => new(Store, Index, Sync, Gate, Options.Create(options ?? new CommunityOptions()), time ?? TimeProvider.System,
            (loggers ?? NullLoggerFactory.Instance).CreateLogger<CorpusCurator>());

    public void Dispose()
    {
        Index.Dispose();
        Gate.Dispose();
    }
}
