using Npgsql;

namespace ChatBot.Search.Store.Postgres;

/// <summary>Connects to the PostgreSQL store without migrating it and checks that it holds sources.</summary>
public sealed class PostgresStoreProbe(string connectionString) : IStoreProbe
{
    private const string UndefinedTable = "42P01";

    public string? Problem()
    {
        string name;
        try
        {
            name = PostgresStore.Describe(connectionString);
        }
        catch (ArgumentException e)
        {
            return $"ConnectionStrings:Postgres is not a valid connection string: {e.Message}";
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT count(*) FROM sources", connection);
            return (long)command.ExecuteScalar()! > 0 ? null : $"the {name} holds no sources";
        }
        catch (PostgresException e) when (e.SqlState == UndefinedTable)
        {
            return $"the {name} holds no ChatBot store (run index first)";
        }
        catch (NpgsqlException e)
        {
            return $"the {name} cannot be read: {PostgresStore.OneLine(e.Message)}";
        }
    }
}
