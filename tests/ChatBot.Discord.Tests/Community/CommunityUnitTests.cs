using System.Text.Json;
using ChatBot.Core;
using ChatBot.Discord.Community;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing.FakeDiscord;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Tests.Community;

/// <summary>The pieces of the community features that need no Discord: who a message is for, where files may come from.</summary>
public sealed class CommunityUnitTests
{
    private const ulong Bot = 1100000000000000001;
    private const ulong Member = 53908232506183680;
    private const ulong Guild = 290926798626357999;

    [Theory]
    [InlineData("<@1100000000000000001> who led the coup?", true, "who led the coup?")]
    [InlineData("<@!1100000000000000001>   who led\nthe coup", true, "who led the coup")]
    [InlineData("who led the coup <@1100000000000000001>", true, "who led the coup")]
    [InlineData("<@1100000000000000001>", true, "")]
    [InlineData("<@1100000000000000001> ask <@80351110224678912>", true, "ask <@80351110224678912>")]
    [InlineData("who led the coup?", false, null)]
    public void Question_InAServer_OnlyWhenTheBotIsMentioned(string content, bool mentioned, string? expected)
    {
        var message = Message(content, Guild, mentioned ? [Bot] : []);

        Assert.Equal(expected, MessageAskHandler.Question(message, Bot));
    }

    [Fact]
    public void Question_DirectMessage_NeedsNoMention()
        => Assert.Equal("who led the coup?", MessageAskHandler.Question(Message("who led the coup?", guildId: null, []), Bot));

    [Fact]
    public void Question_FromABotAWebhookOrItself_OrBeforeReady_IsNone()
    {
        Assert.Null(MessageAskHandler.Question(Message("<@1100000000000000001> hi", Guild, [Bot]) with { Author = new DiscordUser { Id = 7, Bot = true } }, Bot));
        Assert.Null(MessageAskHandler.Question(Message("<@1100000000000000001> hi", Guild, [Bot]) with { Author = new DiscordUser { Id = Bot } }, Bot));
        Assert.Null(MessageAskHandler.Question(Message("<@1100000000000000001> hi", Guild, [Bot]) with { WebhookId = 99 }, Bot));
        Assert.Null(MessageAskHandler.Question(Message("<@1100000000000000001> hi", Guild, [Bot]), botUserId: null));
    }

    [Theory]
    [InlineData("https://evil.example/chaco.md")]
    [InlineData("http://cdn.discordapp.com/attachments/1/2/chaco.md")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public async Task Download_FromAnywhereButDiscord_IsRefusedWithoutARequest(string url)
    {
        var handler = new StubHandler(TimeProvider.System, (_, _) => throw new InvalidOperationException("no request may be made"));
        using var http = new HttpClient(handler);
        var downloader = new AttachmentDownloader(http, Options.Create(new CommunityOptions()), Options.Create(new DiscordOptions { Token = "x" }));

        var outcome = await downloader.DownloadAsync(new DiscordAttachment { Filename = "chaco.md", Url = url, Size = 10 }, CancellationToken.None);

        Assert.Equal("the attachment does not come from Discord", Assert.IsType<DownloadOutcome.Failed>(outcome).Reason);
    }

    [Theory]
    [InlineData("fb:up:abc")]
    [InlineData("fb:sideways:12")]
    [InlineData("fb:up")]
    [InlineData("fb:up:-5")]
    [InlineData("fb:up:99999999999999999999999")]
    public async Task Feedback_GarbledButton_SaysSoAndStoresNothing(string customId)
    {
        var journal = new CountingJournal();
        var buttons = new FeedbackButtons(journal, new FeedbackMemory());
        var interaction = DiscordJson.Deserialize<Interaction>(JsonSerializer.SerializeToElement(FakeInteraction.Button(customId).Payload))!;

        var reply = await buttons.ExecuteAsync(new InteractionContext(interaction, 0), CancellationToken.None);

        Assert.Equal("This button is garbled.", reply.Content);
        Assert.Equal(0, journal.Feedback);
    }

    private sealed class CountingJournal : IAskJournal
    {
        public int Feedback { get; private set; }

        public ValueTask<long> RecordAskAsync(AskRecord ask, CancellationToken cancellationToken) => ValueTask.FromResult(1L);

        public ValueTask<bool> RecordFeedbackAsync(long askId, ulong? guildId, FeedbackKind kind, ulong? userId, CancellationToken cancellationToken)
        {
            Feedback++;
            return ValueTask.FromResult(true);
        }

        public ValueTask<GapReport> GapsAsync(ulong guildId, TimeSpan window, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private static DiscordMessage Message(string content, ulong? guildId, IReadOnlyList<ulong> mentions) => new()
    {
        Id = 1300000000000000001,
        ChannelId = 645027906669510667,
        GuildId = guildId,
        Author = new DiscordUser { Id = Member, Username = "mason" },
        Content = content,
        Mentions = [.. mentions.Select(id => new DiscordUser { Id = id })],
    };
}
