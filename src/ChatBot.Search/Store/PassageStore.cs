using Microsoft.Data.Sqlite;

namespace ChatBot.Search.Store;

/// <summary>
/// The SQLite file that holds sources, passages, the change log and the community tables; the system of record
/// the search index is derived from. Opening it creates or migrates the
/// schema; every operation takes a pooled connection of its own, so readers keep answering (WAL) while an
/// index update runs on another connection.
/// </summary>
public sealed class PassageStore : ICorpusStore
{
    private const int SqliteNotADatabase = 26;
    private const int SqliteCantOpen = 14;

    private readonly string connectionString;

    private PassageStore(string databasePath, string connectionString)
    {
        DatabasePath = databasePath;
        this.connectionString = connectionString;
        Changes = new ChangeLog(this);
        Rows = new PassageRows(this);
        Catalog = new SourceCatalog(this);
        ServerSources = new SqliteServerSources(this);
        SourcePassages = new SqliteSourcePassages(this);
        AskLog = new SqliteAskLog(this);
        WebSources = new SqliteWebSources(this);
    }

    public string DatabasePath { get; }

    public StoreProvider Provider => StoreProvider.Sqlite;

    public string Name => DatabasePath;

    public IChangeLog Changes { get; }

    public IPassageRows Rows { get; }

    public ChatBot.Core.ISourceCatalog Catalog { get; }

    public IServerSourceStore ServerSources { get; }

    public ISourcePassages SourcePassages { get; }

    public IAskLogStore AskLog { get; }

    public IWebSourceStore WebSources { get; }

    public ICorpusTransaction BeginWrite() => new SqliteCorpusTransaction(this);

    public (int Sources, int Passages) Count(ulong guildId) => StoredSources.Count(this, guildId);

    /// <summary>
    /// Opens (creating when absent) and migrates the database at <paramref name="databasePath"/>. When it is
    /// absent and <paramref name="seedDatabasePath"/> names an existing database, it starts as a copy of that one.
    /// </summary>
    /// <exception cref="StoreException">The file is not a usable ChatBot index.</exception>
    public static PassageStore Open(string databasePath, string? seedDatabasePath = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var fullPath = Path.GetFullPath(databasePath);
        if (Directory.Exists(fullPath))
        {
            throw new StoreException($"{databasePath} is a directory, not a database file");
        }

        var directory = Path.GetDirectoryName(fullPath);
        try
        {
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create the folder for {databasePath}: {e.Message}", e);
        }

        if (!string.IsNullOrWhiteSpace(seedDatabasePath) && !File.Exists(fullPath) && File.Exists(seedDatabasePath))
        {
            CopySeed(seedDatabasePath, fullPath);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // The writer deletes passages with their source itself; enforcement would cost every insert a lookup.
            ForeignKeys = false,
            DefaultTimeout = 30,
        };
        var store = new PassageStore(fullPath, builder.ToString());
        store.Migrate(databasePath);
        return store;
    }

    /// <summary>An open connection from the pool, set up for this store. The caller disposes it.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>This store's id, made when it was created: a search index derived from another store is not this one's.</summary>
    public string StoreId()
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'store_id'";
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Writes the WAL back into the main file, e.g. before a backup or at shutdown.</summary>
    public void Checkpoint()
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Copies the seed next to the target first, then renames it: a crash never leaves half a database. The copy
    /// is a new file, so it does not inherit the seed's read-only mode from the image.
    /// </summary>
    private static void CopySeed(string seedPath, string fullPath)
    {
        var partial = fullPath + ".seeding";
        try
        {
            using (var source = File.OpenRead(seedPath))
            using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write))
            {
                source.CopyTo(target);
            }

            File.Move(partial, fullPath, overwrite: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot start {fullPath} from the seed database {seedPath}: {e.Message}", e);
        }
    }

    private void Migrate(string displayPath)
    {
        try
        {
            using var connection = OpenConnection();
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL";
                wal.ExecuteNonQuery();
            }

            var version = UserVersion(connection);
            if (version > Schema.Version)
            {
                throw new StoreException(
                    $"{displayPath} has schema version {version}, newer than this ChatBot understands ({Schema.Version}); upgrade ChatBot");
            }

            for (var next = version; next < Schema.Version; next++)
            {
                using var transaction = connection.BeginTransaction();
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = Schema.Migrations[next] + $"\nPRAGMA user_version = {next + 1};";
                command.ExecuteNonQuery();
                transaction.Commit();
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteNotADatabase)
        {
            throw new StoreException($"{displayPath} is not a ChatBot index (not an SQLite database)", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteCantOpen)
        {
            throw new StoreException($"cannot open {displayPath}: {e.Message}", e);
        }
        catch (SqliteException e)
        {
            throw new StoreException($"cannot use {displayPath}: {e.Message}", e);
        }
    }

    private static int UserVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
