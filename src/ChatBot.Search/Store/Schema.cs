namespace ChatBot.Search.Store;

/// <summary>
/// The database schema as an ordered list of migrations; <c>PRAGMA user_version</c> records how many have run.
/// A migration is only ever appended, never edited, so databases of every earlier version upgrade in place.
/// </summary>
internal static class Schema
{
    public static readonly string[] Migrations =
    [
        // 1: sources, passages, the vocabulary and the full-text index. passages.terms is the analyzer's output
        // (stop words left out), which FTS5 indexes as an external-content table, so matching uses exactly our
        // analysis. passages.vector holds the same terms as (vocabulary id, count) pairs for the ranker. The
        // writer keeps passage_fts in step explicitly, with set-based statements: a trigger per row costs three
        // times as much on a full build.
        """
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO meta (key, value) VALUES ('generation', '0');

        CREATE TABLE sources (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            guild_id      INTEGER NOT NULL DEFAULT 0,
            slug          TEXT    NOT NULL,
            origin        TEXT    NOT NULL,
            title         TEXT    NOT NULL,
            author        TEXT,
            url           TEXT,
            published     TEXT,
            license       TEXT,
            content_hash  TEXT    NOT NULL,
            passage_count INTEGER NOT NULL,
            indexed_at    TEXT    NOT NULL,
            UNIQUE (guild_id, slug)
        );

        CREATE TABLE vocabulary (
            id   INTEGER PRIMARY KEY,
            term TEXT NOT NULL UNIQUE
        );

        CREATE TABLE passages (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
            ordinal   INTEGER NOT NULL,
            locator   TEXT    NOT NULL,
            text      TEXT    NOT NULL,
            terms     TEXT    NOT NULL,
            length    INTEGER NOT NULL,
            vector    BLOB    NOT NULL,
            UNIQUE (source_id, ordinal)
        );

        CREATE VIRTUAL TABLE passage_fts USING fts5 (
            terms,
            content = 'passages',
            content_rowid = 'id',
            tokenize = "unicode61 remove_diacritics 0 tokenchars '.'",
            detail = 'none'
        );
        """,
    ];

    public static int Version => Migrations.Length;
}
