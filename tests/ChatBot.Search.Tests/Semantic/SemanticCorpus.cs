using ChatBot.Core;
using ChatBot.Search.Indexing;
using ChatBot.Search.Semantic;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.Semantic;

/// <summary>One embedding model for every semantic test: loading it takes a second or two and 350 MB.</summary>
public sealed class SharedModel : IDisposable
{
    public EmbeddingModel Model { get; } = new();

    public void Dispose() => Model.Dispose();
}

[CollectionDefinition(Name)]
public sealed class SemanticTests : ICollectionFixture<SharedModel>
{
    public const string Name = "semantic";
}

/// <summary>A real store, search index and embeddings in a temp directory, with the shared model.</summary>
public sealed class SemanticCorpus : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly EmbeddingModel model;
    private readonly SemanticOptions options;

    public SemanticCorpus(EmbeddingModel model, SemanticOptions? options = null)
    {
        this.model = model;
        this.options = options ?? new SemanticOptions();
        Directory.CreateDirectory(SourcesPath);
        Corpus = Open();
    }

    public EmbeddedCorpus Corpus { get; private set; }

    public string SourcesPath => directory.File("sources");

    public string DatabasePath => directory.File("index.db");

    public void WriteSource(string fileName, string content) => File.WriteAllText(Path.Combine(SourcesPath, fileName), content);

    public void DeleteSource(string fileName) => File.Delete(Path.Combine(SourcesPath, fileName));

    public IndexReport Sync() => Corpus.Indexer.SyncFolder(SourcesPath, CancellationToken.None);

    public EmbeddingReport Embed() => Corpus.Embedder.CatchUp(CancellationToken.None);

    public Answer Ask(string question, int top = 3, CorpusScope scope = default)
        => Corpus.Engine.Answer(new AnswerRequest(question, scope, top), CancellationToken.None);

    /// <summary>The row ids of a source's passages, from the store.</summary>
    public List<long> RowIds(string slug)
    {
        var ids = new List<long>();
        Corpus.Changes.ReadScope(0, (rows, _) => ids.AddRange(rows.Where(r => r.Slug == slug).Select(r => r.RowId)));
        return ids;
    }

    /// <summary>Closes everything and opens the same files again, as a restart of the process would.</summary>
    public void Reopen()
    {
        Corpus.Dispose();
        Corpus = Open();
    }

    public void Dispose()
    {
        Corpus.Dispose();
        directory.Dispose();
    }

    private EmbeddedCorpus Open() => new(DatabasePath, directory.File("lucene"), semantic: options, sharedModel: model);
}
