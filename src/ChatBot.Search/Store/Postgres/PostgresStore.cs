using System.Globalization;
using Npgsql;

namespace ChatBot.Search.Store.Postgres;

/// <summary>
/// The system of record in a PostgreSQL database that many processes share. Opening it migrates the schema under an
/// advisory lock (two processes starting at once migrate it once); every operation takes a pooled connection of its
/// own; corpus writes take the write lock, so the change log's ids become visible in order.
/// </summary>
public sealed class PostgresStore : ICorpusStore, IDisposable
{
    private readonly Lazy<string> storeId;

    private PostgresStore(NpgsqlDataSource dataSource, string name)
    {
        DataSource = dataSource;
        Name = name;
        Changes = new PostgresChangeLog(dataSource);
        Rows = new PostgresPassageRows(dataSource);
        Catalog = new PostgresSourceCatalog(dataSource);
        ServerSources = new PostgresServerSources(dataSource);
        SourcePassages = new PostgresSourcePassages(dataSource);
        AskLog = new PostgresAskLog(dataSource);
        WebSources = new PostgresWebSources(dataSource);
        storeId = new Lazy<string>(ReadStoreId);
    }

    public StoreProvider Provider => StoreProvider.Postgres;

    public string Name { get; }

    public IChangeLog Changes { get; }

    public IPassageRows Rows { get; }

    public ChatBot.Core.ISourceCatalog Catalog { get; }

    public IServerSourceStore ServerSources { get; }

    public ISourcePassages SourcePassages { get; }

    public IAskLogStore AskLog { get; }

    public IWebSourceStore WebSources { get; }

    internal NpgsqlDataSource DataSource { get; }

    /// <summary>Connects to the database <paramref name="connectionString"/> names and migrates its schema.</summary>
    /// <exception cref="StoreException">The database cannot be reached or is of a newer ChatBot.</exception>
    public static PostgresStore Open(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var (dataSource, name) = Connect(connectionString);
        try
        {
            Migrate(dataSource, name);
            return new PostgresStore(dataSource, name);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    /// <summary>"PostgreSQL database chatbot on db:5432": what messages call a database, never with its password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return string.Create(CultureInfo.InvariantCulture, $"PostgreSQL database {builder.Database ?? builder.Username} on {builder.Host}:{builder.Port}");
    }

    public string StoreId() => storeId.Value;

    public ICorpusTransaction BeginWrite() => new PostgresCorpusTransaction(DataSource);

    public (int Sources, int Passages) Count(ulong guildId)
    {
        using var command = DataSource.CreateCommand("SELECT count(*)::int, coalesce(sum(passage_count), 0)::int FROM sources WHERE guild_id = @guild");
        command.Parameters.AddWithValue("guild", (long)guildId);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    public void Checkpoint()
    {
        // The server keeps its own files consistent: nothing to write back.
    }

    public void Dispose() => DataSource.Dispose();

    internal static (NpgsqlDataSource DataSource, string Name) Connect(string connectionString)
    {
        string name;
        try
        {
            name = Describe(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StoreException($"ConnectionStrings:Postgres is not a valid connection string: {e.Message}", e);
        }

        return (NpgsqlDataSource.Create(connectionString), name);
    }

    private static void Migrate(NpgsqlDataSource dataSource, string name)
    {
        try
        {
            using var connection = dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            Execute(connection, PostgresLocks.Migrate);
            Execute(connection, "CREATE TABLE IF NOT EXISTS chatbot_schema (version integer NOT NULL)");
            using var read = new NpgsqlCommand("SELECT max(version) FROM chatbot_schema", connection);
            var version = read.ExecuteScalar() is int v ? v : 0;
            if (version > PostgresSchema.Version)
            {
                throw new StoreException(
                    $"the {name} has schema version {version}, newer than this ChatBot understands ({PostgresSchema.Version}); upgrade ChatBot");
            }

            for (var next = version; next < PostgresSchema.Version; next++)
            {
                if (PostgresSchema.Migrations[next].Length > 0)
                {
                    Execute(connection, PostgresSchema.Migrations[next]);
                }
            }

            if (version < PostgresSchema.Version)
            {
                Execute(connection, "DELETE FROM chatbot_schema");
                Execute(connection, string.Create(CultureInfo.InvariantCulture, $"INSERT INTO chatbot_schema (version) VALUES ({PostgresSchema.Version})"));
            }

            transaction.Commit();
        }
        catch (NpgsqlException e)
        {
            throw new StoreException($"cannot use the {name}: {OneLine(e.Message)}", e);
        }
    }

    private string ReadStoreId()
    {
        using var command = DataSource.CreateCommand("SELECT value FROM meta WHERE key = 'store_id'");
        return (string)command.ExecuteScalar()!;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
