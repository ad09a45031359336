using ChatBot.Search.Store;
using ChatBot.Search.Store.Postgres;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.TestSupport;

/// <summary>A fresh store alone: a SQLite file in a temp directory, or a schema of its own in the test PostgreSQL.</summary>
public sealed class TestStore : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly TestSchema? schema;
    private readonly List<ICorpusStore> opened = [];

    public TestStore(StoreKind kind)
    {
        Kind = kind;
        schema = kind == StoreKind.Postgres ? TestPostgres.CreateSchema() : null;
        Store = Reopen();
    }

    public StoreKind Kind { get; }

    public ICorpusStore Store { get; }

    public string DatabasePath => directory.File("index.db");

    /// <summary>The SQLite store, for tests of SQLite itself.</summary>
    public PassageStore SqliteStore => (PassageStore)Store;

    /// <summary>The same database opened again, as another process (or a restart) would.</summary>
    public ICorpusStore Reopen()
    {
        ICorpusStore store = schema is null ? PassageStore.Open(DatabasePath) : PostgresStore.Open(schema.ConnectionString);
        opened.Add(store);
        return store;
    }

    public void Dispose()
    {
        foreach (var store in opened)
        {
            (store as IDisposable)?.Dispose();
        }

        schema?.Dispose();
        directory.Dispose();
    }
}
