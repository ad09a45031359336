namespace ChatBot.Search.Store.Postgres;

/// <summary>
/// The PostgreSQL schema as an ordered list of migrations, numbered as the SQLite ones (<see cref="Schema"/>): entry n
/// brings a database of version n-1 to version n, and table <c>chatbot_schema</c> records how many have run. A
/// PostgreSQL store starts at the shape SQLite reached at version 4, so entry 1 creates everything and 2 to 4 have
/// nothing to do. A new migration is appended to both lists with the same number, its statements written for each
/// engine (a test checks both lists have the same length). Only ever appended, never edited.
/// </summary>
internal static class PostgresSchema
{
    public static readonly string[] Migrations =
    [
        // 1 (= SQLite 1 to 4): sources and passages; the change log the search indexes follow (identity ids,
        // written under the corpus write lock, so they become visible in order); the audit and ask logs and feedback;
        // meta holds the store's id and the counters of reserved ask and passage ids. Times are timestamptz, guild ids
        // bigint (Discord's unsigned ids, stored as their signed bit pattern as in SQLite). feedback.ask_id has no
        // foreign key, as in SQLite: feedback is checked against the log before it is queued, and a batch must never
        // fail on one row.
        """
        CREATE TABLE meta (
            key   text PRIMARY KEY,
            value text NOT NULL
        );
        INSERT INTO meta (key, value) VALUES
            ('store_id', replace(gen_random_uuid()::text, '-', '')),
            ('ask_ids_reserved', '0'),
            ('passage_ids_reserved', '0');

        CREATE TABLE sources (
            id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            guild_id      bigint  NOT NULL DEFAULT 0,
            slug          text    NOT NULL,
            origin        text    NOT NULL,
            title         text    NOT NULL,
            author        text,
            url           text,
            published     text,
            license       text,
            content_hash  text    NOT NULL,
            passage_count integer NOT NULL,
            indexed_at    timestamptz NOT NULL,
            UNIQUE (guild_id, slug)
        );

        CREATE TABLE passages (
            id        bigint  PRIMARY KEY,
            source_id bigint  NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
            ordinal   integer NOT NULL,
            locator   text    NOT NULL,
            text      text    NOT NULL,
            tokens    bytea,
            UNIQUE (source_id, ordinal)
        );

        CREATE TABLE changes (
            id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            guild_id bigint NOT NULL,
            slug     text   NOT NULL
        );
        CREATE INDEX changes_by_guild ON changes (guild_id, id);

        CREATE TABLE audit_log (
            id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at            timestamptz NOT NULL,
            guild_id      bigint  NOT NULL,
            action        text    NOT NULL,
            source_slug   text    NOT NULL,
            title         text    NOT NULL,
            actor_id      bigint  NOT NULL,
            actor_name    text    NOT NULL,
            passage_count integer NOT NULL
        );
        CREATE INDEX audit_log_by_guild ON audit_log (guild_id, id);

        CREATE TABLE ask_log (
            id           bigint  PRIMARY KEY,
            at           timestamptz NOT NULL,
            guild_id     bigint  NOT NULL DEFAULT 0,
            channel      text    NOT NULL,
            question     text    NOT NULL,
            question_key text    NOT NULL,
            confident    boolean NOT NULL,
            top_source   text,
            elapsed_ms   double precision NOT NULL,
            user_id      bigint
        );
        CREATE INDEX ask_log_by_guild ON ask_log (guild_id, at);

        CREATE TABLE feedback (
            id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            ask_id  bigint NOT NULL,
            at      timestamptz NOT NULL,
            kind    text   NOT NULL,
            user_id bigint
        );
        CREATE INDEX feedback_by_ask ON feedback (ask_id);
        """,

        // 2 (= SQLite 2, the community tables): in 1.
        "",

        // 3 (= SQLite 3, Lucene and the change log): in 1.
        "",

        // 4 (= SQLite 4, reserved ask ids): in 1.
        "",

        // 5 (= SQLite 5): a source's kind, primary, secondary or tertiary (NULL: not said).
        """
        ALTER TABLE sources ADD COLUMN kind text;
        """,

        // 6 (= SQLite 6, PDFs and web pages): a PDF passage's page; a web source's fetch state. Times are ISO 8601
        // text as on SQLite, so the refresh compares and keeps them alike on both providers.
        """
        ALTER TABLE passages ADD COLUMN page integer;
        CREATE TABLE web_sources (
            source_id     bigint PRIMARY KEY REFERENCES sources (id) ON DELETE CASCADE,
            fetch_url     text NOT NULL,
            etag          text,
            last_modified text,
            page_hash     text NOT NULL,
            checked_at    text NOT NULL,
            gone_since    text
        );
        CREATE INDEX web_sources_by_check ON web_sources (checked_at);
        """,
    ];

    public static int Version => Migrations.Length;
}
