using System.Text;
using ChatBot.Core;
using ChatBot.Search.Indexing;
using ChatBot.Search.Store;
using ChatBot.Search.Store.Postgres;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChatBot.Search.Tests.Store;

/// <summary>
/// One store shared by several processes (each here a store opened again, with a search index of its own): the
/// schema migrates once when they start together, quotas hold across them, a change made through one is found
/// through the others, and PostgreSQL's NOTIFY wakes their followers.
/// </summary>
public sealed class SharedStoreTests : IDisposable
{
    private const ulong Guild = 290926798626357999;
    private static readonly Actor Moderator = new(53908232506183680, "Mason");
    private readonly TempDirectory work = new();
    private readonly List<IDisposable> owned = [];

    public void Dispose()
    {
        foreach (var item in Enumerable.Reverse(owned))
        {
            item.Dispose();
        }

        work.Dispose();
    }

    [Fact]
    public void Schema_EveryMigrationHasOneForEachProvider()
    {
        // A migration is appended to Store/Schema.cs (SQLite) and Store/Postgres/PostgresSchema.cs with the same number.
        Assert.Equal(Schema.Version, PostgresSchema.Version);
    }

    [PostgresFact]
    public async Task Open_ManyProcessesAtOnce_MigrateTheSchemaOnce()
    {
        var schema = Own(TestPostgres.CreateSchema());

        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Own(PostgresStore.Open(schema.ConnectionString)))));

        Assert.Single(stores.Select(s => s.StoreId()).Distinct());
        using var connection = new NpgsqlConnection(schema.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT count(*), max(version) FROM chatbot_schema", connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal((1L, PostgresSchema.Version), (reader.GetInt64(0), reader.GetInt32(1)));
    }

    [PostgresFact]
    public void Open_SchemaFromBeforeSourceKinds_KeepsItsSourcesWithoutAKind()
    {
        var schema = Own(TestPostgres.CreateSchema());
        using (var connection = new NpgsqlConnection(schema.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand(string.Concat(PostgresSchema.Migrations.Take(4)) + """
                ;
                CREATE TABLE chatbot_schema (version integer NOT NULL);
                INSERT INTO chatbot_schema (version) VALUES (4);
                INSERT INTO sources (slug, origin, title, content_hash, passage_count, indexed_at) VALUES ('x', 'x.md', 'X', 'h', 0, now());
                """, connection);
            command.ExecuteNonQuery();
        }

        var store = Own(PostgresStore.Open(schema.ConnectionString));

        var details = store.ServerSources.Details(0, "x");
        Assert.Equal(("X", null), (details!.Summary.Title, details.Kind));
        Assert.Empty(store.SourcePassages.OfKind(CorpusScope.Global, SourceKind.Primary).Bundled);
    }

    [PostgresFact]
    public void Open_SchemaOfANewerChatBot_IsRefusedInOneLine()
    {
        var schema = Own(TestPostgres.CreateSchema());
        Own(PostgresStore.Open(schema.ConnectionString));
        using (var connection = new NpgsqlConnection(schema.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"UPDATE chatbot_schema SET version = {PostgresSchema.Version + 3}", connection);
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<StoreException>(() => PostgresStore.Open(schema.ConnectionString));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [PostgresFact]
    public void Open_ServerThatDoesNotAnswer_IsAStoreErrorWithoutThePassword()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Port = 1, Password = "s3cret-pw", Timeout = 2 }.ConnectionString;

        var error = Assert.Throws<StoreException>(() => PostgresStore.Open(unreachable));

        Assert.Contains("PostgreSQL database", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.Message, StringComparison.Ordinal);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Upload_ThroughOneProcess_IsAnsweredThroughAnotherOnceItFollows(StoreKind kind)
    {
        var (first, second) = TwoProcesses(kind);
        var curator = first.CreateCurator();

        Assert.IsType<UploadOutcome.Added>(await curator.AddSourceAsync(Upload("chaco.md", TestSources.Chaco), CancellationToken.None));
        Assert.True(second.Sync.CatchUp(CancellationToken.None));
        Assert.Equal("chaco", second.Engine.Answer(new AnswerRequest("Who fought the Chaco War?", CorpusScope.ForGuild(Guild), 3), CancellationToken.None).Results[0].Citation.SourceId);

        await curator.RemoveSourceAsync(Guild, "chaco", Moderator, CancellationToken.None);
        Assert.True(second.Sync.CatchUp(CancellationToken.None));
        Assert.DoesNotContain(
            second.Engine.Answer(new AnswerRequest("Who fought the Chaco War?", CorpusScope.ForGuild(Guild), 3), CancellationToken.None).Results,
            r => r.Citation.SourceId == "chaco");
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Upload_TwoProcessesAtOnceAtTheSourceQuota_OnlyOneIsAdded(StoreKind kind)
    {
        var (first, second) = TwoProcesses(kind);
        var one = new CommunityOptions { MaxSourcesPerServer = 1 };

        var outcomes = await Task.WhenAll(
            Task.Run(async () => await first.CreateCurator(one).AddSourceAsync(Upload("a.txt", "The first text about the war."), CancellationToken.None)),
            Task.Run(async () => await second.CreateCurator(one).AddSourceAsync(Upload("b.txt", "The second text about the war."), CancellationToken.None)));

        Assert.Single(outcomes.OfType<UploadOutcome.Added>());
        Assert.Contains("the most it may have", Assert.Single(outcomes.OfType<UploadOutcome.Refused>()).Reason, StringComparison.Ordinal);
        Assert.Equal(1, first.Store.Count(Guild).Sources);
    }

    [PostgresFact]
    public async Task Notifications_ACommitInAnotherProcess_WakesTheFollowerBeforeItsPollInterval()
    {
        var (first, second) = TwoProcesses(StoreKind.Postgres);
        var connectionString = ((TestSchema)owned.First(o => o is TestSchema)).ConnectionString;

        // A poll interval far beyond the test's patience: only the notification can end the wait in time.
        await using var notifications = new PostgresChangeNotifications(connectionString, NullLogger<PostgresChangeNotifications>.Instance, TimeSpan.FromMinutes(10));
        await notifications.EnsureListeningAsync(CancellationToken.None);
        var woken = notifications.WaitAsync(CancellationToken.None);

        await first.CreateCurator().AddSourceAsync(Upload("chaco.md", TestSources.Chaco), CancellationToken.None);

        await woken.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(second.Store.Changes.LastChange() > 0);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Follower_UploadThroughAnotherProcess_IsAnsweredWithoutAskingItToCatchUp(StoreKind kind)
    {
        var (first, second) = TwoProcesses(kind);
        await using var notifications = await NotificationsAsync(kind);
        using var follower = new SearchIndexFollower(second.Store.Changes, notifications, second.Sync, NullLogger<SearchIndexFollower>.Instance);
        await follower.StartAsync(CancellationToken.None);

        await first.CreateCurator().AddSourceAsync(Upload("chaco.md", TestSources.Chaco), CancellationToken.None);

        await Eventually.TrueAsync(
            () => second.Engine.Answer(new AnswerRequest("Who fought the Chaco War?", CorpusScope.ForGuild(Guild), 3), CancellationToken.None)
                .Results is [{ Citation.SourceId: "chaco" }, ..],
            "the other process answers from the upload", TimeSpan.FromSeconds(30));
        await follower.StopAsync(CancellationToken.None);
    }

    /// <summary>On PostgreSQL, listening, with a poll interval beyond the test's patience: only NOTIFY can wake it in time.</summary>
    private async Task<NotificationsLease> NotificationsAsync(StoreKind kind)
    {
        if (kind == StoreKind.Sqlite)
        {
            return new NotificationsLease(new PollingChangeNotifications(TimeSpan.FromMilliseconds(50), TimeProvider.System));
        }

        var connectionString = ((TestSchema)owned.First(o => o is TestSchema)).ConnectionString;
        var listening = new PostgresChangeNotifications(connectionString, NullLogger<PostgresChangeNotifications>.Instance, TimeSpan.FromMinutes(10));
        await listening.EnsureListeningAsync(CancellationToken.None);
        return new NotificationsLease(listening);
    }

    private sealed class NotificationsLease(IChangeNotifications inner) : IChangeNotifications, IAsyncDisposable
    {
        public TimeSpan PollInterval => inner.PollInterval;

        public Task WaitAsync(CancellationToken cancellationToken) => inner.WaitAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
    }

    private (EmbeddedCorpus First, EmbeddedCorpus Second) TwoProcesses(StoreKind kind)
    {
        Func<ICorpusStore> open;
        if (kind == StoreKind.Postgres)
        {
            var schema = Own(TestPostgres.CreateSchema());
            open = () => Own(PostgresStore.Open(schema.ConnectionString));
        }
        else
        {
            open = () => PassageStore.Open(work.File("shared.db"));
        }

        var first = Own(new EmbeddedCorpus(open(), work.File("lucene-1")));
        first.Indexer.SyncFolder(RepositoryPaths.BundledSources, CancellationToken.None);
        var second = Own(new EmbeddedCorpus(open(), work.File("lucene-2")));
        second.Sync.CatchUp(CancellationToken.None);
        return (first, second);
    }

    private static SourceUpload Upload(string name, string content) => new(Guild, name, Encoding.UTF8.GetBytes(content), Moderator);

    private T Own<T>(T item)
    {
        if (item is IDisposable disposable)
        {
            owned.Add(disposable);
        }

        return item;
    }
}
