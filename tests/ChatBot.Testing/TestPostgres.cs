using System.Globalization;
using Npgsql;

namespace ChatBot.Testing;

/// <summary>
/// The PostgreSQL the tests use: <c>CHATBOT_TEST_POSTGRES</c> holds its connection string (<c>.ci/run</c> starts the
/// server and sets it). Where it is unset or the server does not answer, tests that need it are skipped, saying why;
/// with <c>CHATBOT_REQUIRE_PG=1</c> (as in CI) they run anyway and fail instead.
/// </summary>
public static class TestPostgres
{
    public const string ConnectionStringVariable = "CHATBOT_TEST_POSTGRES";
    public const string RequireVariable = "CHATBOT_REQUIRE_PG";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    /// <summary>The connection string of the test database (without a schema).</summary>
    public static string ConnectionString => Environment.GetEnvironmentVariable(ConnectionStringVariable) ?? "";

    /// <summary>Whether a missing PostgreSQL fails the tests instead of skipping them.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why PostgreSQL tests are skipped, or null when they run.</summary>
    public static string? SkipReason => Required ? null : Unavailable.Value;

    /// <summary>A fresh schema of its own in the test database, dropped with everything in it on dispose.</summary>
    public static TestSchema CreateSchema() => new(ConnectionString);

    private static string? Probe()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            return $"PostgreSQL tests skipped: {ConnectionStringVariable} is not set (.ci/run starts PostgreSQL and sets it; set {RequireVariable}=1 to fail instead)";
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 5, Pooling = false };
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException)
        {
            return $"PostgreSQL tests skipped: cannot connect with {ConnectionStringVariable}: {e.Message} (set {RequireVariable}=1 to fail instead)";
        }
    }
}

/// <summary>A schema of a test's own, named uniquely; its connection string puts it first on the search path.</summary>
public sealed class TestSchema : IDisposable
{
    private readonly string adminConnectionString;

    public TestSchema(string connectionString)
    {
        adminConnectionString = connectionString;
        Name = "test_" + Guid.NewGuid().ToString("N")[..16];
        Execute(string.Create(CultureInfo.InvariantCulture, $"CREATE SCHEMA {Name}"));
        ConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = Name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute(string.Create(CultureInfo.InvariantCulture, $"DROP SCHEMA IF EXISTS {Name} CASCADE"));
    }

    private void Execute(string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
