using System.Text.Json.Nodes;
using ChatBot.Core;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;

namespace ChatBot.Discord.Tests.Interactions;

/// <summary>/timeline through the fake Discord: a public card a page at a time, Previous / Next privately, disagreements together, scope, the limit, refusals.</summary>
public sealed class TimelineEndToEndTests : IDisposable
{
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    private static Task<FakeInteraction> TimelineAsync(BotHarness bot, FakeGatewayConnection connection, string topic, ulong? guildId = FakeInteraction.DefaultGuildId)
        => bot.Discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("timeline", new JsonObject { ["topic"] = topic }, guildId));

    private static string CustomId(RecordedRequest card, string label)
        => card.Json!["components"]![0]!["components"]!.AsArray().Single(b => b!["label"]!.GetValue<string>() == label)!["custom_id"]!.GetValue<string>();

    [Fact]
    public async Task Timeline_DefersPubliclyThenShowsTheFirstPageWithANextButton()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var call = await TimelineAsync(bot, connection, "bolivia");
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(call);
        var edit = await bot.Discord.Rest.WaitForEditAsync(call);

        Assert.True(Payload.SameJson("""{"type":5}""", callback.Body), callback.Body);
        var embed = edit.Json!["embeds"]![0]!;
        Assert.Equal("Timeline: bolivia", embed["title"]!.GetValue<string>());
        var description = embed["description"]!.GetValue<string>();
        Assert.StartsWith("**1950** · year · *The Bolivian coup of 1964* — J. Historian · ¶ 3\n> Event of **1950** @everyone", description, StringComparison.Ordinal);
        Assert.Contains("**1954** · year", description, StringComparison.Ordinal);
        Assert.DoesNotContain("1955", description, StringComparison.Ordinal);
        Assert.Equal("1–5 of 12 events · 9 matching passages · 4 ms", embed["footer"]!["text"]!.GetValue<string>());
        Assert.Equal(["Next"], edit.Json!["components"]![0]!["components"]!.AsArray().Select(b => b!["label"]!.GetValue<string>()));
        Assert.Empty(edit.Json!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal(("bolivia", CorpusScope.ForGuild(FakeInteraction.DefaultGuildId)), Assert.Single(bot.Timelines.Requests));
    }

    [Fact]
    public async Task NextButton_LastPage_ShowsTheDisagreementTogetherPrivatelyWithPrevious()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var card = await bot.Discord.Rest.WaitForEditAsync(await TimelineAsync(bot, connection, "bolivia"));
        var second = await bot.Discord.Rest.WaitForEditAsync(await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button(CustomId(card, "Next"), "Timeline: bolivia")));

        var press = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button(CustomId(second, "Next"), "Timeline: bolivia"));
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(press);
        var last = await bot.Discord.Rest.WaitForEditAsync(press);

        Assert.True(Payload.SameJson("""{"type":5,"data":{"flags":64}}""", callback.Body), callback.Body);
        var embed = last.Json!["embeds"]![0]!;
        Assert.Equal("11–12 of 12 events · 9 matching passages · 4 ms", embed["footer"]!["text"]!.GetValue<string>());
        Assert.EndsWith(
            "**The sources disagree on the date:**\n"
            + "**1964-11-04** · day · *The Bolivian coup of 1964* — J. Historian · ¶ 3\n> On **November 4, 1964**, the junta took power.\n"
            + "**1965** · year · *A history of the army* · ¶ 7\n> In **1965** the junta took power.",
            embed["description"]!.GetValue<string>(),
            StringComparison.Ordinal);
        Assert.Equal(["Previous"], last.Json!["components"]![0]!["components"]!.AsArray().Select(b => b!["label"]!.GetValue<string>()));
        Assert.Equal(3, bot.Timelines.Requests.Count);
    }

    [Fact]
    public async Task NextButton_ExpiredKey_BuildsTheTimelineAgainFromTheCardTitle()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var page = await bot.Discord.Rest.WaitForEditAsync(await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button("tl:ZZZZZZZZZZ:5", "Timeline: the \\*tin\\* mines")));

        Assert.Equal("the *tin* mines", Assert.Single(bot.Timelines.Requests).Topic);
        Assert.StartsWith("6–10 of 12 events", page.Json!["embeds"]![0]!["footer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tl:%%%:1")]
    [InlineData("tl:abc")]
    [InlineData("tl:abc:99999999")]
    public async Task TimelineButton_Garbled_AnswersANotePrivately(string customId)
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var press = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button(customId, "Timeline: x"));
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(press);
        var note = await bot.Discord.Rest.WaitForEditAsync(press);

        Assert.True(Payload.SameJson("""{"type":5,"data":{"flags":64}}""", callback.Body), callback.Body);
        Assert.Equal("This button is garbled. Ask again with /timeline.", note.Json!["content"]!.GetValue<string>());
        Assert.Empty(bot.Timelines.Requests);
    }

    [Fact]
    public async Task Timeline_InDirectMessage_ReadsTheBundledCorpusOnly()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        await bot.Discord.Rest.WaitForEditAsync(await TimelineAsync(bot, connection, "bolivia", guildId: null));

        Assert.Equal(CorpusScope.Global, Assert.Single(bot.Timelines.Requests).Scope);
    }

    [Theory]
    [InlineData("?!")]
    [InlineData("   ")]
    public async Task Timeline_NoWords_IsRefusedPrivatelyWithoutBuilding(string topic)
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var callback = await bot.Discord.Rest.WaitForCallbackAsync(await TimelineAsync(bot, connection, topic));

        Assert.Equal((4, 64), (callback.Json!["type"]!.GetValue<int>(), callback.Json!["data"]!["flags"]!.GetValue<int>()));
        Assert.StartsWith("Give a topic", callback.Json!["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(bot.Timelines.Requests);
    }

    [Fact]
    public async Task Timeline_AndItsButtons_CountTowardThePerMemberLimit()
    {
        await using var bot = await BotHarness.StartAsync(configuration: new Dictionary<string, string?> { ["Community:AskLimitPerMinute"] = "2" });
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var card = await bot.Discord.Rest.WaitForEditAsync(await TimelineAsync(bot, connection, "bolivia"));
        await bot.Discord.Rest.WaitForEditAsync(await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button(CustomId(card, "Next"), "Timeline: bolivia")));

        foreach (var press in new[]
        {
            await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button(CustomId(card, "Next"), "Timeline: bolivia")),
            await TimelineAsync(bot, connection, "bolivia"),
        })
        {
            var callback = (await bot.Discord.Rest.WaitForCallbackAsync(press)).Json!;
            Assert.Equal((4, 64), (callback["type"]!.GetValue<int>(), callback["data"]!["flags"]!.GetValue<int>()));
            Assert.StartsWith("You are asking quickly", callback["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal(2, bot.Timelines.Requests.Count);
    }

    [Fact]
    public async Task Timeline_RealIndex_RunsFrom1942ToNovember4_1964()
    {
        await using var bot = await BotHarness.StartAsync(databasePath: work.File("chatbot.db"));
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var first = await bot.Discord.Rest.WaitForEditAsync(await TimelineAsync(bot, connection, "bolivia"));
        Assert.StartsWith("**1942** · year · *1964 Bolivian coup d'état*", first.Json!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var footer = first.Json!["embeds"]![0]!["footer"]!["text"]!.GetValue<string>();
        var total = int.Parse(footer.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
        var lastPage = await bot.Discord.Rest.WaitForEditAsync(await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button($"tl:ZZZZZZZZZZ:{total - 1}", "Timeline: bolivia")));

        Assert.Contains("**1964-11-04** · day", lastPage.Json!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("On **November 4, 1964**, a military junta", lastPage.Json!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
