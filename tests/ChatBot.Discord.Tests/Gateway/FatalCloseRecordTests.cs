using System.Text.Json.Nodes;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Tests.Gateway;

/// <summary>
/// No identify loop (issue 10 B): a fatal close is recorded next to the data, a restart with the same token stops
/// at once without a request to Discord, and a new token clears the record.
/// </summary>
public sealed class FatalCloseRecordTests : IDisposable
{
    private const string NewToken = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.fresh.bmV3LXRva2VuLXRhaWw";
    private readonly TempDirectory work = new();

    public void Dispose() => work.Dispose();

    private string RecordPath => work.File("data/chatbot.fatal-close.json");

    [Theory]
    [InlineData(4004)]
    [InlineData(4014)]
    public async Task Restart_AfterFatalCloseWithTheSameToken_StopsAtOnceWithTheSameLineAndNoRequest(int code)
    {
        string line;
        await using (var first = await StartAsync(d => d.CloseOnIdentify = code))
        {
            await first.WaitForStopAsync();
            line = Assert.Single(first.Logs.Lines, l => l.Level == LogLevel.Critical).Message;
            Assert.Equal(1, first.Discord.Gateway.Attempts);
        }

        var record = JsonNode.Parse(File.ReadAllText(RecordPath))!;
        Assert.Equal(code, record["closeCode"]!.GetValue<int>());
        Assert.Equal(FatalClose.HashOf(BotHarness.Token), record["tokenSha256"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", record["tokenSha256"]!.GetValue<string>());
        Assert.DoesNotContain(BotHarness.TokenSecret, File.ReadAllText(RecordPath), StringComparison.Ordinal);
        Assert.Contains(RecordPath, line, StringComparison.Ordinal);

        await using var second = await StartAsync();
        await second.WaitForStopAsync();

        Assert.Equal([1], second.ExitCodes);
        Assert.Empty(second.Discord.Rest.Requests);
        Assert.Equal(0, second.Discord.Gateway.Attempts);
        Assert.Equal(line, Assert.Single(second.Logs.Lines, l => l.Level == LogLevel.Critical).Message);
        Assert.Equal(GatewayState.Failed, second.Status.State);
        Assert.DoesNotContain(BotHarness.TokenSecret, second.Logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_TokenRejectedOnDiscovery_IsRecordedToo()
    {
        await using (var first = await StartAsync(d => d.ExpectedToken = "the-real-token"))
        {
            await first.WaitForStopAsync();
        }

        await using var second = await StartAsync(d => d.ExpectedToken = "the-real-token");
        await second.WaitForStopAsync();

        Assert.Null(JsonNode.Parse(File.ReadAllText(RecordPath))!["closeCode"]);
        Assert.Empty(second.Discord.Rest.Requests);
        Assert.Contains("401", Assert.Single(second.Logs.Lines, l => l.Level == LogLevel.Critical).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_WithANewToken_ClearsTheRecordAndConnects()
    {
        await using (var first = await StartAsync(d => d.CloseOnIdentify = 4004))
        {
            await first.WaitForStopAsync();
        }

        await using var second = await StartAsync(d => d.ExpectedToken = NewToken, NewToken);
        var connection = await second.Discord.Gateway.NextReadyConnectionAsync();

        Assert.Equal(1, connection.Number);
        Assert.False(File.Exists(RecordPath));
        Assert.Empty(second.ExitCodes);
        Assert.Contains(second.Logs.Lines, l => l.EventId.Id == 2096 && l.Message.Contains("4004", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_DamagedRecord_IsIgnoredAndTheBotConnects()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(RecordPath)!);
        await File.WriteAllTextAsync(RecordPath, "{ not json");

        await using var bot = await StartAsync();
        await bot.Discord.Gateway.NextReadyConnectionAsync();

        Assert.Empty(bot.ExitCodes);
    }

    private Task<BotHarness> StartAsync(Action<ChatBot.Testing.FakeDiscord.FakeDiscordOptions>? discord = null, string? token = null)
        => BotHarness.StartAsync(
            discord,
            services: s => s.AddFatalCloseRecordFile(_ => RecordPath),
            configuration: token is null ? null : new Dictionary<string, string?> { ["Discord:Token"] = token });
}
