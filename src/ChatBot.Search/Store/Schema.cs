namespace ChatBot.Search.Store;

/// <summary>
/// The database schema as an ordered list of migrations; <c>PRAGMA user_version</c> records how many have run.
/// A migration is only ever appended, never edited, so databases of every earlier version upgrade in place.
/// </summary>
internal static class Schema
{
    public static readonly string[] Migrations =
    [
        // 1 (FTS5, replaced by 3): sources, passages, the vocabulary and the full-text index. FTS5 indexes the analyzer's output for
        // each passage (stop words left out, joined by spaces), so matching uses exactly our analysis. It is a
        // contentless table: the analyzed terms are needed only to build the index, so they are not stored
        // twice, and contentless_delete lets a passage be removed by rowid. passages.vector holds the same terms
        // as (vocabulary id, count) pairs for the ranker. The writer keeps passage_fts in step with passages.
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
            length    INTEGER NOT NULL,
            vector    BLOB    NOT NULL,
            UNIQUE (source_id, ordinal)
        );

        CREATE VIRTUAL TABLE passage_fts USING fts5 (
            terms,
            content = '',
            contentless_delete = 1,
            tokenize = "unicode61 remove_diacritics 0 tokenchars '.'",
            detail = 'none'
        );
        """,

        // 2: the community features. The audit log says who added or removed which source of a server; the ask
        // log keeps every question with its outcome (user ids only when a setting allows); feedback refers to
        // the ask it rates. question_key groups the same question asked in other words of case and spacing.
        """
        CREATE TABLE audit_log (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            at            TEXT    NOT NULL,
            guild_id      INTEGER NOT NULL,
            action        TEXT    NOT NULL,
            source_slug   TEXT    NOT NULL,
            title         TEXT    NOT NULL,
            actor_id      INTEGER NOT NULL,
            actor_name    TEXT    NOT NULL,
            passage_count INTEGER NOT NULL
        );
        CREATE INDEX audit_log_by_guild ON audit_log (guild_id, id);

        CREATE TABLE ask_log (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            at           TEXT    NOT NULL,
            guild_id     INTEGER NOT NULL DEFAULT 0,
            channel      TEXT    NOT NULL,
            question     TEXT    NOT NULL,
            question_key TEXT    NOT NULL,
            confident    INTEGER NOT NULL,
            top_source   TEXT,
            elapsed_ms   REAL    NOT NULL,
            user_id      INTEGER
        );
        CREATE INDEX ask_log_by_guild ON ask_log (guild_id, at);

        CREATE TABLE feedback (
            id      INTEGER PRIMARY KEY AUTOINCREMENT,
            ask_id  INTEGER NOT NULL REFERENCES ask_log (id),
            at      TEXT    NOT NULL,
            kind    TEXT    NOT NULL,
            user_id INTEGER
        );
        CREATE INDEX feedback_by_ask ON feedback (ask_id);
        """,

        // 3: the search index moves to Lucene, derived from this store: the full-text table, the vocabulary and the
        // per-passage term vectors go; a passage keeps where its tokens stand (Index/TokenOffsets), so answering
        // never analyzes a passage again (NULL: analyzed when needed). Every change of a source appends to the change log in the transaction that
        // makes it; a search index records the last change it reflects and catches up from there, and the store's
        // id tells an index of this store from one of another.
        """
        DROP TABLE passage_fts;
        DROP TABLE vocabulary;
        ALTER TABLE passages DROP COLUMN vector;
        ALTER TABLE passages DROP COLUMN length;
        ALTER TABLE passages ADD COLUMN tokens BLOB;
        DELETE FROM meta WHERE key = 'generation';
        INSERT INTO meta (key, value) VALUES ('store_id', lower(hex(randomblob(16))));

        CREATE TABLE changes (
            id       INTEGER PRIMARY KEY AUTOINCREMENT,
            guild_id INTEGER NOT NULL,
            slug     TEXT    NOT NULL
        );
        CREATE INDEX changes_by_guild ON changes (guild_id, id);
        INSERT INTO changes (guild_id, slug) SELECT guild_id, slug FROM sources;
        """,

        // 4: ask ids are handed out in blocks reserved here, so a crash never hands one out again: the counter
        // only grows, and a restarted process starts past every block an earlier one reserved.
        """
        INSERT INTO meta (key, value) VALUES ('ask_ids_reserved', (SELECT coalesce(max(id), 0) FROM ask_log));
        """,

        // 5: a source's kind, primary, secondary or tertiary (NULL: not said). published (a year or an ISO date)
        // exists since 1.
        """
        ALTER TABLE sources ADD COLUMN kind TEXT;
        """,

        // 6: PDFs and web pages. A PDF's passage keeps the page it starts on, for the citation and the link's
        // #page=. A source read from a web address keeps where it is fetched from, the validators of the last
        // fetch (ETag, Last-Modified) for conditional refreshes, the hash of the page's bytes, when it was last
        // checked, and since when the address has been gone (its last text is kept meanwhile).
        """
        ALTER TABLE passages ADD COLUMN page INTEGER;
        CREATE TABLE web_sources (
            source_id     INTEGER PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
            fetch_url     TEXT NOT NULL,
            etag          TEXT,
            last_modified TEXT,
            page_hash     TEXT NOT NULL,
            checked_at    TEXT NOT NULL,
            gone_since    TEXT
        );
        """,
    ];

    public static int Version => Migrations.Length;
}
