using System.Globalization;
using System.Text;
using ChatBot.Core;
using ChatBot.Discord.Community;
using ChatBot.Discord.Rest;
using ChatBot.Testing.FakeDiscord;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Tests.Community;

/// <summary>An upload must be the size its attachment claims, in both directions, with or without a Content-Length (issue 10 D).</summary>
public sealed class AttachmentSizeTests : IAsyncLifetime
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("The Chaco War was fought between Bolivia and Paraguay. ", 40)));

    private FakeDiscordServer discord = null!;

    public async Task InitializeAsync() => discord = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await discord.DisposeAsync();

    [Theory]
    [InlineData(1000, false)]
    [InlineData(1000, true)]
    [InlineData(5000, false)]
    [InlineData(5000, true)]
    public async Task Download_SizeOtherThanClaimed_IsRefused(long claimed, bool chunked)
    {
        using var http = new HttpClient();
        var downloader = Downloader(http);
        var url = discord.AddFile("chaco.md", Content, chunked);

        var outcome = await downloader.DownloadAsync(new DiscordAttachment { Filename = "chaco.md", Url = url.ToString(), Size = claimed }, CancellationToken.None);

        var failed = Assert.IsType<DownloadOutcome.Failed>(outcome);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"Discord said the file has {claimed:N0} bytes but {Content.Length:N0} arrived; upload it again"), failed.Reason);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Download_SizeAsClaimed_IsAccepted(bool chunked)
    {
        using var http = new HttpClient();
        var url = discord.AddFile("chaco.md", Content, chunked);

        var outcome = await Downloader(http).DownloadAsync(new DiscordAttachment { Filename = "chaco.md", Url = url.ToString(), Size = Content.Length }, CancellationToken.None);

        Assert.Equal(Content, Assert.IsType<DownloadOutcome.Downloaded>(outcome).Content);
    }

    private AttachmentDownloader Downloader(HttpClient http)
        => new(http, Options.Create(new CommunityOptions()), Options.Create(new DiscordOptions { Token = "x", ApiBaseUrl = discord.ApiBaseUrl }));
}
