using System.Text.Json.Nodes;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Tests.Interactions;

/// <summary>The router through the fake Discord: unknown and malformed input, the other commands, guards and permissions.</summary>
public sealed class InteractionRoutingTests
{
    [Fact]
    public async Task UnknownCommand_AnswersPrivateNoteAtOnce()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var call = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("frobnicate"));
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(call);

        var body = callback.Json!;
        Assert.Equal(4, body["type"]!.GetValue<int>());
        Assert.Equal(64, body["data"]!["flags"]!.GetValue<int>());
        Assert.Equal(InteractionRouter.UnknownCommandText, body["data"]!["content"]!.GetValue<string>());
        Assert.Empty(body["data"]!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Contains(bot.Logs.Lines, l => l.EventId.Id == 4004 && l.Message.Contains("frobnicate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MalformedInteraction_WithIdAndToken_AnswersNoteAndKeepsServing()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var broken = FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "x" });
        broken.Payload["data"] = "not an object";
        broken.Payload["member"] = 42;

        await bot.Discord.SendInteractionAsync(connection, broken);
        var note = await bot.Discord.Rest.WaitForCallbackAsync(broken);
        var ask = await bot.AskAsync(connection, "who led the coup");
        var answer = await bot.Discord.Rest.WaitForEditAsync(ask);

        Assert.Equal(InteractionRouter.MalformedText, note.Json!["data"]!["content"]!.GetValue<string>());
        Assert.Equal(64, note.Json!["data"]!["flags"]!.GetValue<int>());
        Assert.Equal(200, answer.Status);
        Assert.Contains(bot.Logs.Lines, l => l.EventId.Id == 4006);
    }

    [Fact]
    public async Task MalformedInteraction_WithoutToken_IsLoggedAndIgnored()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        await connection.SendDispatchAsync("INTERACTION_CREATE", new JsonObject { ["type"] = 2, ["data"] = new JsonArray() });
        var ask = await bot.AskAsync(connection, "who led the coup");
        await bot.Discord.Rest.WaitForEditAsync(ask);

        // Dispatches run on workers, so the malformed one may finish after the ask: wait for its log line.
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.EventId.Id == 4006), "the malformed interaction was logged");
        Assert.Single(bot.Discord.Rest.Requests, r => r.Path.EndsWith("/callback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ask_RequiredOptionMissing_AnswersMalformedNote()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var call = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("ask"));
        var edit = await bot.Discord.Rest.WaitForEditAsync(call);

        Assert.Equal(InteractionRouter.MalformedText, edit.Json!["content"]!.GetValue<string>());
        Assert.Empty(bot.Answers.Requests);
    }

    [Fact]
    public async Task Autocomplete_CommandWithoutSuggestions_AnswersEmptyChoices()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var call = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Autocomplete("ask", "question", "who le"));
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(call);

        Assert.True(Payload.SameJson("""{"type":8,"data":{"choices":[]}}""", callback.Body), callback.Body);
    }

    [Fact]
    public async Task Autocomplete_CommandWithSuggestions_AnswersAtMost25()
    {
        await using var bot = await BotHarness.StartAsync(services: s => s.AddSlashCommand<SuggestingCommand>());
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var call = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Autocomplete("suggest", "title", "bol"));
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(call);

        var choices = callback.Json!["data"]!["choices"]!.AsArray();
        Assert.Equal(25, choices.Count);
        Assert.Equal("bol 0", choices[0]!["name"]!.GetValue<string>());
        Assert.Equal(204, callback.Status);
    }

    [Fact]
    public async Task Help_AnswersImmediatelyAndPrivatelyWithoutDefer()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var call = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("help"));
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(call);

        Assert.Equal(4, callback.Json!["type"]!.GetValue<int>());
        Assert.Equal(64, callback.Json!["data"]!["flags"]!.GetValue<int>());
        Assert.Contains("/ask", callback.Json!["data"]!["embeds"]![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(204, callback.Status);
    }

    [Fact]
    public async Task About_InGuild_ShowsWhatCorpusSizeAndVersion()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var call = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("about"));
        var edit = await bot.Discord.Rest.WaitForEditAsync(call);

        var embed = edit.Json!["embeds"]![0]!;
        Assert.Contains("verbatim quotes", embed["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var fields = embed["fields"]!.AsArray();
        Assert.StartsWith("2 sources · 49 passages", fields[0]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(BotVersion.Number, fields[1]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sources_InDirectMessage_ListsGlobalSourcesOnlyPrivately()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var call = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("sources", guildId: null));
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(call);
        var edit = await bot.Discord.Rest.WaitForEditAsync(call);

        Assert.True(Payload.SameJson("""{"type":5,"data":{"flags":64}}""", callback.Body), callback.Body);
        var description = edit.Json!["embeds"]![0]!["description"]!.GetValue<string>();
        Assert.Contains("[The Bolivian coup of 1964](https://example.org/bolivia) — J. Historian · 42 passages", description, StringComparison.Ordinal);
        Assert.DoesNotContain("Club notes", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Guard_Refuses_AnswersPrivatelyWithoutRunningTheCommand()
    {
        await using var bot = await BotHarness.StartAsync(services: s => s.AddSingleton<IInteractionGuard>(new RefusingGuard()));
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var ask = await bot.AskAsync(connection, "who led the coup");
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(ask);

        Assert.Equal(4, callback.Json!["type"]!.GetValue<int>());
        Assert.Equal(64, callback.Json!["data"]!["flags"]!.GetValue<int>());
        Assert.Equal(RefusingGuard.Text, callback.Json!["data"]!["content"]!.GetValue<string>());
        Assert.Empty(bot.Answers.Requests);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("2048", false)]
    [InlineData("32", true)]
    [InlineData("8", true)]
    public async Task Command_RequiringManageServer_RunsOnlyForMembersWithIt(string permissions, bool runs)
    {
        await using var bot = await BotHarness.StartAsync(services: s => s.AddSlashCommand<ModeratorCommand>());
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var call = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("moderate", memberPermissions: permissions));
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(call);

        if (runs)
        {
            var edit = await bot.Discord.Rest.WaitForEditAsync(call);
            Assert.Equal(ModeratorCommand.Text, edit.Json!["content"]!.GetValue<string>());
        }
        else
        {
            Assert.Equal(4, callback.Json!["type"]!.GetValue<int>());
            Assert.Equal(64, callback.Json!["data"]!["flags"]!.GetValue<int>());
            Assert.Contains("Manage Server", callback.Json!["data"]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Requests_BotRoutes_CarryBotAuthAndUserAgent()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.Discord.Gateway.NextReadyConnectionAsync();

        var gatewayBot = await bot.Discord.Rest.WaitForOneAsync(r => r.Path == "/gateway/bot");

        Assert.Equal("Bot " + BotHarness.Token, gatewayBot.Header("Authorization"));
        Assert.Matches(@"^DiscordBot \(https://[^,]+, \d+\.\d+\.\d+[^)]*\)$", gatewayBot.Header("User-Agent"));
    }

    [Fact]
    public async Task Logs_WholeSessionWithFailures_NeverContainBotOrInteractionTokens()
    {
        await using var bot = await BotHarness.StartAsync();
        bot.Discord.Rest.Script("PATCH", "/messages/@original$", FakeResponse.RateLimited(0.05));
        bot.Discord.Rest.Script("POST", "/callback$", new FakeResponse(500, """{"message":"oops","code":0}"""));
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var first = await bot.AskAsync(connection, "who led the coup");
        await bot.Discord.Rest.WaitForCallbackAsync(first);
        var second = await bot.AskAsync(connection, "who led the coup");
        await bot.Discord.Rest.WaitForEditAsync(second, 2);
        await connection.SendReconnectAsync();
        await bot.Discord.Gateway.NextReadyConnectionAsync();

        var text = bot.Logs.AllText();
        Assert.Contains(bot.Logs.Lines, l => l.EventId.Id == 4007);
        Assert.DoesNotContain(BotHarness.TokenSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("aW50ZXJhY3Rpb24tc2VjcmV0", text, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(connection.Session!.Id, text, StringComparison.Ordinal);
    }

    private sealed class RefusingGuard : IInteractionGuard
    {
        public const string Text = "Slow down: try again in 12 seconds.";

        public ValueTask<Reply?> CheckAsync(InteractionContext call, CancellationToken cancellationToken)
            => ValueTask.FromResult<Reply?>(Reply.Text(Text));
    }
}

internal sealed class ModeratorCommand : ISlashCommand
{
    public const string Text = "moderated";

    public static SlashCommandSpec Spec { get; } = new("moderate", "A command for moderators", []) { RequiredPermissions = DiscordPermissions.ManageGuild };

    public ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken) => ValueTask.FromResult(Reply.Text(Text));
}

internal sealed class SuggestingCommand : IAutocompleteCommand
{
    public static SlashCommandSpec Spec { get; } = new("suggest", "Suggests titles", [new("title", "A title", Required: true) { Autocomplete = true }]);

    public ValueTask<Reply> ExecuteAsync(InteractionContext call, CancellationToken cancellationToken) => ValueTask.FromResult(Reply.Text(call.String("title")));

    public ValueTask<IReadOnlyList<AutocompleteChoice>> AutocompleteAsync(InteractionContext call, CancellationToken cancellationToken)
        => ValueTask.FromResult<IReadOnlyList<AutocompleteChoice>>(Enumerable.Range(0, 40).Select(i => new AutocompleteChoice($"{call.FocusedValue} {i}", $"v{i}")).ToList());
}
