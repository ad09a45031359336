using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;

namespace ChatBot.Discord.Tests.Community;

/// <summary>PDF uploads and web sources through Discord: the bot over the real index, pages from an in-process server.</summary>
public sealed class WebAndPdfSourceEndToEndTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory work = new();
    private TestWebServer server = null!;

    public async Task InitializeAsync() => server = await TestWebServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task SourceAdd_Pdf_AnsweredWithItsPageLocator()
    {
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var pdf = TestPdf.Article();
        var file = bot.Discord.AddFile("revolution.pdf", pdf);

        var added = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "add", attachment: FakeInteraction.Attachment("revolution.pdf", file, pdf.Length)));
        var answer = await TextAsync(bot, connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "What did the land reform of 1953 break up?" }));

        Assert.Contains("Added \"The Bolivian National Revolution\": 4 passages, id `revolution`", added, StringComparison.Ordinal);
        Assert.Contains("*The Bolivian National Revolution* — A. Historian · pp. 1–2 ¶ 3", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceAdd_PdfOverItsLimit_RefusedBeforeDownloading()
    {
        await using var bot = await StartAsync(new() { ["Community:MaxPdfBytes"] = "4096" });
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var file = bot.Discord.AddFile("big.pdf", new byte[8192]);

        var reply = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "add", attachment: FakeInteraction.Attachment("big.pdf", file, 8192)));

        Assert.Contains("Not added: \"big.pdf\" is 0 MB; the limit is 0 MB", reply.Replace("0.0", "0", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(0, bot.Discord.FileDownloads);
    }

    [Fact]
    public async Task SourceAddUrl_ThenRefreshAndGone_LinksOpenAtTheQuoteAndShowFlagsIt()
    {
        var page = Encoding.UTF8.GetBytes(
            "<html><head><title>The Chaco War</title></head><body><main><p>The Chaco War was fought between Bolivia and Paraguay from 1932 to 1935.</p></main></body></html>");
        server.MapPage("/chaco", "text/html", page, etag: "\"v1\"");
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var added = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "add", new JsonObject { ["url"] = server.Url("/chaco").AbsoluteUri }));
        var answer = await TextAsync(bot, connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "Who fought the Chaco War?" }));
        var unchanged = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "refresh", new JsonObject { ["source"] = "the-chaco-war" }));
        server.Map("/chaco", context =>
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        var gone = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "refresh", new JsonObject { ["source"] = "the-chaco-war" }));
        var show = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "show", new JsonObject { ["source"] = "the-chaco-war" }));

        Assert.Contains("Added \"The Chaco War\": 1 passage, id `the-chaco-war`", added, StringComparison.Ordinal);
        Assert.Contains($"[source]({server.Url("/chaco").AbsoluteUri}#:~:text=The%20Chaco%20War%20was,from%201932%20to%201935.)", answer, StringComparison.Ordinal);
        Assert.Contains("\"The Chaco War\" has not changed.", unchanged, StringComparison.Ordinal);
        Assert.Contains("is gone (the server answered 404); its last text is kept", gone, StringComparison.Ordinal);
        Assert.Contains("⚠ Gone: the page has not been there since", show, StringComparison.Ordinal);
        Assert.Contains("Chaco", await TextAsync(bot, connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "Who fought the Chaco War?" })), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceAddUrl_WithKindAndPublished_CitedWithThemBeforeAndAfterTheRefreshThatChangedThePage()
    {
        server.MapPage("/chaco", "text/html", Encoding.UTF8.GetBytes(
            "<html><head><title>The Chaco War</title></head><body><main><p>The Chaco War was fought between Bolivia and Paraguay from 1932 to 1935.</p></main></body></html>"));
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var added = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "add", new JsonObject
        {
            ["url"] = server.Url("/chaco").AbsoluteUri, ["kind"] = "secondary", ["published"] = "1998",
        }));
        var before = await TextAsync(bot, connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "Who fought the Chaco War?" }));
        server.MapPage("/chaco", "text/html", Encoding.UTF8.GetBytes(
            "<html><head><title>The Chaco War</title></head><body><main><p>The Chaco War was fought between Bolivia and Paraguay from 1932 until 1935.</p></main></body></html>"));
        var refreshed = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "refresh", new JsonObject { ["source"] = "the-chaco-war" }));
        var after = await TextAsync(bot, connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "Who fought the Chaco War until 1935?" }));
        var badDate = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "add", new JsonObject
        {
            ["url"] = server.Url("/chaco").AbsoluteUri, ["published"] = "last spring",
        }));

        Assert.Contains("Added \"The Chaco War\": 1 passage", added, StringComparison.Ordinal);
        Assert.Contains("· secondary · 1998", before, StringComparison.Ordinal);
        Assert.Contains("Updated \"The Chaco War\": the page changed", refreshed, StringComparison.Ordinal);
        Assert.Contains("until 1935", after, StringComparison.Ordinal);
        Assert.Contains("· secondary · 1998", after, StringComparison.Ordinal);
        Assert.Contains("Not added: published must be a year or a date", badDate, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "the cloud metadata address")]
    [InlineData("http://192.168.0.1/", "a private address")]
    [InlineData("ftp://example.org/notes.txt", "http:// or https://")]
    public async Task SourceAddUrl_RefusedAddress_SaysWhyAndStoresNothing(string url, string reason)
    {
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var reply = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "add", new JsonObject { ["url"] = url }));

        Assert.StartsWith("Not added:", reply, StringComparison.Ordinal);
        Assert.Contains(reason, reply, StringComparison.Ordinal);
        Assert.Contains("no sources of its own", await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "list")), StringComparison.Ordinal);
    }

    private Task<BotHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Community:AskLimitPerMinute"] = "1000",
            ["Sources:AllowLoopbackForTests"] = "true", // the in-process page server is on 127.0.0.1
        };
        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        return BotHarness.StartAsync(configuration: configuration, databasePath: work.File("data/chatbot.db"));
    }

    private static async Task<string> TextAsync(BotHarness bot, FakeGatewayConnection connection, FakeInteraction interaction)
    {
        var sent = await bot.Discord.SendInteractionAsync(connection, interaction);
        var callback = (await bot.Discord.Rest.WaitForCallbackAsync(sent)).Json!;
        var message = callback["type"]!.GetValue<int>() == 4 ? callback["data"]! : (await bot.Discord.Rest.WaitForEditAsync(sent)).Json!;
        var parts = new List<string?> { message["content"]?.GetValue<string>() };
        foreach (var embed in message["embeds"]?.AsArray() ?? [])
        {
            parts.Add(embed!["title"]?.GetValue<string>());
            parts.Add(embed["description"]?.GetValue<string>());
            parts.AddRange((embed["fields"]?.AsArray() ?? []).Select(f => f!["name"]!.GetValue<string>() + ": " + f["value"]!.GetValue<string>()));
        }

        return string.Join('\n', parts.Where(p => !string.IsNullOrEmpty(p)));
    }
}
