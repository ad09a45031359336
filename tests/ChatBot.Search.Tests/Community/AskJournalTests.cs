using ChatBot.Core;
using ChatBot.Search.Community;
using ChatBot.Search.Store;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Tests.Community;

/// <summary>The ask log, feedback and the gaps report, in a fresh store of each provider.</summary>
public sealed class AskJournalTests : IDisposable
{
    private const ulong Guild = 290926798626357999;
    private const ulong OtherGuild = 81384788765712384;
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private TestStore? stores;

    public void Dispose() => stores?.Dispose();

    [Theory, SqliteStore, PostgresStore]
    public async Task Gaps_SameQuestionInOtherCaseAndPunctuation_CountsAsOneAndComesFirst(StoreKind kind)
    {
        await using var journal = Journal(kind);
        await AskAsync(journal, "Who won the 1986 World Cup?", confident: false);
        await AskAsync(journal, "who won the  1986 world cup", confident: false);
        await AskAsync(journal, "How do I bake sourdough bread?", confident: false);
        await AskAsync(journal, "Who led the coup?", confident: true);
        await AskAsync(journal, "Who won the 1986 World Cup?", confident: false, guild: OtherGuild);

        var report = await journal.GapsAsync(Guild, Week, 10, CancellationToken.None);

        Assert.Equal((4, 3), (report.Asked, report.NotAnswered));
        Assert.Equal([("Who won the 1986 World Cup?", 2), ("How do I bake sourdough bread?", 1)], report.Questions.Select(q => (q.Question, q.Count)));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Gaps_OlderThanTheWindow_AreLeftOut(StoreKind kind)
    {
        await using var journal = Journal(kind);
        await AskAsync(journal, "Who won the 1986 World Cup?", confident: false);
        time.Advance(TimeSpan.FromDays(8));
        await AskAsync(journal, "How do I bake sourdough bread?", confident: false);

        var report = await journal.GapsAsync(Guild, Week, 10, CancellationToken.None);

        Assert.Equal(["How do I bake sourdough bread?"], report.Questions.Select(q => q.Question));
        Assert.Equal(2, (await journal.GapsAsync(Guild, TimeSpan.FromDays(30), 10, CancellationToken.None)).NotAnswered);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Feedback_IsCountedInGapsAndAGarbledAskIdIsRefused(StoreKind kind)
    {
        await using var journal = Journal(kind);
        var ask = await AskAsync(journal, "Who led the coup?", confident: true);

        Assert.True(await journal.RecordFeedbackAsync(ask, Guild, FeedbackKind.Helpful, 1, CancellationToken.None));
        Assert.True(await journal.RecordFeedbackAsync(ask, Guild, FeedbackKind.Helpful, 2, CancellationToken.None));
        Assert.True(await journal.RecordFeedbackAsync(ask, Guild, FeedbackKind.BadQuote, 3, CancellationToken.None));
        Assert.False(await journal.RecordFeedbackAsync(ask + 1000, Guild, FeedbackKind.NotHelpful, 1, CancellationToken.None));

        var report = await journal.GapsAsync(Guild, Week, 10, CancellationToken.None);
        Assert.Equal((2, 0, 1), (report.Helpful, report.NotHelpful, report.BadQuotes));
        Assert.Equal((0, 0, 0), Feedback(await journal.GapsAsync(OtherGuild, Week, 10, CancellationToken.None)));
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public async Task Record_UserIds_AreKeptOnlyWhenTheSettingIsOn(bool logUserIds, long expectedRows)
    {
        await using var journal = Journal(StoreKind.Sqlite, logUserIds);
        var ask = await AskAsync(journal, "Who led the coup?", confident: true, user: 53908232506183680);
        await journal.RecordFeedbackAsync(ask, Guild, FeedbackKind.Helpful, 53908232506183680, CancellationToken.None);
        await journal.FlushAsync(CancellationToken.None);

        using var connection = stores!.SqliteStore.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM ask_log WHERE user_id = 53908232506183680), (SELECT count(*) FROM feedback WHERE user_id IS NOT NULL)";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal((expectedRows, expectedRows), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Reopen_AsksAndFeedbackSurviveARestart(StoreKind kind)
    {
        long first;
        await using (var journal = Journal(kind))
        {
            first = await AskAsync(journal, "Who won the 1986 World Cup?", confident: false);
            await journal.RecordFeedbackAsync(first, Guild, FeedbackKind.NotHelpful, null, CancellationToken.None);
        }

        await using var reopened = new AskJournal(stores!.Reopen().AskLog, Options.Create(new CommunityOptions()), time, NullLogger<AskJournal>.Instance);
        var report = await reopened.GapsAsync(Guild, Week, 10, CancellationToken.None);
        var next = await AskAsync(reopened, "Who led the coup?", confident: true);

        Assert.Equal((1, 1), (report.NotAnswered, report.NotHelpful));
        Assert.True(next > first, $"{next} after {first}");
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Record_AfterAProcessDiedWithAsksUnwritten_NeverHandsOutTheirIdsAgain(StoreKind kind)
    {
        // The first process hands out ids and dies before its writer stores them (no flush, no dispose).
        var dead = Journal(kind);
        var handedOut = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            handedOut.Add(await AskAsync(dead, "Who led the coup?", confident: true));
        }

        await using var restarted = Journal(kind);
        var next = await AskAsync(restarted, "Who led the coup?", confident: true);

        Assert.True(next > handedOut.Max(), $"{next} after {handedOut.Max()}");
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Record_TwoProcessesSharingTheStore_NeverHandOutTheSameId(StoreKind kind)
    {
        await using var first = Journal(kind);
        await using var second = new AskJournal(stores!.Reopen().AskLog, Options.Create(new CommunityOptions()), time, NullLogger<AskJournal>.Instance);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await AskAsync(first, "Who led the coup?", confident: true));
            ids.Add(await AskAsync(second, "Who led the coup?", confident: true));
        }

        await first.FlushAsync(CancellationToken.None);
        await second.FlushAsync(CancellationToken.None);

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(10, (await first.GapsAsync(Guild, Week, 10, CancellationToken.None)).Asked);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task RecordFeedback_OnAnAskOfAnotherServer_IsRefused(StoreKind kind)
    {
        await using var journal = Journal(kind);
        var ask = await AskAsync(journal, "Who led the coup?", confident: true, guild: Guild);

        Assert.False(await journal.RecordFeedbackAsync(ask, OtherGuild, FeedbackKind.BadQuote, null, CancellationToken.None));
        Assert.False(await journal.RecordFeedbackAsync(ask, null, FeedbackKind.BadQuote, null, CancellationToken.None));
        await journal.FlushAsync(CancellationToken.None);
        Assert.False(await journal.RecordFeedbackAsync(ask, OtherGuild, FeedbackKind.BadQuote, null, CancellationToken.None));
        Assert.True(await journal.RecordFeedbackAsync(ask, Guild, FeedbackKind.BadQuote, null, CancellationToken.None));
    }

    [Fact]
    public async Task Record_WhileAnotherConnectionHoldsTheWriteLock_ReturnsAtOnceAndIsStoredAfterwards()
    {
        await using var journal = Journal(StoreKind.Sqlite);
        using var upload = stores!.SqliteStore.OpenConnection();
        using var transaction = upload.BeginTransaction(deferred: false);

        var ask = await AskAsync(journal, "Who won the 1986 World Cup?", confident: false);
        Assert.True(await journal.RecordFeedbackAsync(ask, Guild, FeedbackKind.NotHelpful, null, CancellationToken.None));
        transaction.Commit();

        var report = await journal.GapsAsync(Guild, Week, 10, CancellationToken.None);
        Assert.Equal((1, 1), (report.NotAnswered, report.NotHelpful));
    }

    [Fact]
    public async Task Record_StoreRefusesTheBatchTwice_ItIsRetriedAndStoredNotDropped()
    {
        stores = new TestStore(StoreKind.Sqlite);
        var flaky = new FlakyAskLog(stores.Store.AskLog, failures: 2);
        await using var journal = new AskJournal(flaky, Options.Create(new CommunityOptions()), time, NullLogger<AskJournal>.Instance);
        var ask = await AskAsync(journal, "Who won the 1986 World Cup?", confident: false);

        var flushed = journal.FlushAsync(CancellationToken.None);
        // Each refusal waits on the clock before the next try: let the clock run until the batch is in.
        for (var round = 0; round < 10 && !flushed.IsCompleted; round++)
        {
            await Task.WhenAny(flushed, time.WaitForTimersAsync(timeout: TestTimeouts.Default));
            time.Advance(TimeSpan.FromSeconds(5));
        }

        await flushed.WaitAsync(TestTimeouts.Default);
        Assert.Equal(3, flaky.Attempts);
        Assert.Equal(1, (await journal.GapsAsync(Guild, Week, 10, CancellationToken.None)).NotAnswered);
        Assert.True(await journal.RecordFeedbackAsync(ask, Guild, FeedbackKind.NotHelpful, null, CancellationToken.None));
    }

    [Fact]
    public async Task Stop_AsksStillQueued_AreInTheDatabaseFileItselfAfterTheFinalCheckpoint()
    {
        // The bot stops: CorpusSyncService (which stops last) flushes the journal, then writes the WAL back into the file,
        // so the database file alone (a backup, the next start) holds every question asked.
        using var index = new TestIndex();
        index.WriteSource("chaco.md", TestSources.Chaco);
        index.Sync();
        await using var journal = new AskJournal(index.Store.AskLog, Options.Create(new CommunityOptions()), time, NullLogger<AskJournal>.Instance);
        var service = new Search.Indexing.CorpusSyncService(
            index.Indexer, index.Corpus.Sync, index.Store, [journal], Options.Create(new IndexOptions { SourcesPath = index.SourcesPath }),
            NullLogger<Search.Indexing.CorpusSyncService>.Instance);
        for (var i = 0; i < 50; i++)
        {
            await AskAsync(journal, $"Who won the {1930 + i} World Cup?", confident: false);
        }

        await service.StopAsync(CancellationToken.None);
        var copy = index.DatabasePath + ".copy";
        File.Copy(index.DatabasePath, copy); // the file without its -wal beside it
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM ask_log";
        Assert.Equal(50L, (long)command.ExecuteScalar()!);
    }

    [Theory]
    [InlineData("Who led the coup?", "who led the coup")]
    [InlineData("  WHO led   the Coup ?!", "who led the coup")]
    [InlineData("Who was René Barrientos?", "who was rene barrientos")]
    [InlineData("?", "")]
    public void Key_IgnoresCaseAccentsSpacingAndClosingPunctuation(string question, string expected)
        => Assert.Equal(expected, AskJournal.Key(question));

    private AskJournal Journal(StoreKind kind, bool logUserIds = false)
        => new((stores ??= new TestStore(kind)).Store.AskLog, Options.Create(new CommunityOptions { LogUserIds = logUserIds }), time, NullLogger<AskJournal>.Instance);

    private static async Task<long> AskAsync(AskJournal journal, string question, bool confident, ulong guild = Guild, ulong? user = null)
        => await journal.RecordAskAsync(new AskRecord(guild, AskChannel.Command, question, confident, confident ? "some-source" : null, 3.2, user), CancellationToken.None);

    private static (int, int, int) Feedback(GapReport report) => (report.Helpful, report.NotHelpful, report.BadQuotes);

    /// <summary>The real ask log, refusing the first <c>failures</c> batches as a locked or unavailable database does.</summary>
    private sealed class FlakyAskLog(IAskLogStore inner, int failures) : IAskLogStore
    {
        public int Attempts { get; private set; }

        public (long First, long Last) ReserveAskIds(int count) => inner.ReserveAskIds(count);

        public bool AskExists(long askId, ulong guildId) => inner.AskExists(askId, guildId);

        public void Write(IReadOnlyList<AskLogRow> rows)
        {
            if (++Attempts <= failures)
            {
                throw new Microsoft.Data.Sqlite.SqliteException("database is locked", 5);
            }

            inner.Write(rows);
        }

        public GapCounts Gaps(ulong guildId, DateTimeOffset since, int limit) => inner.Gaps(guildId, since, limit);
    }
}
