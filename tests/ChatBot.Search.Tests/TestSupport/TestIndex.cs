using ChatBot.Core;
using ChatBot.Search.Indexing;
using ChatBot.Search.Ranking;
using ChatBot.Search.Store;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Search.Tests.TestSupport;

/// <summary>A real store in a temp directory with an indexer and an engine over it.</summary>
public sealed class TestIndex : IDisposable
{
    private readonly TempDirectory directory = new();

    public TestIndex(string? sourcesPath = null)
    {
        SourcesPath = sourcesPath ?? directory.File("sources");
        Directory.CreateDirectory(SourcesPath);
        Store = PassageStore.Open(directory.File("index.db"));
        Indexer = new CorpusIndexer(Store, NullLogger<CorpusIndexer>.Instance);
        Engine = new AnswerEngine(Store, new SearchIndexProvider(NullLogger<SearchIndexProvider>.Instance));
    }

    public string SourcesPath { get; }

    public PassageStore Store { get; }

    public CorpusIndexer Indexer { get; }

    public AnswerEngine Engine { get; }

    public static TestIndex OfBundledCorpus()
    {
        var index = new TestIndex(RepositoryPaths.BundledSources);
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

    public void Dispose() => directory.Dispose();
}
