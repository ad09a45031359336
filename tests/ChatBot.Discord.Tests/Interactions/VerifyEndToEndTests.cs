using System.Text.Json.Nodes;
using ChatBot.Core;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;

namespace ChatBot.Discord.Tests.Interactions;

/// <summary>/verify through the fake Discord: a public card with the verdict, the differences and the citation; scope; refusals.</summary>
public sealed class VerifyEndToEndTests : IDisposable
{
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    private static Task<FakeInteraction> VerifyAsync(BotHarness bot, FakeGatewayConnection connection, string quote, ulong? guildId = FakeInteraction.DefaultGuildId)
        => bot.Discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("verify", new JsonObject { ["quote"] = quote }, guildId));

    [Fact]
    public async Task Verify_CloseQuote_DefersPubliclyThenShowsTheDifferenceAndCitation()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var call = await VerifyAsync(bot, connection, "General René Barrientos toppled the president @everyone");
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(call);
        var edit = await bot.Discord.Rest.WaitForEditAsync(call);

        Assert.True(Payload.SameJson("""{"type":5}""", callback.Body), callback.Body);
        var embed = edit.Json!["embeds"]![0]!;
        Assert.Equal("General René Barrientos toppled the president @everyone", embed["title"]!.GetValue<string>());
        Assert.Equal(
            "**Close, not verbatim.** The original differs word by word as shown:\n\n"
            + "*The Bolivian coup of 1964* — J. Historian · ¶ 3 · [source](https://example.org/bolivia#:~:text=General%20Ren%C3%A9%20Barrientos%20overthrew%20the%20president)\n"
            + "> General René Barrientos overthrew the president\n"
            + "• changed: “toppled” where the original has “overthrew”",
            embed["description"]!.GetValue<string>());
        Assert.Equal("6 words compared · 3 ms", embed["footer"]!["text"]!.GetValue<string>());
        Assert.Empty(edit.Json!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal(("General René Barrientos toppled the president @everyone", CorpusScope.ForGuild(FakeInteraction.DefaultGuildId)), Assert.Single(bot.Quotes.Requests));
    }

    [Fact]
    public async Task Verify_InDirectMessage_ChecksTheBundledCorpusOnly()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        await bot.Discord.Rest.WaitForEditAsync(await VerifyAsync(bot, connection, "the coup surprised many", guildId: null));

        Assert.Equal(CorpusScope.Global, Assert.Single(bot.Quotes.Requests).Scope);
    }

    [Fact]
    public async Task Verify_NotFound_ShowsOnlyTheClosestPassageLabelled()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Quotes.Handler = quote => new QuoteVerification(
            quote, QuoteVerdict.NotFound, [new QuoteMatch(FakeQuoteVerifier.Source, "The coup surprised many foreign observers.", [])], 9, TimeSpan.Zero);
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var edit = await bot.Discord.Rest.WaitForEditAsync(await VerifyAsync(bot, connection, "the coup was welcomed by every foreign observer"));

        var description = edit.Json!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.StartsWith("**Not found.** The corpus does not hold these words.\nThe closest passage is below; it is not the quote.", description, StringComparison.Ordinal);
        Assert.Contains("**Closest passage:** *The Bolivian coup of 1964*", description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("“…”")]
    [InlineData("   ")]
    public async Task Verify_NoWords_IsRefusedPrivatelyWithoutVerifying(string quote)
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var callback = await bot.Discord.Rest.WaitForCallbackAsync(await VerifyAsync(bot, connection, quote));

        Assert.Equal(4, callback.Json!["type"]!.GetValue<int>());
        Assert.Equal(64, callback.Json!["data"]!["flags"]!.GetValue<int>());
        Assert.StartsWith("Give a quote to check", callback.Json!["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(bot.Quotes.Requests);
    }

    [Fact]
    public async Task Verify_RealIndex_FindsABundledQuoteVerbatim()
    {
        await using var bot = await BotHarness.StartAsync(databasePath: work.File("chatbot.db"));
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var edit = await bot.Discord.Rest.WaitForEditAsync(await VerifyAsync(bot, connection, "“The coup surprised many foreign observers.”"));

        var description = edit.Json!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.StartsWith("**Verbatim.** These words stand in the corpus as quoted:\n\n*United States Assistance to the Bolivian Military", description, StringComparison.Ordinal);
        Assert.EndsWith("· ¶ 1 (1/2) · secondary · 1998\n> The coup surprised many foreign observers", description, StringComparison.Ordinal);
    }
}
