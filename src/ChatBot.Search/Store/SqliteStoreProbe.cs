using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ChatBot.Search.Store;

/// <summary>Opens the SQLite file read-only (never creating it) and checks that it holds sources.</summary>
public sealed class SqliteStoreProbe(string databasePath) : IStoreProbe
{
    public string? Problem()
    {
        if (!File.Exists(databasePath))
        {
            return $"the index {databasePath} does not exist";
        }

        try
        {
            var readOnly = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            using var connection = new SqliteConnection(readOnly.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sources";
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0 ? null : $"the index {databasePath} holds no sources";
        }
        catch (SqliteException e)
        {
            return $"the index {databasePath} cannot be read: {e.Message}";
        }
    }
}
