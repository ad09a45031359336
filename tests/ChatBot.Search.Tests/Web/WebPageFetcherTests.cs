using System.Net;
using System.Text;
using ChatBot.Core;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Search.Web;
using ChatBot.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Tests.Web;

public sealed class WebPageFetcherTests : IAsyncLifetime
{
    private static readonly byte[] Page = Encoding.UTF8.GetBytes("<html><head><title>Coup</title></head><body><p>The junta took power.</p></body></html>");

    private TestWebServer server = null!;

    public async Task InitializeAsync() => server = await TestWebServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Fetch_ThreeRedirects_FollowsThemToThePage()
    {
        server.MapRedirect("/a", "/b", 301);
        server.MapRedirect("/b", server.Url("/c").AbsoluteUri, 307);
        server.MapRedirect("/c", "/page", 308);
        server.MapPage("/page", "text/html; charset=utf-8", Page);

        var outcome = await TestIndex.LoopbackFetcher().FetchAsync(server.Url("/a"), null, CancellationToken.None);

        Assert.Equal(Page, Assert.IsType<FetchOutcome.Fetched>(outcome).Content);
    }

    [Fact]
    public async Task Fetch_FourRedirects_Refused()
    {
        server.MapRedirect("/a", "/b");
        server.MapRedirect("/b", "/c");
        server.MapRedirect("/c", "/d");
        server.MapRedirect("/d", "/page");
        server.MapPage("/page", "text/html", Page);

        var outcome = await TestIndex.LoopbackFetcher().FetchAsync(server.Url("/a"), null, CancellationToken.None);

        Assert.Contains("redirects more than 3 times", Assert.IsType<FetchOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Requests, r => r.Path == "/page");
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "the cloud metadata address")]
    [InlineData("http://10.0.0.8/admin", "a private address")]
    [InlineData("http://[::ffff:127.0.0.1]/", "an IPv4-mapped address")]
    [InlineData("http://[fd00::1]/", "a unique-local address")]
    public async Task Fetch_RedirectToARefusedAddress_RefusedBeforeConnecting(string target, string reason)
    {
        server.MapRedirect("/a", target);

        var outcome = await TestIndex.LoopbackFetcher().FetchAsync(server.Url("/a"), null, CancellationToken.None);

        Assert.Contains(reason, Assert.IsType<FetchOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.org/file")]
    [InlineData("gopher://127.0.0.1:6379/_INFO")]
    public async Task Fetch_RedirectToAnotherScheme_Refused(string target)
    {
        server.MapRedirect("/a", target);

        var outcome = await TestIndex.LoopbackFetcher().FetchAsync(server.Url("/a"), null, CancellationToken.None);

        Assert.Contains("http:// or https://", Assert.IsType<FetchOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_LoopbackWithoutTheTestSetting_RefusedAtConnect()
    {
        server.MapPage("/page", "text/html", Page);
        var fetcher = TestIndex.LoopbackFetcher(new SourcesOptions { AllowLoopbackForTests = false });

        var byAddress = await fetcher.FetchAsync(server.Url("/page"), null, CancellationToken.None);
        var byName = await fetcher.FetchAsync(new Uri($"http://localhost:{server.BaseUrl.Port}/page"), null, CancellationToken.None);

        Assert.Contains("a loopback address", Assert.IsType<FetchOutcome.Failed>(byAddress).Reason, StringComparison.Ordinal);
        Assert.Contains("localhost resolves to a loopback address", Assert.IsType<FetchOutcome.Failed>(byName).Reason, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_NameThatResolvedToTheSiteAndThenToThePrivateNetwork_IsRefusedAtTheNextConnect()
    {
        // DNS rebinding: the name answers the real site (here the in-process server, allowed by the test-only
        // setting) for the first connection, then a private address and the cloud metadata address. Every
        // connection looks the name up once and connects only to what that lookup answered and the policy passed.
        server.Map("/page", async context =>
        {
            context.Response.Headers.Connection = "close"; // each fetch opens a connection of its own
            context.Response.ContentType = "text/html";
            await context.Response.Body.WriteAsync(Page, context.RequestAborted);
        });
        var answers = new Queue<IPAddress[]>([[IPAddress.Loopback], [IPAddress.Parse("10.0.0.7")], [IPAddress.Parse("169.254.169.254")]]);
        var lookups = 0;
        var fetcher = FetcherResolving((_, _) =>
        {
            lookups++;
            return ValueTask.FromResult(answers.Dequeue());
        });
        var url = new Uri($"http://archive.example:{server.BaseUrl.Port}/page");

        var first = await fetcher.FetchAsync(url, null, CancellationToken.None);
        var second = await fetcher.FetchAsync(url, null, CancellationToken.None);
        var third = await fetcher.FetchAsync(url, null, CancellationToken.None);

        Assert.Equal(Page, Assert.IsType<FetchOutcome.Fetched>(first).Content);
        Assert.Equal("archive.example resolves to a private address (10.0.0.7), which is not fetched", Assert.IsType<FetchOutcome.Failed>(second).Reason);
        Assert.Contains("the cloud metadata address", Assert.IsType<FetchOutcome.Failed>(third).Reason, StringComparison.Ordinal);
        Assert.Equal(3, lookups);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Fetch_NameAnsweringAPublicAddressFirstAndLoopbackAfterIt_IsRefusedBeforeAnyConnection()
    {
        // The other form of rebinding: one answer holding a public address first and a loopback one after it, for
        // a client that would try the next address when the first does not answer. Every address must pass.
        server.MapPage("/page", "text/html", Page);
        var fetcher = FetcherResolving((_, _) => ValueTask.FromResult<IPAddress[]>([IPAddress.Parse("93.184.216.34"), IPAddress.Loopback]), allowLoopback: false);

        var outcome = await fetcher.FetchAsync(new Uri($"http://archive.example:{server.BaseUrl.Port}/page"), null, CancellationToken.None);

        Assert.Equal("archive.example resolves to a loopback address (127.0.0.1), which is not fetched", Assert.IsType<FetchOutcome.Failed>(outcome).Reason);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_CredentialsInTheAddress_Refused()
    {
        var outcome = await TestIndex.LoopbackFetcher().FetchAsync(new Uri($"http://user:secret@127.0.0.1:{server.BaseUrl.Port}/page"), null, CancellationToken.None);

        Assert.Contains("user name or password", Assert.IsType<FetchOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Fetch_SlowBody_GivesUpAtTheTimeout()
    {
        server.Map("/slow", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><p>The beginning", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted); // the rest never comes
        });
        var fetcher = TestIndex.LoopbackFetcher(new SourcesOptions { AllowLoopbackForTests = true, FetchTimeoutSeconds = 1 });

        var outcome = await fetcher.FetchAsync(server.Url("/slow"), null, CancellationToken.None).WaitAsync(TestTimeouts.Default);

        Assert.Contains("took more than 1 s", Assert.IsType<FetchOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_OversizeBodyWithoutContentLength_RefusedAtTheLimit()
    {
        var sent = 0L;
        server.Map("/big", async context =>
        {
            context.Response.ContentType = "text/html";
            var chunk = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            for (var i = 0; i < 64; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                Interlocked.Add(ref sent, chunk.Length);
            }
        });
        var community = new CommunityOptions { MaxUploadBytes = 1024 * 1024, MaxPdfBytes = 1024 * 1024 };
        var fetcher = TestIndex.LoopbackFetcher(community: community);

        var outcome = await fetcher.FetchAsync(server.Url("/big"), null, CancellationToken.None);

        Assert.Contains("larger than 1 MB", Assert.IsType<FetchOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_DeclaredOversize_RefusedBeforeReading()
    {
        server.MapPage("/big", "application/pdf", new byte[3 * 1024 * 1024]);
        var fetcher = TestIndex.LoopbackFetcher(community: new CommunityOptions { MaxUploadBytes = 1024 * 1024, MaxPdfBytes = 2 * 1024 * 1024 });

        var outcome = await fetcher.FetchAsync(server.Url("/big"), null, CancellationToken.None);

        Assert.Contains("larger than 2 MB", Assert.IsType<FetchOutcome.Failed>(outcome).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_ImageContent_RefusedByType()
    {
        server.MapPage("/image", "image/png", [0x89, 0x50, 0x4E, 0x47]);

        var outcome = await TestIndex.LoopbackFetcher().FetchAsync(server.Url("/image"), null, CancellationToken.None);

        Assert.Equal("127.0.0.1 sent image/png, not HTML, text or PDF", Assert.IsType<FetchOutcome.Failed>(outcome).Reason);
    }

    [Fact]
    public async Task Fetch_WithValidators_AsksConditionallyAndSendsNoCookiesOrCredentials()
    {
        server.MapPage("/page", "text/html", Page, etag: "\"v1\"");

        var first = Assert.IsType<FetchOutcome.Fetched>(await TestIndex.LoopbackFetcher().FetchAsync(server.Url("/page"), null, CancellationToken.None));
        var second = await TestIndex.LoopbackFetcher().FetchAsync(server.Url("/page"), first.Validators, CancellationToken.None);

        Assert.Equal("\"v1\"", first.Validators.ETag);
        Assert.IsType<FetchOutcome.NotModified>(second);
        Assert.Equal([null, "\"v1\""], server.Requests.Select(r => r.IfNoneMatch));
        Assert.All(server.Requests, r => Assert.Null(r.Cookie ?? r.Authorization));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public async Task Fetch_MissingPage_IsGone(int status)
    {
        server.Map("/gone", context =>
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        });

        var outcome = await TestIndex.LoopbackFetcher().FetchAsync(server.Url("/gone"), null, CancellationToken.None);

        Assert.Equal(status, Assert.IsType<FetchOutcome.Gone>(outcome).Status);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    [InlineData("")]
    public void CheckAddress_NotAWebAddress_Refused(string url)
        => Assert.Equal("the url must be a web address starting with http:// or https://", WebPageFetcher.CheckAddress(url));

    private static WebPageFetcher FetcherResolving(HostResolver resolve, bool allowLoopback = true)
        => new(
            new HttpClient(SafeHttpHandler.Create(new AddressPolicy(allowLoopback), resolve)) { Timeout = Timeout.InfiniteTimeSpan },
            Options.Create(new SourcesOptions { AllowLoopbackForTests = allowLoopback }), Options.Create(new CommunityOptions()));
}
