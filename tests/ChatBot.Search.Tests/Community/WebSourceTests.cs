using System.Text;
using ChatBot.Core;
using ChatBot.Search.Community;
using ChatBot.Search.Tests.Ingestion;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Search.Web;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.Community;

/// <summary>Web pages and PDFs added by address and kept fresh, served by an in-process server, on both store providers.</summary>
public sealed class WebSourceTests : IAsyncLifetime, IDisposable
{
    private const ulong Guild = 290926798626357999;
    private static readonly Actor Moderator = new(53908232506183680, "Mason");

    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private TestWebServer server = null!;
    private TestIndex? opened;
    private WebSourceCurator web = null!;
    private CorpusCurator curator = null!;

    private TestIndex index => opened ?? throw new InvalidOperationException("a test opens its store first (Use)");

    public async Task InitializeAsync() => server = await TestWebServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => opened?.Dispose();

    private void Use(StoreKind kind)
    {
        opened = new TestIndex(kind: kind, fetcher: TestIndex.LoopbackFetcher());
        index.Sync();
        curator = index.Curator(time);
        web = index.Corpus.CreateWebCurator(curator, new SourcesOptions { AllowLoopbackForTests = true, RefreshHours = 24 }, time);
    }

    private static byte[] Html(string body, string title = "The Chaco War") => Encoding.UTF8.GetBytes(
        $"<!doctype html><html><head><title>{title}</title><meta name=\"author\" content=\"A. Historian\"></head>" +
        $"<body><nav><a href=\"/\">Home</a> <a href=\"/search\">Search</a></nav><main><h1>{title}</h1><p>{body}</p></main><footer>© 2026</footer></body></html>");

    [Theory, SqliteStore, PostgresStore]
    public async Task AddUrl_HtmlPage_MainTextAnsweredWithThePageTitleAuthorAndLink(StoreKind kind)
    {
        Use(kind);
        server.MapPage("/chaco", "text/html; charset=utf-8", Html("The Chaco War was fought between Bolivia and Paraguay from 1932 to 1935."));

        var outcome = await web.AddUrlSourceAsync(new UrlSourceRequest(Guild, server.Url("/chaco").AbsoluteUri, Moderator), CancellationToken.None);

        var added = Assert.IsType<UploadOutcome.Added>(outcome).Source;
        Assert.Equal(("the-chaco-war", "The Chaco War", "A. Historian", 1), (added.SourceId, added.Title, added.Author, added.PassageCount));
        var top = index.Ask("Who fought the Chaco War?", scope: CorpusScope.ForGuild(Guild)).Results[0];
        Assert.Equal((server.Url("/chaco").AbsoluteUri, "¶ 1", (int?)null), (top.Citation.Url, top.Citation.Locator, top.Citation.Page));
        Assert.Equal(
            server.Url("/chaco").AbsoluteUri + "#:~:text=The%20Chaco%20War%20was,from%201932%20to%201935.",
            CitationLink.For(top.Citation, top.Quote));
        Assert.DoesNotContain("Home", top.Quote, StringComparison.Ordinal);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task AddUrl_Pdf_CitedByPageAndLinkedToIt(StoreKind kind)
    {
        Use(kind);
        server.MapPage("/article.pdf", "application/pdf", PdfSourceTests.Article());

        var outcome = await web.AddUrlSourceAsync(new UrlSourceRequest(Guild, server.Url("/article.pdf").AbsoluteUri, Moderator), CancellationToken.None);

        Assert.Equal("The Bolivian National Revolution", Assert.IsType<UploadOutcome.Added>(outcome).Source.Title);
        var top = index.Ask("Who overthrew Paz Estenssoro in 1964?", scope: CorpusScope.ForGuild(Guild)).Results[0];
        Assert.Equal(("p. 2 ¶ 1", (int?)2), (top.Citation.Locator, top.Citation.Page));
        Assert.Equal(server.Url("/article.pdf").AbsoluteUri + "#page=2", CitationLink.For(top.Citation, top.Quote));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task AddUrl_RedirectToTheMetadataAddress_RefusedAndNothingStored(StoreKind kind)
    {
        Use(kind);
        server.MapRedirect("/innocent", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");

        var outcome = await web.AddUrlSourceAsync(new UrlSourceRequest(Guild, server.Url("/innocent").AbsoluteUri, Moderator), CancellationToken.None);

        Assert.Contains("the cloud metadata address", Assert.IsType<UploadOutcome.Refused>(outcome).Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await curator.ListSourcesAsync(Guild, 0, 10, CancellationToken.None)).Total);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Refresh_UnchangedPage_OneConditionalRequestAndNothingRewritten(StoreKind kind)
    {
        Use(kind);
        server.MapPage("/chaco", "text/html", Html("The Chaco War was fought between Bolivia and Paraguay."), etag: "\"v1\"");
        await web.AddUrlSourceAsync(new UrlSourceRequest(Guild, server.Url("/chaco").AbsoluteUri, Moderator), CancellationToken.None);
        var changesBefore = index.Corpus.Changes.LastChange();

        var outcome = await web.RefreshSourceAsync(Guild, "the-chaco-war", Moderator, CancellationToken.None);

        Assert.IsType<RefreshOutcome.Unchanged>(outcome);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("\"v1\"", server.Requests[^1].IfNoneMatch);
        Assert.Equal(changesBefore, index.Corpus.Changes.LastChange());
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Refresh_ChangedPage_ReindexedWithAnAuditEntry(StoreKind kind)
    {
        Use(kind);
        server.MapPage("/chaco", "text/html", Html("The Chaco War was fought between Bolivia and Paraguay."), etag: "\"v1\"");
        await web.AddUrlSourceAsync(new UrlSourceRequest(Guild, server.Url("/chaco").AbsoluteUri, Moderator), CancellationToken.None);
        server.MapPage("/chaco", "text/html", Html("The armistice that ended the Chaco War was signed in June 1935."), etag: "\"v2\"");

        var outcome = await web.RefreshSourceAsync(Guild, "the-chaco-war", Moderator, CancellationToken.None);

        Assert.IsType<RefreshOutcome.Updated>(outcome);
        var top = index.Ask("When was the armistice signed?", scope: CorpusScope.ForGuild(Guild)).Results[0];
        Assert.Contains("June 1935", top.Quote, StringComparison.Ordinal);
        Assert.DoesNotContain(index.Ask("Who fought the Chaco War?", scope: CorpusScope.ForGuild(Guild)).Results, r => r.Quote.Contains("fought", StringComparison.Ordinal));
        var history = await curator.HistoryAsync(Guild, 10, CancellationToken.None);
        Assert.Equal(["updated by refresh", "added"], history.Select(h => h.Action));
        Assert.Equal("\"v1\"", server.Requests[^1].IfNoneMatch);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Refresh_GonePage_KeepsItsTextAndIsFlagged(StoreKind kind)
    {
        Use(kind);
        server.MapPage("/chaco", "text/html", Html("The Chaco War was fought between Bolivia and Paraguay."));
        await web.AddUrlSourceAsync(new UrlSourceRequest(Guild, server.Url("/chaco").AbsoluteUri, Moderator), CancellationToken.None);
        server.Map("/chaco", context =>
        {
            context.Response.StatusCode = 410;
            return Task.CompletedTask;
        });

        var outcome = await web.RefreshSourceAsync(Guild, "the-chaco-war", Moderator, CancellationToken.None);

        Assert.Equal(410, Assert.IsType<RefreshOutcome.Gone>(outcome).Status);
        Assert.Equal("the-chaco-war", index.Ask("Who fought the Chaco War?", scope: CorpusScope.ForGuild(Guild)).Results[0].Citation.SourceId);
        var details = await curator.GetSourceAsync(Guild, "the-chaco-war", CancellationToken.None);
        Assert.Equal(time.GetUtcNow(), details!.Web!.GoneSince);

        server.MapPage("/chaco", "text/html", Html("The Chaco War was fought between Bolivia and Paraguay."));
        Assert.IsType<RefreshOutcome.Unchanged>(await web.RefreshSourceAsync(Guild, "the-chaco-war", Moderator, CancellationToken.None));
        Assert.Null((await curator.GetSourceAsync(Guild, "the-chaco-war", CancellationToken.None))!.Web!.GoneSince);
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task RefreshDue_OnlySourcesOlderThanRefreshHours(StoreKind kind)
    {
        Use(kind);
        server.MapPage("/chaco", "text/html", Html("The Chaco War was fought between Bolivia and Paraguay."), etag: "\"v1\"");
        await web.AddUrlSourceAsync(new UrlSourceRequest(Guild, server.Url("/chaco").AbsoluteUri, Moderator), CancellationToken.None);

        time.Advance(TimeSpan.FromHours(23));
        var early = await web.RefreshDueAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromHours(2));
        var due = await web.RefreshDueAsync(CancellationToken.None);
        var again = await web.RefreshDueAsync(CancellationToken.None);

        Assert.Equal((0, 1, 0), (early, due, again));
        Assert.Equal([null, "\"v1\""], server.Requests.Select(r => r.IfNoneMatch));
    }

    [Theory, SqliteStore, PostgresStore]
    public async Task Refresh_SourceNotFromTheWeb_NotFound(StoreKind kind)
    {
        Use(kind);
        await curator.AddSourceAsync(new SourceUpload(Guild, "chaco.md", Encoding.UTF8.GetBytes(TestSources.Chaco), Moderator), CancellationToken.None);

        Assert.IsType<RefreshOutcome.NotFound>(await web.RefreshSourceAsync(Guild, "chaco", Moderator, CancellationToken.None));
    }

    [Theory, SqliteStore, PostgresStore]
    public void Sync_BundledUrlFile_FetchedOnceThenKeptByTheSchedule(StoreKind kind)
    {
        Use(kind);
        server.MapPage("/coup", "text/html", Html("In 1964 a military junta led by General Barrientos overthrew the President.", "The 1964 coup"), etag: "\"v1\"");
        index.WriteSource("coup.url", $"---\ntitle: The coup of 1964\nlicense: CC BY 4.0\n---\n# the page on the coup\n{server.Url("/coup").AbsoluteUri}\n");

        var first = index.Sync();
        var second = index.Sync();

        Assert.Equal((1, 0, 1), (first.Added, second.Added, second.Unchanged));
        Assert.Single(server.Requests);
        var top = index.Ask("Who overthrew the President in 1964?").Results[0];
        Assert.Equal(("coup", "The coup of 1964", server.Url("/coup").AbsoluteUri), (top.Citation.SourceId, top.Citation.Title, top.Citation.Url));
    }

    [Theory, SqliteStore, PostgresStore]
    public void Sync_BundledUrlFileThatCannotBeFetched_NamedAsAProblem(StoreKind kind)
    {
        Use(kind);
        index.WriteSource("missing.url", server.Url("/nothing-here").AbsoluteUri + "\n");
        index.WriteSource("two.url", "https://example.org/a\nhttps://example.org/b\n");

        var report = index.Sync();

        Assert.Equal(0, report.Added);
        Assert.Contains(report.Problems, p => p.StartsWith("missing.url: ", StringComparison.Ordinal) && p.Contains("no page", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.StartsWith("two.url: ", StringComparison.Ordinal) && p.Contains("one web address", StringComparison.Ordinal));
    }
}
