using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Core;
using ChatBot.Discord.Community;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Tests.Community;

/// <summary>
/// The community features through the fake Discord, over the real index of the bundled corpus in a temp
/// database: moderators' /source and /gaps, per-server scope, feedback, the question limit, asking in chat.
/// </summary>
public sealed class CommunityEndToEndTests : IDisposable
{
    private const ulong OtherGuild = 81384788765712384;
    private const ulong Stranger = 80351110224678912;
    private const string SendMessagesOnly = "2048";

    private const string Chaco = TestSources.Chaco;

    private static readonly Dictionary<string, string?> NoLimit = new() { ["Community:AskLimitPerMinute"] = "1000" };
    private static readonly ulong BotUserId = new FakeDiscordOptions().ApplicationId;

    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task Source_MemberWithoutManageServer_IsRefusedPrivatelyAndNothingIsDownloaded()
    {
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var file = bot.Discord.AddFile("chaco.md", Encoding.UTF8.GetBytes(Chaco));

        var add = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Subcommand(
            "source", "add", memberPermissions: SendMessagesOnly, attachment: FakeInteraction.Attachment("chaco.md", file, Chaco.Length)));
        var gaps = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("gaps", memberPermissions: SendMessagesOnly));
        var autocomplete = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Autocomplete("source", "source", "", subcommand: "remove", memberPermissions: SendMessagesOnly));

        foreach (var refused in new[] { add, gaps })
        {
            var callback = await bot.Discord.Rest.WaitForCallbackAsync(refused);
            Assert.Equal((4, 64), (callback.Json!["type"]!.GetValue<int>(), callback.Json["data"]!["flags"]!.GetValue<int>()));
            Assert.Contains("Manage Server", callback.Json["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Empty((await bot.Discord.Rest.WaitForCallbackAsync(autocomplete)).Json!["data"]!["choices"]!.AsArray());
        Assert.Equal(0, bot.Discord.FileDownloads);
        Assert.Contains("no sources of its own", await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "list")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_AddThenAsk_FoundInThatServerOnlyUntilRemoved_AndTheHistorySaysWho()
    {
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var added = await AddAsync(bot, connection, "chaco.md", Encoding.UTF8.GetBytes(Chaco));

        Assert.Contains("Added \"The Chaco War\": 2 passages, id `chaco`", added, StringComparison.Ordinal);
        Assert.Contains("The Chaco War", await AskAsync(bot, connection, "Who fought the Chaco War?"), StringComparison.Ordinal);
        Assert.DoesNotContain("The Chaco War", await AskAsync(bot, connection, "Who fought the Chaco War?", OtherGuild), StringComparison.Ordinal);
        Assert.DoesNotContain("The Chaco War", await AskAsync(bot, connection, "Who fought the Chaco War?", guildId: null), StringComparison.Ordinal);
        Assert.Contains("Barrientos", await AskAsync(bot, connection, "who led the coup"), StringComparison.Ordinal);

        var show = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "show", new JsonObject { ["source"] = "chaco" }));
        Assert.Contains("The Chaco War was fought between Bolivia and Paraguay", show, StringComparison.Ordinal);
        Assert.Contains("has no source with the id \"chaco\"", await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "show", new JsonObject { ["source"] = "chaco" }, OtherGuild)), StringComparison.Ordinal);

        var removed = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "remove", new JsonObject { ["source"] = "chaco" }));
        Assert.Contains("Removed \"The Chaco War\" (2 passages)", removed, StringComparison.Ordinal);
        Assert.DoesNotContain("The Chaco War", await AskAsync(bot, connection, "Who fought the Chaco War?"), StringComparison.Ordinal);

        var history = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "history"));
        var lines = history.Split('\n');
        Assert.Contains("**Mason** removed *The Chaco War* (`chaco`, 2 passages)", lines[1], StringComparison.Ordinal);
        Assert.Contains("**Mason** added *The Chaco War* (`chaco`, 2 passages)", lines[2], StringComparison.Ordinal);
        Assert.Contains("Nothing has been added", await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "history", guildId: OtherGuild)), StringComparison.Ordinal);
        Assert.Empty(bot.Discord.Rest.Rejected);
    }

    [Fact]
    public async Task Source_AnotherServersSource_CannotBeRemovedOrAutocompleted()
    {
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        await AddAsync(bot, connection, "chaco.md", Encoding.UTF8.GetBytes(Chaco));

        var own = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Autocomplete("source", "source", "cha", subcommand: "remove"));
        var other = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Autocomplete("source", "source", "cha", OtherGuild, subcommand: "remove"));

        var choices = (await bot.Discord.Rest.WaitForCallbackAsync(own)).Json!["data"]!["choices"]!.AsArray();
        Assert.Equal(("The Chaco War (chaco)", "chaco"), (choices.Single()!["name"]!.GetValue<string>(), choices.Single()!["value"]!.GetValue<string>()));
        Assert.Empty((await bot.Discord.Rest.WaitForCallbackAsync(other)).Json!["data"]!["choices"]!.AsArray());
        Assert.Contains("has no source with the id \"chaco\"", await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "remove", new JsonObject { ["source"] = "chaco" }, OtherGuild)), StringComparison.Ordinal);
        Assert.Contains("The Chaco War", await AskAsync(bot, connection, "Who fought the Chaco War?"), StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[], long?, bool, string> BadUploads => new()
    {
        { "huge.md", Encoding.UTF8.GetBytes("# Big"), 3 * 1024 * 1024, false, "the limit is 2 MB" },
        { "liar.txt", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("The Chaco War was long. ", 120_000))), 2048, true, "larger than the 2 MB limit" },
        { "photo.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0], null, false, "not text" },
        { "empty.md", [], null, false, "empty" },
        { "report.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj"), null, false, "\"report.pdf\": reading the PDF failed" },
        { "report.docx", Encoding.ASCII.GetBytes("PK\u0003\u0004 word"), null, false, "not a source file" },
        { "menu.html", Encoding.UTF8.GetBytes("<html><body><nav><a href=\"/\">Home</a></nav></body></html>"), null, false, "no text" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Source_BadUpload_IsRefusedNamingTheProblemAndNothingIsStored(string name, byte[] content, long? claimedSize, bool chunked, string expected)
    {
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var reply = await AddAsync(bot, connection, name, content, claimedSize, chunked);

        Assert.StartsWith("Not added:", reply, StringComparison.Ordinal);
        Assert.Contains(expected, reply, StringComparison.Ordinal);
        Assert.Contains("no sources of its own", await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "list")), StringComparison.Ordinal);
        Assert.Contains("Nothing has been added", await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "history")), StringComparison.Ordinal);
        Assert.Empty(bot.Discord.Rest.Rejected);
    }

    [Fact]
    public async Task Source_AddedBeforeARestart_IsStillThereAndAnswered()
    {
        await using (var first = await StartAsync())
        {
            var connection = await first.Discord.Gateway.NextReadyConnectionAsync();
            await AddAsync(first, connection, "chaco.md", Encoding.UTF8.GetBytes(Chaco));
            await AskAsync(first, connection, "Who won the 1986 World Cup?");
        }

        await using var second = await StartAsync();
        var again = await second.Discord.Gateway.NextReadyConnectionAsync();

        var list = await TextAsync(second, again, FakeInteraction.Subcommand("source", "list"));
        Assert.Contains("The Chaco War", list, StringComparison.Ordinal);
        Assert.Contains("Quotas: 1 of 200 sources · 2 of 50,000 passages", list, StringComparison.Ordinal);
        Assert.Contains("The Chaco War", await AskAsync(second, again, "Who fought the Chaco War?"), StringComparison.Ordinal);
        Assert.Contains("added *The Chaco War*", await TextAsync(second, again, FakeInteraction.Subcommand("source", "history")), StringComparison.Ordinal);
        Assert.Contains("Who won the 1986 World Cup?", await TextAsync(second, again, FakeInteraction.SlashCommand("gaps")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gaps_ListsTheUnansweredQuestionAndTheFeedbackGiven()
    {
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var unanswered = await bot.AskAsync(connection, "Who won the 1986 World Cup?");
        var again = await bot.AskAsync(connection, "who won the 1986 world cup");
        var answered = await bot.AskAsync(connection, "who led the coup");

        // Questions are answered concurrently: /gaps counts them once all three are answered (and so logged).
        await bot.Discord.Rest.WaitForEditAsync(again);

        var buttons = (await bot.Discord.Rest.WaitForEditAsync(unanswered)).Json!["components"]![0]!["components"]!.AsArray();
        var down = buttons.Single(b => b!["label"]?.GetValue<string>() == "👎")!["custom_id"]!.GetValue<string>();
        var bad = (await bot.Discord.Rest.WaitForEditAsync(answered)).Json!["components"]![0]!["components"]!.AsArray()
            .Single(b => b!["label"]?.GetValue<string>() == "Report a bad quote")!["custom_id"]!.GetValue<string>();
        Assert.Contains("Thanks", await TextAsync(bot, connection, FakeInteraction.Button(down, "Who won the 1986 World Cup?")), StringComparison.Ordinal);
        Assert.Contains("Thanks", await TextAsync(bot, connection, FakeInteraction.Button(down, "Who won the 1986 World Cup?")), StringComparison.Ordinal);
        Assert.Contains("Thanks for the report", await TextAsync(bot, connection, FakeInteraction.Button(bad, "who led the coup").ByUser(Stranger)), StringComparison.Ordinal);

        var gaps = await TextAsync(bot, connection, FakeInteraction.SlashCommand("gaps", new JsonObject { ["days"] = 7 }));

        Assert.True(gaps.Contains("1. Who won the 1986 World Cup? · asked 2 times", StringComparison.Ordinal), gaps);
        Assert.DoesNotContain("who led the coup", gaps, StringComparison.Ordinal);
        Assert.Contains("3 asked · 2 not answered confidently", gaps, StringComparison.Ordinal);
        Assert.Contains("👍 0 · 👎 1 · bad quotes reported 1", gaps, StringComparison.Ordinal);
        Assert.Contains("No questions were asked", await TextAsync(bot, connection, FakeInteraction.SlashCommand("gaps", guildId: OtherGuild)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_OverTheLimit_IsRefusedSayingWhenThenAllowedAgain()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var bot = await StartAsync(limit: false, services: s => s.AddSingleton(sp => new AskRateLimiter(sp.GetRequiredService<IOptions<CommunityOptions>>(), clock)));
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Contains("Barrientos", await AskAsync(bot, connection, "who led the coup"), StringComparison.Ordinal);
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        var sixth = await bot.AskAsync(connection, "who led the coup");
        var refusal = (await bot.Discord.Rest.WaitForCallbackAsync(sixth)).Json!;
        var mention = FakeMessage.InGuild($"<@{BotUserId}> who led the coup?", [BotUserId]);
        await connection.SendDispatchAsync("MESSAGE_CREATE", mention);
        var mentionRefusal = await ReplyToAsync(bot, mention);

        Assert.Equal((4, 64), (refusal["type"]!.GetValue<int>(), refusal["data"]!["flags"]!.GetValue<int>()));
        Assert.Equal("You are asking quickly: please try again in 35 seconds.", refusal["data"]!["content"]!.GetValue<string>());
        Assert.Equal("You are asking quickly: please try again in 35 seconds.", mentionRefusal["content"]!.GetValue<string>());
        Assert.Contains("Barrientos", await AskAsync(bot, connection, "who led the coup", user: Stranger), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(35));
        Assert.Contains("Barrientos", await AskAsync(bot, connection, "who led the coup"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mention_IsAnsweredWithTheQuoteCardAsAReplyThatPingsNobody()
    {
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        await AddAsync(bot, connection, "chaco.md", Encoding.UTF8.GetBytes(Chaco));

        var mention = FakeMessage.InGuild($"<@{BotUserId}> who led the coup? @everyone <@{Stranger}>", [BotUserId, Stranger]);
        await connection.SendDispatchAsync("MESSAGE_CREATE", mention);
        var reply = await ReplyToAsync(bot, mention);

        Assert.Equal(FakeMessage.Id(mention).ToString(CultureInfo.InvariantCulture), reply["message_reference"]!["message_id"]!.GetValue<string>());
        Assert.Empty(reply["allowed_mentions"]!["parse"]!.AsArray());
        Assert.False(reply["allowed_mentions"]!["replied_user"]!.GetValue<bool>());
        var embed = reply["embeds"]![0]!;
        Assert.StartsWith("who led the coup? @", embed["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Barrientos", embed["description"]!.GetValue<string>(), StringComparison.Ordinal);

        var chaco = FakeMessage.InGuild($"<@!{BotUserId}> Who fought the Chaco War?", [BotUserId]);
        await connection.SendDispatchAsync("MESSAGE_CREATE", chaco);
        Assert.Contains("The Chaco War", Text(await ReplyToAsync(bot, chaco)), StringComparison.Ordinal);
        var direct = FakeMessage.Direct("Who fought the Chaco War?");
        await connection.SendDispatchAsync("MESSAGE_CREATE", direct);
        Assert.DoesNotContain("The Chaco War", Text(await ReplyToAsync(bot, direct)), StringComparison.Ordinal);
        Assert.Empty(bot.Discord.Rest.Rejected);
    }

    [Fact]
    public async Task Message_FromABotFromItselfOrNotForIt_IsIgnored()
    {
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var ignored = new[]
        {
            FakeMessage.InGuild($"<@{BotUserId}> who led the coup?", [BotUserId], authorId: FakeMessage.OtherBotId, bot: true),
            FakeMessage.InGuild($"<@{BotUserId}> who led the coup?", [BotUserId], authorId: BotUserId, bot: true),
            FakeMessage.InGuild("who led the coup?", []),
            FakeMessage.InGuild($"<@{Stranger}> who led the coup?", [Stranger]),
        };
        foreach (var message in ignored)
        {
            await connection.SendDispatchAsync("MESSAGE_CREATE", message);
        }

        var hint = FakeMessage.InGuild($"<@{BotUserId}>", [BotUserId]);
        await connection.SendDispatchAsync("MESSAGE_CREATE", hint);
        Assert.Equal(MessageAskHandler.HintText, (await ReplyToAsync(bot, hint))["content"]!.GetValue<string>());
        var direct = FakeMessage.Direct("who led the coup?");
        await connection.SendDispatchAsync("MESSAGE_CREATE", direct);
        await ReplyToAsync(bot, direct);

        // Messages are handled in order of arrival per connection; the two answered ones came last.
        Assert.Equal(2, bot.Discord.Rest.Requests.Count(r => r.Method == "POST" && r.Path.StartsWith("/channels/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Ask_WhileAnUploadIsBeingWritten_IsAnsweredFromTheCommittedCorpus()
    {
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        Assert.Contains("Barrientos", await AskAsync(bot, connection, "who led the coup"), StringComparison.Ordinal);

        // An upload writes all its passages in one transaction; hold one open, as a large upload would.
        using var writer = new SqliteConnection($"Data Source={Database};Pooling=False");
        writer.Open();
        using var transaction = writer.BeginTransaction(deferred: false);
        using (var insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO sources (guild_id, slug, origin, title, content_hash, passage_count, indexed_at) VALUES ({FakeInteraction.DefaultGuildId}, 'big', 'upload:big.md', 'Big', 'h', 0, '2026-11-28T12:00:00Z')";
            insert.ExecuteNonQuery();
        }

        Assert.Contains("Barrientos", await AskAsync(bot, connection, "who led the coup"), StringComparison.Ordinal);
        Assert.Contains("Barrientos", await AskAsync(bot, connection, "Who was René Barrientos?", OtherGuild), StringComparison.Ordinal);
        transaction.Rollback();
    }

    [Fact]
    public async Task Source_AddALargeFile_IsIndexedWhileAsksAreAnswered()
    {
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var paragraphs = Enumerable.Range(1, 6000).Select(i => $"Paragraph {i} tells of the mines of Potosí, the tin barons and the year {1900 + (i % 100)}.");
        var large = Encoding.UTF8.GetBytes("# The tin mines\n\n" + string.Join("\n\n", paragraphs));
        Assert.InRange(large.Length, 400_000, 2 * 1024 * 1024);

        var upload = bot.Discord.SendInteractionAsync(connection, FakeInteraction.Subcommand(
            "source", "add", attachment: FakeInteraction.Attachment("tin.md", bot.Discord.AddFile("tin.md", large), large.Length)));
        var asks = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => AskAsync(bot, connection, "who led the coup")));
        var added = await FinalAsync(bot, await upload);

        Assert.All(asks, a => Assert.Contains("Barrientos", a, StringComparison.Ordinal));
        Assert.Contains("Added \"The tin mines\": 6,000 passages", Text(added), StringComparison.Ordinal);
        Assert.Contains("The tin mines", await AskAsync(bot, connection, "tin barons of Potosí"), StringComparison.Ordinal);
    }

    private string Database => work.File("data/chatbot.db");

    private Task<BotHarness> StartAsync(bool limit = true, Action<IServiceCollection>? services = null)
        => BotHarness.StartAsync(configuration: limit ? NoLimit : null, services: services, databasePath: Database);

    [Fact]
    public async Task Source_AddWithKindAndPublished_ShowsThemAndAskKindQuotesOnlyThatKind()
    {
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var url = bot.Discord.AddFile("chaco.md", Encoding.UTF8.GetBytes(Chaco));
        var options = new JsonObject { ["kind"] = "primary", ["published"] = "June 12, 1935" };

        var added = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "add", options, attachment: FakeInteraction.Attachment("chaco.md", url, Chaco.Length)));
        var show = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "show", new JsonObject { ["source"] = "chaco" }));
        var primary = await TextAsync(bot, connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "Who fought the Chaco War?", ["kind"] = "primary" }));
        var secondary = await TextAsync(bot, connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "who led the coup", ["kind"] = "secondary" }));

        Assert.Contains("Added \"The Chaco War\"", added, StringComparison.Ordinal);
        Assert.Contains("Kind: primary", show, StringComparison.Ordinal);
        Assert.Contains("Published: 1935-06-12", show, StringComparison.Ordinal);
        Assert.Contains("*The Chaco War* — A. Historian · ¶ 1 · primary · 1935-06-12", primary, StringComparison.Ordinal);
        Assert.Contains("primary sources only", primary, StringComparison.Ordinal);
        Assert.Contains("· secondary · 1998", secondary, StringComparison.Ordinal);
        Assert.DoesNotContain("1964 Bolivian coup d'état", secondary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Source_AddWithPublishedNotADate_IsRefusedPrivately()
    {
        await using var bot = await StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var url = bot.Discord.AddFile("chaco.md", Encoding.UTF8.GetBytes(Chaco));

        var refused = await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "add", new JsonObject { ["published"] = "a while ago" }, attachment: FakeInteraction.Attachment("chaco.md", url, Chaco.Length)));

        Assert.Contains("published must be a year or a date", refused, StringComparison.Ordinal);
        Assert.Contains("no sources of its own", await TextAsync(bot, connection, FakeInteraction.Subcommand("source", "list")), StringComparison.Ordinal);
    }

    private static async Task<string> AddAsync(BotHarness bot, FakeGatewayConnection connection, string name, byte[] content, long? claimedSize = null, bool chunked = false)
    {
        var url = bot.Discord.AddFile(name, content, chunked);
        var add = FakeInteraction.Subcommand("source", "add", attachment: FakeInteraction.Attachment(name, url, claimedSize ?? content.Length));
        return await TextAsync(bot, connection, add);
    }

    private static async Task<string> AskAsync(BotHarness bot, FakeGatewayConnection connection, string question, ulong? guildId = FakeInteraction.DefaultGuildId, ulong? user = null)
    {
        var ask = FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = question }, guildId);
        return await TextAsync(bot, connection, user is { } id ? ask.ByUser(id) : ask);
    }

    private static async Task<string> TextAsync(BotHarness bot, FakeGatewayConnection connection, FakeInteraction interaction)
        => Text(await FinalAsync(bot, await bot.Discord.SendInteractionAsync(connection, interaction)));

    /// <summary>The message the member ends up seeing: a type 4 callback's, or the edit after a defer.</summary>
    private static async Task<JsonNode> FinalAsync(BotHarness bot, FakeInteraction interaction)
    {
        var callback = (await bot.Discord.Rest.WaitForCallbackAsync(interaction)).Json!;
        return callback["type"]!.GetValue<int>() == 4 ? callback["data"]! : (await bot.Discord.Rest.WaitForEditAsync(interaction)).Json!;
    }

    private static async Task<JsonNode> ReplyToAsync(BotHarness bot, JsonObject message)
    {
        var id = FakeMessage.Id(message).ToString(CultureInfo.InvariantCulture);
        var reply = await bot.Discord.Rest.WaitForOneAsync(r => r.Method == "POST" && r.Path.StartsWith("/channels/", StringComparison.Ordinal)
            && r.Json?["message_reference"]?["message_id"]?.GetValue<string>() == id);
        Assert.Equal(200, reply.Status);
        return reply.Json!;
    }

    /// <summary>Everything a member reads in a message: content, embed titles, descriptions, fields and footers.</summary>
    private static string Text(JsonNode message)
    {
        var parts = new List<string?> { message["content"]?.GetValue<string>() };
        foreach (var embed in message["embeds"]?.AsArray() ?? [])
        {
            parts.Add(embed!["title"]?.GetValue<string>());
            parts.Add(embed["description"]?.GetValue<string>());
            parts.AddRange((embed["fields"]?.AsArray() ?? []).Select(f => f!["name"]!.GetValue<string>() + ": " + f["value"]!.GetValue<string>()));
            parts.Add(embed["footer"]?["text"]?.GetValue<string>());
        }

        return string.Join('\n', parts.Where(p => !string.IsNullOrEmpty(p)));
    }
}
