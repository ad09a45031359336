using ChatBot.Search.Store;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Testing;
using Microsoft.Data.Sqlite;

namespace ChatBot.Search.Tests.Store;

public sealed class PassageStoreTests
{
    [Fact]
    public void Open_NewFile_CreatesTheSchemaInWalMode()
    {
        using var temp = new TempDirectory();
        var store = PassageStore.Open(temp.File("sub/dir/index.db"));
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "PRAGMA user_version";
        Assert.Equal((long)Schema.Version, command.ExecuteScalar());
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name IN ('sources', 'passages', 'changes', 'passage_fts')";
        Assert.Equal(3L, command.ExecuteScalar());
    }

    [Fact]
    public void Open_ExistingDatabase_KeepsItsDataAndDoesNotMigrateTwice()
    {
        using var temp = new TempDirectory();
        var path = temp.File("index.db");
        var first = PassageStore.Open(path);
        using (var connection = first.OpenConnection())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO sources (slug, origin, title, content_hash, passage_count, indexed_at) VALUES ('x', 'x.md', 'X', 'h', 0, '2026-01-01T00:00:00Z')";
            command.ExecuteNonQuery();
        }

        var second = PassageStore.Open(path);
        using var again = second.OpenConnection();
        using var count = again.CreateCommand();
        count.CommandText = "SELECT count(*) FROM sources";
        Assert.Equal(1L, count.ExecuteScalar());
    }

    [Fact]
    public void Open_DatabaseFromBeforeSourceKinds_KeepsItsSourcesWithoutAKind()
    {
        using var temp = new TempDirectory();
        var path = temp.File("index.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = string.Concat(Schema.Migrations.Take(4)) + """
                PRAGMA user_version = 4;
                INSERT INTO sources (slug, origin, title, content_hash, passage_count, indexed_at) VALUES ('x', 'x.md', 'X', 'h', 0, '2026-01-01T00:00:00Z');
                """;
            command.ExecuteNonQuery();
        }

        var store = PassageStore.Open(path);

        var details = store.ServerSources.Details(0, "x");
        Assert.Equal(("X", null), (details!.Summary.Title, details.Kind));
        Assert.Empty(store.SourcePassages.OfKind(ChatBot.Core.CorpusScope.Global, ChatBot.Core.SourceKind.Primary).Bundled);
    }

    [Fact]
    public void Open_FileThatIsNotADatabase_SaysSoInOneLine()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("index.db", new string('x', 4096));
        var error = Assert.Throws<StoreException>(() => PassageStore.Open(path));
        Assert.Contains("not a ChatBot index", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Open_DatabaseFromANewerVersion_IsRefused()
    {
        using var temp = new TempDirectory();
        var path = temp.File("index.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {Schema.Version + 5}";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<StoreException>(() => PassageStore.Open(path));
        Assert.Contains("newer", error.Message);
    }

    [Fact]
    public void Open_PathIsADirectory_IsRefused()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("index.db"));
        Assert.Throws<StoreException>(() => PassageStore.Open(temp.File("index.db")));
    }
}
