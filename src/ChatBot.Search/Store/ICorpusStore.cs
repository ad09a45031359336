namespace ChatBot.Search.Store;

/// <summary>Which database is the system of record (setting <c>Store:Provider</c>).</summary>
public enum StoreProvider
{
    /// <summary>An embedded SQLite file (<c>Index:DatabasePath</c>): one machine, the default.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (<c>ConnectionStrings:Postgres</c>) that many processes share.</summary>
    Postgres,
}

/// <summary>
/// The system of record: sources, passages, the change log the search index follows, the audit and ask logs,
/// feedback and the counters that hand out ids. Only this folder speaks SQL; everything else asks these small
/// interfaces. Each provider (SQLite, PostgreSQL) implements all of them over the same schema.
/// </summary>
public interface ICorpusStore
{
    StoreProvider Provider { get; }

    /// <summary>The database as messages name it: the file, or the PostgreSQL host and database (never a password).</summary>
    string Name { get; }

    /// <summary>The store's id, made when it was created: a search index derived from another store is not this one's.</summary>
    string StoreId();

    IChangeLog Changes { get; }

    IPassageRows Rows { get; }

    ChatBot.Core.ISourceCatalog Catalog { get; }

    IServerSourceStore ServerSources { get; }

    ISourcePassages SourcePassages { get; }

    IAskLogStore AskLog { get; }

    IWebSourceStore WebSources { get; }

    /// <summary>
    /// Starts the one write transaction of the corpus (across processes: SQLite's write lock, a PostgreSQL advisory
    /// lock), so what it reads stays true until it commits. Disposing it without <see cref="ICorpusTransaction.Commit"/>
    /// rolls it back.
    /// </summary>
    ICorpusTransaction BeginWrite();

    /// <summary>How many sources and passages a scope (0: the bundled corpus) holds, itself alone.</summary>
    (int Sources, int Passages) Count(ulong guildId);

    /// <summary>Makes the database self-contained before a copy or at shutdown (SQLite's WAL); nothing to do elsewhere.</summary>
    void Checkpoint();
}
