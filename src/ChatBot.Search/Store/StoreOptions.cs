using System.ComponentModel.DataAnnotations;

namespace ChatBot.Search.Store;

/// <summary>Which database is the system of record (section "Store"; the PostgreSQL connection string is <c>ConnectionStrings:Postgres</c>).</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary><c>sqlite</c> (the default: the file <c>Index:DatabasePath</c>) or <c>postgres</c> (<c>ConnectionStrings:Postgres</c>, shared by many processes).</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^(?i:sqlite|postgres)$", ErrorMessage = "The Provider field must be sqlite or postgres.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>From <c>ConnectionStrings:Postgres</c> (a secret when it holds a password: set it in the environment).</summary>
    public string? PostgresConnectionString { get; set; }

    public StoreProvider Kind => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase) ? StoreProvider.Postgres : StoreProvider.Sqlite;
}
