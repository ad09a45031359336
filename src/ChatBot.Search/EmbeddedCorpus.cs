using ChatBot.Core;
using ChatBot.Search.Chronology;
using ChatBot.Search.Community;
using ChatBot.Search.Index;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ranking;
using ChatBot.Search.Semantic;
using ChatBot.Search.Store;
using ChatBot.Search.Web;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Search;

/// <summary>
/// The store, the search index and the passage embeddings derived from it, the indexer, the embedder, the answer engine, the quote verifier and the timeline builder over one database, composed
/// without a host: for benchmarks, tests and tools. The host composes the same parts in
/// <see cref="SearchServiceCollectionExtensions.AddPassageIndex"/>.
/// </summary>
public sealed class EmbeddedCorpus : IDisposable
{
    /// <param name="semantic">Semantic matching's settings (default: on by scope size). Nothing embeds until
    /// <see cref="Embedder"/> catches up: without a host there is no background service.</param>
    /// <param name="fetcher">Fetches web sources (default: the SSRF-safe fetcher with the default settings).</param>
    public EmbeddedCorpus(
        string databasePath, string? lucenePath = null, SynonymSource? synonyms = null, ILoggerFactory? loggers = null,
        SemanticOptions? semantic = null, double semanticWeight = SemanticReranker.DefaultWeight, EmbeddingModel? sharedModel = null,
        IWebPageFetcher? fetcher = null)
        : this(
            PassageStore.Open(databasePath), new IndexOptions { DatabasePath = databasePath, LucenePath = lucenePath }.SearchIndexPath(), synonyms, loggers, semantic,
            semanticWeight, sharedModel, fetcher)
    {
    }

    /// <summary>Over any store (a PostgreSQL one, say), with its search index in <paramref name="lucenePath"/>.</summary>
    public EmbeddedCorpus(
        ICorpusStore store, string lucenePath, SynonymSource? synonyms = null, ILoggerFactory? loggers = null,
        SemanticOptions? semantic = null, double semanticWeight = SemanticReranker.DefaultWeight, EmbeddingModel? sharedModel = null,
        IWebPageFetcher? fetcher = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        loggers ??= NullLoggerFactory.Instance;
        Fetcher = fetcher ?? WebPageFetcher.Create(Options.Create(new SourcesOptions()), Options.Create(new CommunityOptions()));
        Store = store;
        Index = new LuceneSearchIndex(lucenePath, Store.StoreId());
        Sync = new SearchIndexSync(Index, Store, Gate, loggers.CreateLogger<SearchIndexSync>());
        Indexer = new CorpusIndexer(Store, Index, Sync, Gate, loggers.CreateLogger<CorpusIndexer>(), Fetcher);
        Semantic = new SemanticIndex(SemanticServiceCollectionExtensions.SemanticPath(lucenePath), Store.StoreId(), semantic ?? new SemanticOptions(), sharedModel: sharedModel);
        Embedder = new PassageEmbedder(Semantic, Store, loggers.CreateLogger<PassageEmbedder>());
        Reranker = new SemanticReranker(Semantic, semanticWeight);
        Engine = new AnswerEngine(Index, Rows, Store.SourcePassages, synonyms, Reranker);
        Verifier = new QuoteVerifier(Index, Rows);
        Timelines = new TimelineBuilder(Index, Rows, Store.SourcePassages, synonyms);
    }

    public ICorpusStore Store { get; }

    /// <summary>Fetches web sources (<c>.url</c> files, and the curators' web pages).</summary>
    public IWebPageFetcher Fetcher { get; }

    public LuceneSearchIndex Index { get; }

    public IChangeLog Changes => Store.Changes;

    public IndexWriteGate Gate { get; } = new();

    public SearchIndexSync Sync { get; }

    public CorpusIndexer Indexer { get; }

    public IPassageRows Rows => Store.Rows;

    public SemanticIndex Semantic { get; }

    public PassageEmbedder Embedder { get; }

    public SemanticReranker Reranker { get; }

    public AnswerEngine Engine { get; }

    public QuoteVerifier Verifier { get; }

    public TimelineBuilder Timelines { get; }

    /// <summary>A curator of server sources over this corpus.</summary>
    public CorpusCurator CreateCurator(CommunityOptions? options = null, TimeProvider? time = null, ILoggerFactory? loggers = null)
        => new(Store, Index, Sync, Gate, Options.Create(options ?? new CommunityOptions()), time ?? TimeProvider.System,
            (loggers ?? NullLoggerFactory.Instance).CreateLogger<CorpusCurator>());

    /// <summary>A curator of web sources over this corpus, with <paramref name="curator"/> for what all sources share.</summary>
    public WebSourceCurator CreateWebCurator(
        CorpusCurator curator, SourcesOptions? options = null, TimeProvider? time = null, ILoggerFactory? loggers = null)
        => new(curator, Store, Index, Sync, Gate, Fetcher, Options.Create(options ?? new SourcesOptions()), time ?? TimeProvider.System,
            (loggers ?? NullLoggerFactory.Instance).CreateLogger<WebSourceCurator>());

    public void Dispose()
    {
        Semantic.Dispose();
        Index.Dispose();
        Gate.Dispose();
    }
}
