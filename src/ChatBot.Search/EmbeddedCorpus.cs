using ChatBot.Core;
using ChatBot.Search.Community;
using ChatBot.Search.Index;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ranking;
using ChatBot.Search.Store;
using ChatBot.Search.Web;
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
    public EmbeddedCorpus(
        string databasePath, string? lucenePath = null, SynonymSource? synonyms = null, ILoggerFactory? loggers = null, IWebPageFetcher? fetcher = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        Fetcher = fetcher ?? WebPageFetcher.Create(Options.Create(new SourcesOptions()), Options.Create(new CommunityOptions()));
        Store = PassageStore.Open(databasePath);
        var path = new IndexOptions { DatabasePath = databasePath, LucenePath = lucenePath }.SearchIndexPath();
        Index = new LuceneSearchIndex(path, Store.StoreId());
        Changes = new ChangeLog(Store);
        Sync = new SearchIndexSync(Index, Changes, Store, Gate, loggers.CreateLogger<SearchIndexSync>());
        Indexer = new CorpusIndexer(Store, Index, Sync, Gate, loggers.CreateLogger<CorpusIndexer>(), Fetcher);
        Rows = new PassageRows(Store);
        Engine = new AnswerEngine(Index, Rows, synonyms);
        Verifier = new QuoteVerifier(Index, Rows);
    }

    public PassageStore Store { get; }

    /// <summary>Fetches web sources (<c>.url</c> files, and the curators' web pages).</summary>
    public IWebPageFetcher Fetcher { get; }

    public LuceneSearchIndex Index { get; }

    public ChangeLog Changes { get; }

    public IndexWriteGate Gate { get; } = new();

    public SearchIndexSync Sync { get; }

    public CorpusIndexer Indexer { get; }

    public PassageRows Rows { get; }

    public AnswerEngine Engine { get; }

    public QuoteVerifier Verifier { get; }

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
        Index.Dispose();
        Gate.Dispose();
    }
}
