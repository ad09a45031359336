using ChatBot.Core;
using ChatBot.Search.Community;
using ChatBot.Search.Index;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ranking;
using ChatBot.Search.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Search;

/// <summary>
/// The store, the search index derived from it, the indexer, the answer engine and the quote verifier over one database, composed
/// without a host: for benchmarks, tests and tools. The host composes the same parts in
/// <see cref="SearchServiceCollectionExtensions.AddPassageIndex"/>.
/// </summary>
public sealed class EmbeddedCorpus : IDisposable
{
    public EmbeddedCorpus(string databasePath, string? lucenePath = null, SynonymSource? synonyms = null, ILoggerFactory? loggers = null)
        : this(PassageStore.Open(databasePath), new IndexOptions { DatabasePath = databasePath, LucenePath = lucenePath }.SearchIndexPath(), synonyms, loggers)
    {
    }

    /// <summary>Over any store (a PostgreSQL one, say), with its search index in <paramref name="lucenePath"/>.</summary>
    public EmbeddedCorpus(ICorpusStore store, string lucenePath, SynonymSource? synonyms = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        loggers ??= NullLoggerFactory.Instance;
        Store = store;
        Index = new LuceneSearchIndex(lucenePath, Store.StoreId());
        Sync = new SearchIndexSync(Index, Store, Gate, loggers.CreateLogger<SearchIndexSync>());
        Indexer = new CorpusIndexer(Store, Index, Sync, Gate, loggers.CreateLogger<CorpusIndexer>());
        Engine = new AnswerEngine(Index, Rows, synonyms);
        Verifier = new QuoteVerifier(Index, Rows);
    }

    public ICorpusStore Store { get; }

    public LuceneSearchIndex Index { get; }

    public IChangeLog Changes => Store.Changes;

    public IndexWriteGate Gate { get; } = new();

    public SearchIndexSync Sync { get; }

    public CorpusIndexer Indexer { get; }

    public IPassageRows Rows => Store.Rows;

    public AnswerEngine Engine { get; }

    public QuoteVerifier Verifier { get; }

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
