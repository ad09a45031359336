using System.ComponentModel.DataAnnotations;

namespace ChatBot.Search.Store;

/// <summary>Where the bundled corpus and the index live (section "Index").</summary>
public sealed class IndexOptions
{
    public const string Section = "Index";

    [Required(AllowEmptyStrings = false)]
    public string SourcesPath { get; set; } = "index/sources";

    [Required(AllowEmptyStrings = false)]
    public string DatabasePath { get; set; } = "index/chatbot.db";

    /// <summary>
    /// A database to start from when <see cref="DatabasePath"/> does not exist yet: the container image indexes
    /// the bundled corpus at build time, and a fresh data volume starts with that copy instead of indexing.
    /// </summary>
    public string? SeedDatabasePath { get; set; }

    /// <summary>
    /// The folder of the search index (Lucene), derived from the database and rebuilt from it when missing. Unset, it
    /// is <c>lucene</c> beside the database file (<c>index/lucene</c> by default, <c>/data/lucene</c> in the container).
    /// </summary>
    public string? LucenePath { get; set; }

    /// <summary>The search index folder this configuration names.</summary>
    public string SearchIndexPath()
        => !string.IsNullOrWhiteSpace(LucenePath)
            ? LucenePath
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DatabasePath)) ?? ".", "lucene");

    /// <summary>
    /// Whether the bot writes the bundled folder (<see cref="SourcesPath"/>) to the store when it starts, and <c>ask</c>,
    /// <c>verify</c>, <c>sources</c> and <c>eval</c> before they answer. Unset: true with SQLite, false with PostgreSQL,
    /// where only <c>index</c> writes the folder, so replicas never fight over it and follow the store instead.
    /// </summary>
    public bool? SyncOnStart { get; set; }

    /// <summary>What <see cref="SyncOnStart"/> means with <paramref name="provider"/>.</summary>
    public bool SyncsOnStart(StoreProvider provider) => SyncOnStart ?? provider == StoreProvider.Sqlite;

    /// <summary>Words searched as one ("coup, putsch, overthrow"); edits are picked up without a restart.</summary>
    public string SynonymsPath { get; set; } = "index/synonyms.txt";
}
