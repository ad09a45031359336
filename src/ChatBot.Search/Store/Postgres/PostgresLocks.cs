namespace ChatBot.Search.Store.Postgres;

/// <summary>
/// The advisory locks the PostgreSQL store takes, each held until its transaction ends. Keyed by the schema as well,
/// so two stores in one database (two schemas, as the tests use) never wait for each other.
/// </summary>
internal static class PostgresLocks
{
    /// <summary>Migrating the schema: two processes opening the store at once migrate it once.</summary>
    public const string Migrate = "SELECT pg_advisory_xact_lock(7301, hashtext(current_schema()))";

    /// <summary>Writing the corpus: one writer at a time across processes, as SQLite's write lock.</summary>
    public const string CorpusWrite = "SELECT pg_advisory_xact_lock(7302, hashtext(current_schema()))";

    /// <summary>The channel NOTIFY wakes followers of the change log on; the payload is the schema.</summary>
    public const string ChangesChannel = "chatbot_changes";
}
