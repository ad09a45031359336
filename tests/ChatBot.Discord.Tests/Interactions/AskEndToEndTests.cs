using System.Diagnostics;
using System.Text.Json.Nodes;
using ChatBot.Core;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;

namespace ChatBot.Discord.Tests.Interactions;

/// <summary>/ask and its buttons through the fake Discord: deadline, card, visibility, scope, limits, safety, rate limits.</summary>
public sealed class AskEndToEndTests
{
    [Fact]
    public async Task Ask_InGuild_DefersWithinDeadlineThenEditsOriginalWithQuoteCard()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var ask = await bot.AskAsync(connection, "who led the coup");
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(ask);
        var edit = await bot.Discord.Rest.WaitForEditAsync(ask);

        Assert.True(Stopwatch.GetElapsedTime(ask.SentAt, callback.Timestamp) < TimeSpan.FromSeconds(3), "the defer missed Discord's 3 s deadline");
        Assert.Equal(204, callback.Status);
        Assert.True(Payload.SameJson("""{"type":5}""", callback.Body), callback.Body);
        Assert.Equal(200, edit.Status);
        var body = edit.Json!;
        var embed = body["embeds"]![0]!;
        Assert.Equal("who led the coup", embed["title"]!.GetValue<string>());
        var description = embed["description"]!.GetValue<string>();
        Assert.StartsWith("**1.** *The Bolivian coup of 1964* — J. Historian · ¶ 3 · [source](https://example.org/bolivia#:~:text=On%204%20November%201964,", description, StringComparison.Ordinal);
        Assert.Contains(")\n> On 4 November 1964 General René Barrientos led the **coup** that", description, StringComparison.Ordinal);
        Assert.Contains("**2.** *A history of the army* · ¶ 12\n> **Barrientos**, the vice-president", description, StringComparison.Ordinal);
        Assert.Equal("3 of 12 matching passages · 2 sources · 4 ms", embed["footer"]!["text"]!.GetValue<string>());
        Assert.Empty(body["allowed_mentions"]!["parse"]!.AsArray());
        var buttons = body["components"]![0]!["components"]!.AsArray();
        Assert.Equal(["More", "Sources"], buttons.Select(b => b!["label"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.StartsWith("ask:", b!["custom_id"]!.GetValue<string>(), StringComparison.Ordinal));
        var request = Assert.Single(bot.Answers.Requests);
        Assert.Equal(new AnswerRequest("who led the coup", CorpusScope.ForGuild(FakeInteraction.DefaultGuildId), 3), request);
        Assert.Null(edit.Header("Authorization"));
        Assert.Empty(bot.Discord.Rest.Rejected);
    }

    [Fact]
    public async Task Ask_Private_DefersEphemerally()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var ask = await bot.AskAsync(connection, "who led the coup", isPrivate: true);
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(ask);
        await bot.Discord.Rest.WaitForEditAsync(ask);

        Assert.True(Payload.SameJson("""{"type":5,"data":{"flags":64}}""", callback.Body), callback.Body);
    }

    [Fact]
    public async Task Ask_InDirectMessage_SearchesGlobalCorpusOnly()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var ask = await bot.AskAsync(connection, "who led the coup", guildId: null);
        await bot.Discord.Rest.WaitForEditAsync(ask);

        Assert.Equal(CorpusScope.Global, Assert.Single(bot.Answers.Requests).Scope);
    }

    [Fact]
    public async Task Ask_NotCovered_SaysSoAndShowsOnlyTheClosestPassageLabelled()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Answers.Handler = (request, _) => ValueTask.FromResult(SampleAnswers.NotCovered(request));
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var ask = await bot.AskAsync(connection, "what is the airspeed of a swallow");
        var edit = await bot.Discord.Rest.WaitForEditAsync(ask);

        var embed = edit.Json!["embeds"]![0]!;
        var description = embed["description"]!.GetValue<string>();
        Assert.StartsWith("**The corpus does not cover this question.**", description, StringComparison.Ordinal);
        Assert.Contains("**Closest passage:**", description, StringComparison.Ordinal);
        Assert.DoesNotContain("**1.**", description, StringComparison.Ordinal);
        Assert.DoesNotContain(edit.Json!["components"]![0]!["components"]!.AsArray(), b => b!["label"]!.GetValue<string>() == "More");
    }

    [Fact]
    public async Task Ask_HostileQuestion_PassedVerbatimRenderedInertWithMentionsDisabled()
    {
        var hostile = "\"coup\" AND NEAR(led army) OR * col:umn ) ( @everyone <@123> **bold** ||spoiler|| [link](https://evil.example) # head\n> quote ";
        hostile += string.Concat(Enumerable.Repeat("ab ", (1000 - hostile.Length) / 3));
        hostile = hostile.PadRight(1000, 'x');
        await using var bot = await BotHarness.StartAsync();
        bot.Answers.Handler = (request, _) => ValueTask.FromResult(new Answer(
            request.Question,
            true,
            [SampleAnswers.Quote(1, request.Question, "@everyone", "echo", request.Question, request.Question, "javascript:alert(1)", "¶ 1")],
            1,
            TimeSpan.FromMilliseconds(1)));
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var ask = await bot.AskAsync(connection, hostile);
        var edit = await bot.Discord.Rest.WaitForEditAsync(ask);

        Assert.Equal(1000, hostile.Length);
        Assert.Equal(hostile, Assert.Single(bot.Answers.Requests).Question);
        Assert.Equal(200, edit.Status);
        Assert.Empty(bot.Discord.Rest.Rejected);
        Assert.Empty(edit.Json!["allowed_mentions"]!["parse"]!.AsArray());
        var embed = edit.Json["embeds"]![0]!;
        var title = embed["title"]!.GetValue<string>();
        var description = embed["description"]!.GetValue<string>();
        Assert.InRange(title.Length, 1, 256);
        Assert.Contains("\\*\\*bold\\*\\*", title, StringComparison.Ordinal);
        Assert.Contains("\\<@123>", description, StringComparison.Ordinal);
        Assert.Contains("\\|\\|spoiler\\|\\|", description, StringComparison.Ordinal);
        Assert.Contains("\\[link\\](https://evil.example)", description, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", description, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_EditRateLimited_RetriedOnceAfterRetryAfter()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Discord.Rest.Script("PATCH", "/messages/@original$", FakeResponse.RateLimited(0.3));
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var ask = await bot.AskAsync(connection, "who led the coup");
        var limited = await bot.Discord.Rest.WaitForEditAsync(ask, 1);
        var retried = await bot.Discord.Rest.WaitForEditAsync(ask, 2);

        Assert.Equal(429, limited.Status);
        Assert.Equal(200, retried.Status);
        Assert.True(Stopwatch.GetElapsedTime(limited.Timestamp, retried.Timestamp) >= TimeSpan.FromMilliseconds(290), "retried before retry_after");
        Assert.Equal(limited.Body, retried.Body);
    }

    [Fact]
    public async Task Ask_EditRateLimitedAgainAndAgain_GivesUpInsteadOfLooping()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Discord.Rest.Script("PATCH", "/messages/@original$", FakeResponse.RateLimited(0.05), times: 4);
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var ask = await bot.AskAsync(connection, "who led the coup");

        // Two tries for the answer, two for the apology, then nothing more.
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.EventId.Id == 4008), "the bot gave up telling the user");
        Assert.Equal(4, bot.Discord.Rest.Requests.Count(r => r.Method == "PATCH"));
        Assert.All(bot.Discord.Rest.Requests.Where(r => r.Method == "PATCH"), r => Assert.Equal(429, r.Status));
    }

    [Fact]
    public async Task Ask_ManyAtOnce_AllAnsweredConcurrently()
    {
        const int Count = 12;
        var arrived = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // One member asking twelve questions at once would meet the per-minute limit; that is not what this measures.
        await using var bot = await BotHarness.StartAsync(configuration: new Dictionary<string, string?> { ["Community:AskLimitPerMinute"] = "100" });
        bot.Answers.Handler = async (request, ct) =>
        {
            if (Interlocked.Increment(ref arrived) == Count)
            {
                all.TrySetResult();
            }

            // Every ask waits until all of them are in the engine at once: served one by one, this never completes.
            await all.Task.WaitAsync(TestTimeouts.Default, ct);
            return SampleAnswers.Confident(request);
        };
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var asks = new List<FakeInteraction>();
        for (var i = 0; i < Count; i++)
        {
            asks.Add(await bot.AskAsync(connection, $"question {i}"));
        }

        foreach (var ask in asks)
        {
            var callback = await bot.Discord.Rest.WaitForCallbackAsync(ask);
            var edit = await bot.Discord.Rest.WaitForEditAsync(ask);
            Assert.True(Stopwatch.GetElapsedTime(ask.SentAt, callback.Timestamp) < TimeSpan.FromSeconds(3));
            Assert.Equal(200, edit.Status);
        }
    }

    [Fact]
    public async Task Ask_EngineFails_ApologisesAndKeepsServing()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Answers.Handler = (_, _) => throw new InvalidOperationException("database is locked");
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var failing = await bot.AskAsync(connection, "who led the coup");
        var apology = await bot.Discord.Rest.WaitForEditAsync(failing);
        bot.Answers.Handler = (request, _) => ValueTask.FromResult(SampleAnswers.Confident(request));
        var next = await bot.AskAsync(connection, "who led the coup");
        var answer = await bot.Discord.Rest.WaitForEditAsync(next);

        Assert.Equal(InteractionRouter.FailureText, apology.Json!["content"]!.GetValue<string>());
        Assert.Empty(apology.Json!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.NotNull(answer.Json!["embeds"]);
        Assert.Contains(bot.Logs.Lines, l => l.EventId.Id == 4007 && l.Exception!.Contains("database is locked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MoreButton_StoredQuestion_AnswersNextResultsPrivately()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var ask = await bot.AskAsync(connection, "who led the coup");
        var card = await bot.Discord.Rest.WaitForEditAsync(ask);
        var more = card.Json!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();

        var press = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button(more, "who led the coup"));
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(press);
        var page = await bot.Discord.Rest.WaitForEditAsync(press);

        Assert.True(Payload.SameJson("""{"type":5,"data":{"flags":64}}""", callback.Body), callback.Body);
        Assert.Equal(new AnswerRequest("who led the coup", CorpusScope.ForGuild(FakeInteraction.DefaultGuildId), 3, 3), bot.Answers.Requests.Last());
        Assert.StartsWith("4–6 of 12 matching passages", page.Json!["embeds"]![0]!["footer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("**4.**", page.Json!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_KindGiven_AsksForThatKindAndTheMoreButtonKeepsIt()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var ask = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "who led the coup", ["kind"] = "secondary" }));
        var card = await bot.Discord.Rest.WaitForEditAsync(ask);
        var more = card.Json!["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>();

        await bot.Discord.Rest.WaitForEditAsync(await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button(more, "who led the coup")));

        Assert.EndsWith(":3:secondary", more, StringComparison.Ordinal);
        Assert.Contains("secondary sources only", card.Json!["embeds"]![0]!["footer"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal([SourceKind.Secondary, SourceKind.Secondary], bot.Answers.Requests.Select(r => r.Kind));
        Assert.Equal(3, bot.Answers.Requests.Last().Skip);
    }

    [Fact]
    public async Task SourcesButton_StoredQuestion_ListsCitedSourcesOnce()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var ask = await bot.AskAsync(connection, "who led the coup");
        var card = await bot.Discord.Rest.WaitForEditAsync(ask);
        var sources = card.Json!["components"]![0]!["components"]![1]!["custom_id"]!.GetValue<string>();

        var press = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button(sources, "who led the coup"));
        var list = await bot.Discord.Rest.WaitForEditAsync(press);

        var description = list.Json!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Equal(1, CountOf(description, "The Bolivian coup of 1964"));
        Assert.Contains("quoted: ¶ 3, ¶ 7", description, StringComparison.Ordinal);
        Assert.Contains("A history of the army", description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("who led the coup", "who led the coup")]
    [InlineData("who \\*really\\* led the coup", "who *really* led the coup")]
    [InlineData("a very long question cut off…", "a very long question cut off")]
    public async Task MoreButton_ExpiredKey_AsksAgainWithTheCardTitle(string title, string question)
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var press = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button("ask:more:ZZZZZZZZZZ:3", title));
        await bot.Discord.Rest.WaitForEditAsync(press);

        Assert.Equal(question, Assert.Single(bot.Answers.Requests).Question);
    }

    [Fact]
    public async Task MoreButton_ExpiredKeyAndNoTitle_AnswersExpiredNote()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var press = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button("ask:more:ZZZZZZZZZZ:3"));
        var edit = await bot.Discord.Rest.WaitForEditAsync(press);

        Assert.Equal(AskButtons.ExpiredText, edit.Json!["content"]!.GetValue<string>());
        Assert.Empty(bot.Answers.Requests);
    }

    [Theory]
    [InlineData("ask:more:%%%:x")]
    [InlineData("ask:more:abc")]
    [InlineData("ask:more:abc:99999999999")]
    [InlineData("ask:jump:abc:3")]
    public async Task Button_GarbledAskId_AnswersPrivateNote(string customId)
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var press = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button(customId, "who led the coup"));
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(press);
        var edit = await bot.Discord.Rest.WaitForEditAsync(press);

        Assert.True(Payload.SameJson("""{"type":5,"data":{"flags":64}}""", callback.Body), callback.Body);
        Assert.Equal(AskButtons.GarbledText, edit.Json!["content"]!.GetValue<string>());
        Assert.Empty(bot.Answers.Requests);
        Assert.Contains(bot.Logs.Lines, l => l.EventId.Id == 4011);
    }

    [Fact]
    public async Task Button_UnknownPrefix_AnswersPrivateNoteAtOnce()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var press = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Button("vote:up:42"));
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(press);

        var body = callback.Json!;
        Assert.Equal(4, body["type"]!.GetValue<int>());
        Assert.Equal(64, body["data"]!["flags"]!.GetValue<int>());
        Assert.Equal(InteractionRouter.UnknownComponentText, body["data"]!["content"]!.GetValue<string>());
        Assert.Empty(body["data"]!["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task Ask_SplitAcrossFrames_IsAnswered()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var ask = FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "who led the coup " + new string('x', 40_000) });

        await bot.Discord.SendInteractionInFramesAsync(connection, ask, parts: 7);
        var edit = await bot.Discord.Rest.WaitForEditAsync(ask);

        Assert.Equal(200, edit.Status);
        Assert.StartsWith("who led the coup", Assert.Single(bot.Answers.Requests).Question, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
