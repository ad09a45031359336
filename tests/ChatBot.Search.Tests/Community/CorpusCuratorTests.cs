using System.Text;
using ChatBot.Core;
using ChatBot.Search.Community;
using ChatBot.Search.Store;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Tests.Community;

/// <summary>A server's sources as its moderators add and remove them, over the bundled corpus in a fresh store of each provider.</summary>
public sealed class CorpusCuratorTests : IDisposable
{
    private const ulong Guild = 290926798626357999;
    private const ulong OtherGuild = 81384788765712384;
    private static readonly Actor Moderator = new(53908232506183680, "Mason");

    private const string Chaco = TestSources.Chaco;

    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private TestIndex? index;
    private CorpusCurator curator = null!;

    public void Dispose() => index?.Dispose();

    [Theory, SqliteStore, PostgresStore]
    public async Task Add_Markdown_IsAnsweredInThatServerOnly(StoreKind kind)
    {
        Use(kind);
        var outcome = await AddAsync("chaco.md", Chaco);

        var added = Assert.IsType<UploadOutcome.Added>(outcome).Source;
        Assert.Equal(("chaco", "The Chaco War", "A. Historian", 2, (ulong?)Guild), (added.SourceId, added.Title, added.Author, added.PassageCount, added.GuildId));
        Assert.Equal("chaco", index!.Ask("Who fought the Chaco War?", scope: CorpusScope.ForGuild(Guild)).Results[0].Citation.SourceId);
        Assert.DoesNotContain(index!.Ask("Who fought the Chaco War?", scope: CorpusScope.ForGuild(OtherGuild)).Results, r => r.Citation.SourceId == "chaco");
        Assert.DoesNotContain(index!.Ask("Who fought the Chaco War?", scope: CorpusScope.Global).Results, r => r.Citation.SourceId == "chaco");
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Add_TitleAuthorAndUrlFromTheForm_OverrideTheFile(StoreKind kind)
    {
        Use(kind);
        var outcome = await curator.AddSourceAsync(
            new SourceUpload(Guild, "notes.txt", Encoding.UTF8.GetBytes("The armistice was signed in June 1935."), Moderator, "Armistice notes", "M. Moderator", "https://example.org/armistice"),
            CancellationToken.None);

        var details = await curator.GetSourceAsync(Guild, Assert.IsType<UploadOutcome.Added>(outcome).Source.SourceId, CancellationToken.None);
        Assert.Equal(("Armistice notes", "M. Moderator", "https://example.org/armistice"), (details!.Summary.Title, details.Summary.Author, details.Summary.Url));
        Assert.Equal("The armistice was signed in June 1935.", details.FirstPassage);
    }

    public static TheoryData<string, byte[], string> BadUploads => new()
    {
        { "scan.pdf", Encoding.ASCII.GetBytes("%PDF-1.7 text"), "not a source file" },
        { "empty.md", [], "empty" },
        { "image.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52], "not text" },
        { "nul.md", Encoding.UTF8.GetBytes("Some text\0with a NUL byte in it"), "binary" },
        { "latin1.txt", [0x43, 0x61, 0x66, 0xE9, 0x20, 0x6E, 0x6F, 0x69, 0x72, 0xE9, 0x20, 0x61, 0x20, 0xE9, 0x74, 0xE9], "UTF-8" },
        { "chrome.html", Encoding.UTF8.GetBytes("<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>"), "no text" },
        { "big.txt", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("The Chaco War was long. ", 100_000))), "limit is 2 MB" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Add_BadFile_IsRefusedSayingWhyAndNothingIsStored(string name, byte[] content, string expected)
    {
        Use(StoreKind.Sqlite);
        var before = Counts();

        var outcome = await curator.AddSourceAsync(new SourceUpload(Guild, name, content, Moderator), CancellationToken.None);

        var refused = Assert.IsType<UploadOutcome.Refused>(outcome);
        Assert.Contains(expected, refused.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Reason);
        Assert.Equal(before, Counts());
        Assert.Empty(await curator.HistoryAsync(Guild, 10, CancellationToken.None));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Add_UrlThatIsNotAWebAddress_IsRefused(StoreKind kind)
    {
        Use(kind);
        var outcome = await curator.AddSourceAsync(new SourceUpload(Guild, "a.txt", Encoding.UTF8.GetBytes("Text."), Moderator, Url: "javascript:alert(1)"), CancellationToken.None);

        Assert.Contains("web address", Assert.IsType<UploadOutcome.Refused>(outcome).Reason, StringComparison.Ordinal);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Add_SameFileTwice_SecondIsRefusedUntilTheFirstIsRemoved(StoreKind kind)
    {
        Use(kind);
        await AddAsync("chaco.md", Chaco);

        Assert.Contains("remove it first", Assert.IsType<UploadOutcome.Refused>(await AddAsync("chaco.md", Chaco)).Reason, StringComparison.Ordinal);
        await curator.RemoveSourceAsync(Guild, "chaco", Moderator, CancellationToken.None);
        Assert.IsType<UploadOutcome.Added>(await AddAsync("chaco.md", Chaco));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Add_NameOfABundledSource_GetsItsOwnId(StoreKind kind)
    {
        Use(kind);
        var bundled = (await index!.Store.Catalog.ListSourcesAsync(CorpusScope.Global, CancellationToken.None))[0].SourceId;

        var added = Assert.IsType<UploadOutcome.Added>(await AddAsync(bundled + ".md", Chaco)).Source;

        Assert.Equal(bundled + "-2", added.SourceId);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Add_SameFileInTwoServers_EachHasItsOwn(StoreKind kind)
    {
        Use(kind);
        await AddAsync("chaco.md", Chaco);
        var other = await curator.AddSourceAsync(new SourceUpload(OtherGuild, "chaco.md", Encoding.UTF8.GetBytes(Chaco), Moderator), CancellationToken.None);

        Assert.IsType<UploadOutcome.Added>(other);
        await curator.RemoveSourceAsync(OtherGuild, "chaco", Moderator, CancellationToken.None);
        Assert.Equal("chaco", index!.Ask("Who fought the Chaco War?", scope: CorpusScope.ForGuild(Guild)).Results[0].Citation.SourceId);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Remove_OwnSource_IsGoneFromAnswersAndTheAuditLogSaysWhoAndWhen(StoreKind kind)
    {
        Use(kind);
        await AddAsync("chaco.md", Chaco);
        time.Advance(TimeSpan.FromMinutes(5));

        var removed = await curator.RemoveSourceAsync(Guild, "chaco", new Actor(42, "Ada"), CancellationToken.None);

        Assert.Equal(("The Chaco War", 2), (removed!.Title, removed.PassageCount));
        Assert.DoesNotContain(index!.Ask("Who fought the Chaco War?", scope: CorpusScope.ForGuild(Guild)).Results, r => r.Citation.SourceId == "chaco");
        var history = await curator.HistoryAsync(Guild, 10, CancellationToken.None);
        Assert.Equal(
            [("removed", "chaco", "Ada", 42UL, time.GetUtcNow()), ("added", "chaco", "Mason", Moderator.Id, time.GetUtcNow() - TimeSpan.FromMinutes(5))],
            history.Select(h => (h.Action, h.SourceId, h.Actor.Name, h.Actor.Id, h.At)));
        Assert.Equal(DeclaredPassages(), Counts().Passages); // no passage of the removed source is left behind
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Remove_AnotherServersOrABundledSource_IsRefusedAndChangesNothing(StoreKind kind)
    {
        Use(kind);
        await AddAsync("chaco.md", Chaco);
        var bundled = (await index!.Store.Catalog.ListSourcesAsync(CorpusScope.Global, CancellationToken.None))[0].SourceId;
        var before = Counts();

        Assert.Null(await curator.RemoveSourceAsync(OtherGuild, "chaco", Moderator, CancellationToken.None));
        Assert.Null(await curator.RemoveSourceAsync(Guild, bundled, Moderator, CancellationToken.None));
        Assert.Null(await curator.RemoveSourceAsync(Guild, "'; DROP TABLE sources; --", Moderator, CancellationToken.None));

        Assert.Equal(before, Counts());
        Assert.Empty(await curator.HistoryAsync(OtherGuild, 10, CancellationToken.None));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task ListAndFind_SeeOnlyTheServersOwnSources(StoreKind kind)
    {
        Use(kind);
        await AddAsync("chaco.md", Chaco);
        await AddAsync("armistice.txt", "The armistice was signed in June 1935.");
        await curator.AddSourceAsync(new SourceUpload(OtherGuild, "other.txt", Encoding.UTF8.GetBytes("Another server's text."), Moderator), CancellationToken.None);

        var page = await curator.ListSourcesAsync(Guild, 0, 1, CancellationToken.None);
        Assert.Equal((2, "armistice"), (page.Total, page.Items.Single().SourceId));
        Assert.Equal("chaco", (await curator.ListSourcesAsync(Guild, 1, 1, CancellationToken.None)).Items.Single().SourceId);
        Assert.Equal(["chaco"], (await curator.FindSourcesAsync(Guild, "CHACO", 25, CancellationToken.None)).Select(s => s.SourceId));
        Assert.Equal(2, (await curator.FindSourcesAsync(Guild, "", 25, CancellationToken.None)).Count);
        Assert.Empty(await curator.FindSourcesAsync(Guild, "other", 25, CancellationToken.None));
        Assert.Empty(await curator.FindSourcesAsync(Guild, "%", 25, CancellationToken.None));
        Assert.Null(await curator.GetSourceAsync(OtherGuild, "chaco", CancellationToken.None));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Reopen_SourcesAndAuditLogSurviveARestart(StoreKind kind)
    {
        Use(kind);
        await AddAsync("chaco.md", Chaco);

        index!.Reopen();
        var reopened = index!.Curator(time);

        Assert.Equal("chaco", (await reopened.ListSourcesAsync(Guild, 0, 10, CancellationToken.None)).Items.Single().SourceId);
        Assert.Single(await reopened.HistoryAsync(Guild, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Open_DatabaseOfTheFirstSchema_IsMigratedKeepingItsSources()
    {
        using var temp = new TempDirectory();
        var path = temp.File("old.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Schema.Migrations[0] + """
                ;INSERT INTO sources (slug, origin, title, content_hash, passage_count, indexed_at) VALUES ('old', 'old.md', 'Old', 'h', 0, '2026-01-01T00:00:00Z');
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        using var corpus = new EmbeddedCorpus(path);
        var migrated = corpus.CreateCurator(time: time);

        Assert.Equal(1, (await corpus.Store.Catalog.GetStatsAsync(CorpusScope.Global, CancellationToken.None)).SourceCount);
        Assert.IsType<UploadOutcome.Added>(await migrated.AddSourceAsync(new SourceUpload(Guild, "new.txt", Encoding.UTF8.GetBytes("New text."), Moderator), CancellationToken.None));
        Assert.Single(await migrated.HistoryAsync(Guild, 10, CancellationToken.None));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Add_PastTheSourceQuota_IsRefusedSayingWhichLimitAndHowToMakeRoom(StoreKind kind)
    {
        Use(kind);
        var limited = index!.Curator(time, new CommunityOptions { MaxSourcesPerServer = 1 });
        Assert.IsType<UploadOutcome.Added>(await limited.AddSourceAsync(Upload("chaco.md", Chaco), CancellationToken.None));
        var before = Counts();

        var refused = Assert.IsType<UploadOutcome.Refused>(await limited.AddSourceAsync(Upload("other.txt", "Another text about the war."), CancellationToken.None));

        Assert.Contains("1 sources, the most it may have", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("/source remove", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(before, Counts());
        Assert.IsType<UploadOutcome.Added>(await limited.AddSourceAsync(Upload("other.txt", "Another text about the war.") with { GuildId = OtherGuild }, CancellationToken.None));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Add_PastThePassageOrTextQuota_IsRefused(StoreKind kind)
    {
        Use(kind);
        var fewPassages = index!.Curator(time, new CommunityOptions { MaxPassagesPerServer = 2 });
        Assert.IsType<UploadOutcome.Added>(await fewPassages.AddSourceAsync(Upload("chaco.md", Chaco), CancellationToken.None));
        Assert.Contains("2 allowed", Assert.IsType<UploadOutcome.Refused>(
            await fewPassages.AddSourceAsync(Upload("more.txt", "One more passage."), CancellationToken.None)).Reason, StringComparison.Ordinal);

        var littleText = index!.Curator(time, new CommunityOptions { MaxBytesPerServer = 1024 });
        Assert.Contains("past 1 KB", Assert.IsType<UploadOutcome.Refused>(
            await littleText.AddSourceAsync(Upload("long.txt", string.Join("\n\n", Enumerable.Repeat("A sentence of the long text about the war.", 40))), CancellationToken.None)).Reason, StringComparison.Ordinal);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Add_PastTheHourlyUploads_IsRefusedUntilTheHourHasPassed(StoreKind kind)
    {
        Use(kind);
        var hourly = index!.Curator(time, new CommunityOptions { MaxUploadsPerHour = 2 });
        Assert.IsType<UploadOutcome.Added>(await hourly.AddSourceAsync(Upload("a.txt", "First text."), CancellationToken.None));
        Assert.IsType<UploadOutcome.Added>(await hourly.AddSourceAsync(Upload("b.txt", "Second text."), CancellationToken.None));

        Assert.Contains("in the last hour", Assert.IsType<UploadOutcome.Refused>(
            await hourly.AddSourceAsync(Upload("c.txt", "Third text."), CancellationToken.None)).Reason, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromMinutes(61));
        Assert.IsType<UploadOutcome.Added>(await hourly.AddSourceAsync(Upload("c.txt", "Third text."), CancellationToken.None));
        var usage = await hourly.UsageAsync(Guild, CancellationToken.None);
        Assert.Equal((3, 1, 2), (usage.Sources, usage.UploadsLastHour, usage.MaxUploadsPerHour));
    }

    private void Use(StoreKind kind)
    {
        index = TestIndex.OfBundledCorpus(kind);
        curator = index.Curator(time);
    }

    private static SourceUpload Upload(string name, string content) => new(Guild, name, Encoding.UTF8.GetBytes(content), Moderator);

    private async Task<UploadOutcome> AddAsync(string name, string content)
        => await curator.AddSourceAsync(new SourceUpload(Guild, name, Encoding.UTF8.GetBytes(content), Moderator), CancellationToken.None);

    private (long Sources, long Passages, long Audit) Counts()
        => (Scalar("SELECT count(*) FROM sources"), Scalar("SELECT count(*) FROM passages"), Scalar("SELECT count(*) FROM audit_log"));

    private long DeclaredPassages() => Scalar("SELECT coalesce(sum(passage_count), 0) FROM sources");

    private long Scalar(string sql)
    {
        if (index!.PostgresConnectionString is { } postgres)
        {
            using var pg = new NpgsqlConnection(postgres);
            pg.Open();
            using var query = new NpgsqlCommand(sql, pg);
            return Convert.ToInt64(query.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        using var connection = index.SqliteStore.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
