using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;

namespace ChatBot.Discord.Tests.Gateway;

/// <summary>Graceful stop: finish what is in flight, then close the gateway for good.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_AskInFlight_FinishesItThenClosesGatewayWith1000()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await BotHarness.StartAsync();
        bot.Answers.Handler = async (request, ct) =>
        {
            await release.Task.WaitAsync(ct);
            return SampleAnswers.Confident(request);
        };
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var ask = await bot.AskAsync(connection, "who led the coup");
        await bot.Discord.Rest.WaitForCallbackAsync(ask);

        var stopping = bot.Host.StopAsync();
        await Eventually.TrueAsync(() => bot.Logs.Lines.Any(l => l.EventId.Id == 2017), "the gateway started shutting down");
        Assert.False(connection.Closed.IsCompleted, "the gateway closed before the interaction in flight finished");
        release.SetResult();
        var edit = await bot.Discord.Rest.WaitForEditAsync(ask);
        await stopping.WaitAsync(TestTimeouts.Default);
        var closeCode = await connection.Closed.WaitAsync(TestTimeouts.Default);

        Assert.Equal(200, edit.Status);
        Assert.Equal(1000, closeCode);
        Assert.True(edit.Timestamp < connection.ClosedAt, "the gateway closed before the answer was sent");
        Assert.Empty(bot.ExitCodes);
        Assert.Equal(GatewayState.Stopped, bot.Status.State);
    }

    [Fact]
    public async Task Stop_AskStuckPastDrainTimeout_CancelsItAndStillCloses()
    {
        var timings = BotHarness.FastTimings();
        await using var bot = await BotHarness.StartAsync(timings: new ChatBot.Discord.Gateway.GatewayTimings
        {
            ShutdownDrain = TimeSpan.FromMilliseconds(200),
            CloseTimeout = timings.CloseTimeout,
            IdentifyInterval = TimeSpan.Zero,
            Random = timings.Random,
        });
        bot.Answers.Handler = async (request, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return SampleAnswers.Confident(request);
        };
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();
        var ask = await bot.AskAsync(connection, "who led the coup");
        await bot.Discord.Rest.WaitForCallbackAsync(ask);

        await bot.Host.StopAsync().WaitAsync(TestTimeouts.Default);
        var closeCode = await connection.Closed.WaitAsync(TestTimeouts.Default);

        Assert.Equal(1000, closeCode);
        Assert.Contains(bot.Logs.Lines, l => l.EventId.Id == 2018);
    }

    [Fact]
    public async Task Stop_Idle_ClosesWith1000AndDoesNotReconnect()
    {
        await using var bot = await BotHarness.StartAsync();
        var connection = await bot.Discord.Gateway.NextReadyConnectionAsync();

        await bot.Host.StopAsync().WaitAsync(TestTimeouts.Default);

        Assert.Equal(1000, await connection.Closed.WaitAsync(TestTimeouts.Default));
        Assert.Single(bot.Discord.Gateway.Connections);
    }
}
