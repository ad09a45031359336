using System.Diagnostics.Metrics;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChatBot.Discord.Tests.Gateway;

/// <summary>What an operator sees of reconnects and resumes, per shard, after the fake Discord breaks a connection.</summary>
public sealed class GatewayMetricsTests
{
    [Fact]
    public async Task Reconnect_Op7_CountsOneReconnectForTheRequestAndOneResumed()
    {
        await using var bot = await BotHarness.StartAsync();
        using var reconnects = Collector(bot, "chatbot.gateway.reconnects");
        using var resumes = Collector(bot, "chatbot.gateway.resumes");
        var first = await bot.Discord.Gateway.NextReadyConnectionAsync();

        await first.SendReconnectAsync();
        var second = await bot.Discord.Gateway.NextConnectionAsync();
        await second.WaitForSessionAsync();
        await resumes.WaitForMeasurementsAsync(1, TestTimeouts.Default);

        Assert.Equal([("0", "reconnect_requested")], Counted(reconnects, "reason"));
        Assert.Equal([("0", "resumed")], Counted(resumes, "result"));
    }

    [Fact]
    public async Task Resume_RefusedWithOp9_CountsTheCloseTheInvalidSessionAndANewSession()
    {
        await using var bot = await BotHarness.StartAsync(d => d.AutoReady = n => n != 2);
        using var reconnects = Collector(bot, "chatbot.gateway.reconnects");
        using var resumes = Collector(bot, "chatbot.gateway.resumes");
        var first = await bot.Discord.Gateway.NextReadyConnectionAsync();

        await first.CloseAsync(4000);
        var second = await bot.Discord.Gateway.NextConnectionAsync();
        await second.WaitForOpAsync(6);
        await second.SendInvalidSessionAsync(resumable: false);
        var third = await bot.Discord.Gateway.NextReadyConnectionAsync();

        Assert.Equal("/gateway", third.Path);
        Assert.Equal([("0", "close_4000"), ("0", "invalid_session")], Counted(reconnects, "reason"));
        Assert.Equal([("0", "new_session")], Counted(resumes, "result"));
    }

    [Fact]
    public async Task Resume_UrlUnreachable_CountsTwoRetriesThenANewSession()
    {
        await using var bot = await BotHarness.StartAsync(d => d.RefuseResume = true);
        using var resumes = Collector(bot, "chatbot.gateway.resumes");
        using var reconnects = Collector(bot, "chatbot.gateway.reconnects");
        var first = await bot.Discord.Gateway.NextReadyConnectionAsync();

        await first.CloseAsync(4000);
        await bot.Discord.Gateway.NextReadyConnectionAsync();

        Assert.Equal([("0", "retry"), ("0", "retry"), ("0", "new_session")], Counted(resumes, "result"));
        Assert.Equal([("0", "close_4000"), ("0", "connect_failed"), ("0", "connect_failed"), ("0", "connect_failed")], Counted(reconnects, "reason"));
    }

    private static MetricCollector<long> Collector(BotHarness bot, string instrument)
        => new(bot.Host.Services.GetRequiredService<IMeterFactory>(), "ChatBot.Discord", instrument);

    /// <summary>Each measurement as (shard, the tag that says why), in the order counted.</summary>
    private static List<(string Shard, string Why)> Counted(MetricCollector<long> collector, string tag)
        => collector.GetMeasurementSnapshot()
            .Select(m => (Convert.ToString(m.Tags["shard"], System.Globalization.CultureInfo.InvariantCulture)!, (string)m.Tags[tag]!))
            .ToList();
}
