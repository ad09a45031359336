using System.Globalization;
using System.Text.Json.Nodes;
using ChatBot.Core;
using ChatBot.Discord.Commands;
using ChatBot.Discord.Community;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord.Tests.Interactions;

/// <summary>Hostile text through the fake Discord (issue 10 D): invalid UTF-16 is answered, cuts keep emoji whole.</summary>
public sealed class HostileTextTests
{
    private const string Marker = "LONE-SURROGATE";
    private static readonly ulong BotUserId = new FakeDiscordOptions().ApplicationId;

    [Fact]
    public async Task Ask_QuestionWithALoneSurrogate_IsAnsweredWithAReplacementCharacter()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var ask = FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "who led the coup " + Marker });
        await bot.Discord.SendInteractionAsync(connection, ask, json => json.Replace(Marker, "\\ud83c", StringComparison.Ordinal));
        var edit = await bot.Discord.Rest.WaitForEditAsync(ask);

        Assert.Equal(200, edit.Status);
        Assert.Equal("who led the coup \ufffd", Assert.Single(bot.Answers.Requests).Question);
        Assert.Equal("who led the coup \ufffd", edit.Json!["embeds"]![0]!["title"]!.GetValue<string>());
        Assert.DoesNotContain(bot.Logs.Lines, l => l.EventId.Id == 4007);
    }

    [Fact]
    public async Task Mention_WithALoneSurrogate_IsAnsweredNotDropped()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var mention = FakeMessage.InGuild($"<@{BotUserId}> who led the coup {Marker}", [BotUserId]);
        await connection.SendRawDispatchAsync("MESSAGE_CREATE", mention.ToJsonString().Replace(Marker, "\\udc00", StringComparison.Ordinal));
        var reply = await bot.Discord.Rest.WaitForOneAsync(r => r.Method == "POST" && r.Path.StartsWith("/channels/", StringComparison.Ordinal));

        Assert.Equal(200, reply.Status);
        Assert.Equal("who led the coup \ufffd", Assert.Single(bot.Answers.Requests).Question);
        Assert.Equal(FakeMessage.Id(mention).ToString(CultureInfo.InvariantCulture), reply.Json!["message_reference"]!["message_id"]!.GetValue<string>());
        Assert.DoesNotContain(bot.Logs.Lines, l => l.EventId.Id is 2019 or 4201 or 4202);
    }

    [Fact]
    public async Task Autocomplete_TitlesWithEmojiAtTheCut_ChoiceNamesKeepEveryEmojiWhole()
    {
        var curator = new TitledCurator(
        [
            new string('a', 84) + string.Concat(Enumerable.Repeat("👨‍👩‍👧", 6)),
            new string('b', 85) + string.Concat(Enumerable.Repeat("🇧🇴", 6)),
            new string('c', 86) + string.Concat(Enumerable.Repeat("😀", 6)),
            "Evil \u202Eexe.txt\u202C notes",
        ]);
        await using var bot = await BotHarness.StartAsync(services: s => s.AddSingleton<ICorpusCurator>(curator));
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var call = await bot.Discord.SendInteractionAsync(connection, FakeInteraction.Autocomplete("source", "source", "", subcommand: "remove"));
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(call);

        Assert.Equal(204, callback.Status);
        var names = callback.Json!["data"]!["choices"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(4, names.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(names[i].Length, 1, 100);
            Assert.True(TextBudget.IsWellFormed(names[i]), names[i]);
            var kept = names[i][..names[i].IndexOf('…', StringComparison.Ordinal)];
            Assert.Equal(kept.Length, TextCut.Floor(curator.Titles[i], kept.Length));
        }

        Assert.Equal("Evil exe.txt notes (s3)", names[3]);
    }

    [Fact]
    public async Task Ask_BlankQuestion_IsToldPrivatelyWithoutADefer()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        var ask = await bot.AskAsync(connection, "   ");
        var callback = await bot.Discord.Rest.WaitForCallbackAsync(ask);

        Assert.Equal((4, 64), (callback.Json!["type"]!.GetValue<int>(), callback.Json["data"]!["flags"]!.GetValue<int>()));
        Assert.Equal(AskCommand.EmptyText, callback.Json["data"]!["content"]!.GetValue<string>());
        Assert.Empty(bot.Answers.Requests);
    }

    /// <summary>A server whose sources have the given titles (ids s0, s1, …), for autocomplete.</summary>
    private sealed class TitledCurator(IReadOnlyList<string> titles) : ICorpusCurator
    {
        public IReadOnlyList<string> Titles => titles;

        public ValueTask<IReadOnlyList<SourceSummary>> FindSourcesAsync(ulong guildId, string text, int limit, CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<SourceSummary>>(
                [.. titles.Select((t, i) => new SourceSummary("s" + i.ToString(CultureInfo.InvariantCulture), t, null, null, 1, guildId, DateTimeOffset.UnixEpoch))]);

        public ValueTask<UploadOutcome> AddSourceAsync(SourceUpload upload, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<SourceSummary?> RemoveSourceAsync(ulong guildId, string sourceId, Actor actor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<Page<SourceSummary>> ListSourcesAsync(ulong guildId, int skip, int take, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<SourceDetails?> GetSourceAsync(ulong guildId, string sourceId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<AuditEntry>> HistoryAsync(ulong guildId, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<QuotaUsage> UsageAsync(ulong guildId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
