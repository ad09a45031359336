using ChatBot.Core;
using ChatBot.Search.Community;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ranking;
using ChatBot.Search.Store;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.TestSupport;

/// <summary>A real store and search index in a temp directory with an indexer and an engine over them.</summary>
public sealed class TestIndex : IDisposable
{
    private readonly TempDirectory directory = new();
    private EmbeddedCorpus corpus;

    public TestIndex(string? sourcesPath = null, SynonymSource? synonyms = null)
    {
        SourcesPath = sourcesPath ?? directory.File("sources");
        Directory.CreateDirectory(SourcesPath);
        Synonyms = synonyms;
        corpus = new EmbeddedCorpus(DatabasePath, LucenePath, synonyms);
    }

    public string SourcesPath { get; }

    public string DatabasePath => directory.File("index.db");

    public string LucenePath => directory.File("lucene");

    public SynonymSource? Synonyms { get; }

    public EmbeddedCorpus Corpus => corpus;

    public PassageStore Store => corpus.Store;

    public CorpusIndexer Indexer => corpus.Indexer;

    public AnswerEngine Engine => corpus.Engine;

    /// <summary>The bundled corpus with the bundled synonym file, as the command line and the bot read them.</summary>
    public static TestIndex OfBundledCorpus()
    {
        var synonyms = new SynonymSource(Microsoft.Extensions.Options.Options.Create(new IndexOptions { SynonymsPath = Path.Combine(RepositoryPaths.Root, "index", "synonyms.txt") }));
        var index = new TestIndex(RepositoryPaths.BundledSources, synonyms);
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
        corpus.Dispose();
        corpus = new EmbeddedCorpus(DatabasePath, LucenePath, Synonyms);
    }

    public void Dispose()
    {
        corpus.Dispose();
        directory.Dispose();
    }
}
