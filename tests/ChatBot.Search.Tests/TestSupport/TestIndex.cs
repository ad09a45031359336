using ChatBot.Core;
using ChatBot.Search.Community;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ranking;
using ChatBot.Search.Store;
using ChatBot.Search.Store.Postgres;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.TestSupport;

/// <summary>
/// A real store (a SQLite file in a temp directory, or a schema of its own in the test PostgreSQL) and a search
/// index in a temp directory, with an indexer and an engine over them.
/// </summary>
public sealed class TestIndex : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly TestSchema? schema;
    private EmbeddedCorpus corpus;

    public TestIndex(string? sourcesPath = null, SynonymSource? synonyms = null, StoreKind kind = StoreKind.Sqlite)
    {
        SourcesPath = sourcesPath ?? directory.File("sources");
        Directory.CreateDirectory(SourcesPath);
        Synonyms = synonyms;
        Kind = kind;
        schema = kind == StoreKind.Postgres ? TestPostgres.CreateSchema() : null;
        corpus = Open();
    }

    public StoreKind Kind { get; }

    /// <summary>The PostgreSQL connection string of this index's own schema (null on SQLite).</summary>
    public string? PostgresConnectionString => schema?.ConnectionString;

    public string SourcesPath { get; }

    public string DatabasePath => directory.File("index.db");

    public string LucenePath => directory.File("lucene");

    public SynonymSource? Synonyms { get; }

    public EmbeddedCorpus Corpus => corpus;

    public ICorpusStore Store => corpus.Store;

    /// <summary>The SQLite store, for tests of SQLite itself.</summary>
    public PassageStore SqliteStore => (PassageStore)corpus.Store;

    public CorpusIndexer Indexer => corpus.Indexer;

    public AnswerEngine Engine => corpus.Engine;

    /// <summary>The bundled corpus with the bundled synonym file, as the command line and the bot read them.</summary>
    public static TestIndex OfBundledCorpus(StoreKind kind = StoreKind.Sqlite)
    {
        var synonyms = new SynonymSource(Microsoft.Extensions.Options.Options.Create(new IndexOptions { SynonymsPath = Path.Combine(RepositoryPaths.Root, "index", "synonyms.txt") }));
        var index = new TestIndex(RepositoryPaths.BundledSources, synonyms, kind: kind);
        index.Sync();
        return index;
    }

    public string WriteSource(string fileName, string content)
    {
        var path = Path.Combine(SourcesPath, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    public IndexReport Sync() => Indexer.SyncFolder(SourcesPath, CancellationToken.None);

    public Answer Ask(string question, int top = 3, CorpusScope scope = default)
        => Engine.Answer(new AnswerRequest(question, scope, top), CancellationToken.None);

    /// <summary>A curator of server sources over this index.</summary>
    public CorpusCurator Curator(TimeProvider? time = null, CommunityOptions? options = null)
        => corpus.CreateCurator(options, time);

    /// <summary>Closes everything and opens the same files again, as a restart of the process would.</summary>
    public void Reopen()
    {
        Close();
        corpus = Open();
    }

    public void Dispose()
    {
        Close();
        schema?.Dispose();
        directory.Dispose();
    }

    private EmbeddedCorpus Open()
        => schema is null
            ? new EmbeddedCorpus(DatabasePath, LucenePath, Synonyms)
            : new EmbeddedCorpus(PostgresStore.Open(schema.ConnectionString), LucenePath, Synonyms);

    private void Close()
    {
        corpus.Dispose();
        (corpus.Store as IDisposable)?.Dispose();
    }
}
