using System.Globalization;
using System.Text.Json.Nodes;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Community;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;

namespace ChatBot.Discord.Tests.Commands;

/// <summary>Commands registered at start: GET, compare by meaning, PUT only when different (https://discord.com/developers/docs/interactions/application-commands#registering-a-command).</summary>
public sealed class CommandRegistrationTests
{
    private static readonly string App = new FakeDiscordOptions().ApplicationId.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Ready_NoCommandsYet_PutsAllCommandsGlobally()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.Discord.Gateway.NextReadyConnectionAsync();

        var put = await bot.Discord.Rest.WaitForOneAsync(r => r.Method == "PUT");

        Assert.Equal($"/applications/{App}/commands", put.Path);
        Assert.Equal(200, put.Status);
        var commands = put.Json!.AsArray();
        Assert.Equal(["about", "ask", "gaps", "help", "source", "sources", "timeline", "verify"], commands.Select(c => c!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var ask = commands.Single(c => c!["name"]!.GetValue<string>() == "ask")!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("[0,1]"), ask["contexts"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("[0]"), ask["integration_types"]));
        var question = ask["options"]![0]!;
        Assert.Equal(("question", 3, true, 1000), (question["name"]!.GetValue<string>(), question["type"]!.GetValue<int>(), question["required"]!.GetValue<bool>(), question["max_length"]!.GetValue<int>()));
        Assert.Equal(("private", 5), (ask["options"]![1]!["name"]!.GetValue<string>(), ask["options"]![1]!["type"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Ready_SameCommandsAsDiscordReturnsThem_DoesNotPut()
    {
        // Discord holds the commands before the bot starts: set later, a fast READY could read none and PUT.
        await using var discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { ExpectedToken = BotHarness.Token });
        discord.Rest.SetCommands("global", DiscordShaped(global: true));
        await using var bot = await BotHarness.StartAsync(sharedDiscord: discord);
        await bot.Discord.Gateway.NextReadyConnectionAsync();

        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.EventId.Id is 4101 or 4102), "registration finished");

        Assert.Contains(bot.Logs.Lines, l => l.EventId.Id == 4101);
        Assert.Equal(0, bot.Discord.Rest.CommandPuts("global"));
    }

    [Fact]
    public async Task Ready_OneDescriptionChanged_PutsAgain()
    {
        await using var bot = await BotHarness.StartAsync();
        var stored = DiscordShaped(global: true);
        stored[0]!["description"] = "An older description";
        bot.Discord.Rest.SetCommands("global", stored);
        await bot.Discord.Gateway.NextReadyConnectionAsync();

        await bot.Discord.Rest.WaitForOneAsync(r => r.Method == "PUT");

        Assert.Equal(1, bot.Discord.Rest.CommandPuts("global"));
    }

    [Fact]
    public async Task Ready_GuildConfigured_RegistersToThatGuildWithoutGlobalOnlyFields()
    {
        await using var bot = await BotHarness.StartAsync(configuration: new Dictionary<string, string?> { ["Discord:GuildId"] = "290926798626357999" });
        await bot.Discord.Gateway.NextReadyConnectionAsync();

        var put = await bot.Discord.Rest.WaitForOneAsync(r => r.Method == "PUT");

        Assert.Equal($"/applications/{App}/guilds/290926798626357999/commands", put.Path);
        Assert.All(put.Json!.AsArray(), c => Assert.Null(c!["contexts"]));
    }

    [Fact]
    public async Task Ready_AgainAfterNewSession_DoesNotRegisterTwice()
    {
        await using var bot = await BotHarness.StartAsync();
        var first = await bot.Discord.Gateway.NextReadyConnectionAsync();
        await bot.Discord.Rest.WaitForOneAsync(r => r.Method == "PUT");

        await first.SendInvalidSessionAsync(resumable: false);
        var second = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var ask = await bot.AskAsync(second, "who led the coup");
        await bot.Discord.Rest.WaitForEditAsync(ask);

        Assert.Single(bot.Discord.Rest.Requests, r => r.Method == "GET" && r.Path.EndsWith("/commands", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BotCommands_FollowDiscordsRules()
    {
        var commands = new[] { AskCommand.Spec, SourcesCommand.Spec, AboutCommand.Spec, HelpCommand.Spec, SourceCommand.Spec, GapsCommand.Spec, VerifyCommand.Spec, TimelineCommand.Spec }.Select(s => s.ToApplicationCommand(global: true)).ToList();

        Assert.Empty(CommandValidator.Validate(commands));
        Assert.All(commands, c => Assert.InRange(CommandValidator.Size(c), 1, CommandValidator.MaxCommandSize));
    }

    [Theory]
    [InlineData("Ask", "a description", "not a valid name")]
    [InlineData("has space", "a description", "not a valid name")]
    [InlineData("abcdefghijklmnopqrstuvwxyz1234567", "a description", "not a valid name")]
    [InlineData("ask", "", "the description must be 1–100 characters")]
    public void Validate_BadNameOrDescription_IsReported(string name, string description, string expected)
    {
        var problems = CommandValidator.Validate([new SlashCommandSpec(name, description, []).ToApplicationCommand(true)]);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RequiredOptionAfterOptional_IsReported()
    {
        var spec = new SlashCommandSpec("cmd", "d", [new("a", "a"), new("b", "b", Required: true)]);

        Assert.Contains(CommandValidator.Validate([spec.ToApplicationCommand(true)]), p => p.Contains("required options come first", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TooManyOptionsChoicesAndSize_AreReported()
    {
        var choices = Enumerable.Range(0, 26).Select(i => new ApplicationCommandChoice($"c{i}", new string('v', 100))).ToList();
        var options = Enumerable.Range(0, 26).Select(i => new CommandOptionSpec($"o{i}", new string('d', 100)) { Choices = choices, Autocomplete = i == 0 }).ToList();

        var problems = CommandValidator.Validate([new SlashCommandSpec("big", "d", options).ToApplicationCommand(true)]);

        Assert.Contains(problems, p => p.Contains("26 options", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("26 choices", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("both choices and autocomplete", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("8000", StringComparison.Ordinal));
    }

    [Fact]
    public void SameSet_DiscordShapedCopy_IsTheSame()
    {
        var desired = Desired(global: true);
        var existing = DiscordJson.Deserialize<List<ApplicationCommand>>(System.Text.Encoding.UTF8.GetBytes(DiscordShaped(global: true).ToJsonString()))!;

        Assert.True(CommandComparer.SameSet(desired, existing, global: true));
    }

    [Fact]
    public void SameSet_OptionsReordered_IsDifferent()
    {
        var desired = Desired(global: true);
        var reordered = desired.Select(c => c.Name == "ask" ? c with { Options = c.Options!.Reverse().ToList() } : c).ToList();

        Assert.False(CommandComparer.SameSet(desired, reordered, global: true));
    }

    [Fact]
    public void SameSet_CommandMissingOrExtra_IsDifferent()
    {
        var desired = Desired(global: true);

        Assert.False(CommandComparer.SameSet(desired, desired.Skip(1).ToList(), global: true));
        Assert.False(CommandComparer.SameSet(desired, [.. desired.Skip(1), desired[0] with { Name = "other" }], global: true));
    }

    [Fact]
    public void SameSet_ContextsDiffer_MattersGloballyOnly()
    {
        var desired = Desired(global: true);
        var changed = desired.Select(c => c with { Contexts = [InteractionContextType.Guild] }).ToList();

        Assert.False(CommandComparer.SameSet(desired, changed, global: true));
        Assert.True(CommandComparer.SameSet(desired, changed, global: false));
    }

    private static List<ApplicationCommand> Desired(bool global)
        => new[] { AboutCommand.Spec, AskCommand.Spec, HelpCommand.Spec, SourcesCommand.Spec, SourceCommand.Spec, GapsCommand.Spec, VerifyCommand.Spec, TimelineCommand.Spec }.Select(s => s.ToApplicationCommand(global)).ToList();

    /// <summary>The commands as Discord's GET returns them: ids, versions, explicit defaults, fields we never send.</summary>
    private static JsonArray DiscordShaped(bool global)
    {
        var list = JsonNode.Parse(System.Text.Encoding.UTF8.GetString(DiscordJson.Serialize(Desired(global)))!)!.AsArray();
        var id = 1200000000000000000UL;
        foreach (var command in list.Reverse().OfType<JsonObject>())
        {
            command["id"] = (id++).ToString(CultureInfo.InvariantCulture);
            command["application_id"] = App;
            command["version"] = "1300000000000000000";
            command["default_member_permissions"] ??= null;
            command["dm_permission"] = true;
            command["nsfw"] = false;
            command["description_localizations"] = null;
            command["name_localizations"] = null;
            foreach (var option in command["options"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                option["required"] ??= false;
                option["description_localized"] = option["description"]!.GetValue<string>();
            }
        }

        return list;
    }
}
