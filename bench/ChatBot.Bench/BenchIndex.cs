using ChatBot.Search.Indexing;
using ChatBot.Search.Ranking;
using ChatBot.Search.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Bench;

/// <summary>
/// A corpus indexed for a benchmark, in a temporary folder unless a database is given, with the engine as
/// shipped (the repository's index/synonyms.txt when run from the repository root). Deleted on dispose.
/// </summary>
public sealed class BenchIndex : IDisposable
{
    private readonly DirectoryInfo? work;

    private BenchIndex(DirectoryInfo? work, PassageStore store)
    {
        this.work = work;
        Store = store;
        Indexer = new CorpusIndexer(store, NullLogger<CorpusIndexer>.Instance);
        Indexes = new SearchIndexProvider(NullLogger<SearchIndexProvider>.Instance);
        Engine = new AnswerEngine(store, Indexes, new SynonymSource(Options.Create(new IndexOptions())));
    }

    public PassageStore Store { get; }

    public CorpusIndexer Indexer { get; }

    public SearchIndexProvider Indexes { get; }

    public AnswerEngine Engine { get; }

    /// <summary>An index of SQuAD articles, one source each, built from <paramref name="articles"/>.</summary>
    public static (BenchIndex Index, IndexReport Report) OfArticles(Dictionary<string, List<string>> articles, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("chatbot-bench-");
        var sources = Path.Combine(work.FullName, "sources");
        SquadAnswers.WriteSources(articles, sources);
        var index = new BenchIndex(work, PassageStore.Open(Path.Combine(work.FullName, "index.db")));
        return (index, index.Indexer.SyncFolder(sources, cancellationToken));
    }

    /// <summary>An empty index in <paramref name="database"/>, or in a temporary folder when it is null.</summary>
    public static BenchIndex Create(FileInfo? database)
    {
        var work = database is null ? Directory.CreateTempSubdirectory("chatbot-bench-") : null;
        return new BenchIndex(work, PassageStore.Open(database?.FullName ?? Path.Combine(work!.FullName, "index.db")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        work?.Delete(recursive: true);
    }
}
