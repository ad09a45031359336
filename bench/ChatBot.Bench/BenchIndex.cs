using ChatBot.Search;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ranking;
using ChatBot.Search.Semantic;
using ChatBot.Search.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatBot.Bench;

/// <summary>
/// A corpus indexed for a benchmark, in a temporary folder unless a database is given, with the engine as
/// shipped (the repository's index/synonyms.txt when run from the repository root). Deleted on dispose.
/// </summary>
public sealed class BenchIndex : IDisposable
{
    private readonly DirectoryInfo? work;

    private BenchIndex(DirectoryInfo? work, string databasePath, SemanticOptions? semantic)
    {
        this.work = work;
        Synonyms = new SynonymSource(Options.Create(new IndexOptions()));
        Corpus = new EmbeddedCorpus(databasePath, synonyms: Synonyms, semantic: semantic);
    }

    public SynonymSource Synonyms { get; }

    public EmbeddedCorpus Corpus { get; }

    public ICorpusStore Store => Corpus.Store;

    public CorpusIndexer Indexer => Corpus.Indexer;

    public AnswerEngine Engine => Corpus.Engine;

    /// <summary>An index of SQuAD articles, one source each, built from <paramref name="articles"/>.</summary>
    public static (BenchIndex Index, IndexReport Report) OfArticles(
        Dictionary<string, List<string>> articles, CancellationToken cancellationToken, SemanticOptions? semantic = null)
    {
        var work = Directory.CreateTempSubdirectory("chatbot-bench-");
        var sources = Path.Combine(work.FullName, "sources");
        SquadAnswers.WriteSources(articles, sources);
        var index = new BenchIndex(work, Path.Combine(work.FullName, "index.db"), semantic);
        return (index, index.Indexer.SyncFolder(sources, cancellationToken));
    }

    /// <summary>An empty index in <paramref name="database"/>, or in a temporary folder when it is null.</summary>
    public static BenchIndex Create(FileInfo? database, SemanticOptions? semantic = null)
    {
        var work = database is null ? Directory.CreateTempSubdirectory("chatbot-bench-") : null;
        return new BenchIndex(work, database?.FullName ?? Path.Combine(work!.FullName, "index.db"), semantic);
    }

    public void Dispose()
    {
        Corpus.Dispose();
        SqliteConnection.ClearAllPools();
        work?.Delete(recursive: true);
    }
}
