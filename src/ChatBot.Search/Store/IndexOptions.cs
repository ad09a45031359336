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

    /// <summary>Words searched as one ("coup, putsch, overthrow"); edits are picked up without a restart.</summary>
    public string SynonymsPath { get; set; } = "index/synonyms.txt";
}
