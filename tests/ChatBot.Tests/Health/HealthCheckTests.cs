using ChatBot.Health;
using ChatBot.Search;
using ChatBot.Search.Store;
using ChatBot.Testing;

namespace ChatBot.Tests.Health;

public sealed class HealthCheckTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory work = new();
    private readonly IndexOptions options;

    public HealthCheckTests()
    {
        options = new IndexOptions { DatabasePath = work.File("data/chatbot.db"), SourcesPath = RepositoryPaths.BundledSources };
        using var corpus = new EmbeddedCorpus(options.DatabasePath);
        corpus.Indexer.SyncFolder(options.SourcesPath, CancellationToken.None);
    }

    public void Dispose() => work.Dispose();

    private HealthReport CheckWith(BotStatus status)
    {
        // The bot's index answered its last probe question a moment ago (IndexProbeHealthTests judges the probe).
        (status with { Probe = status.Probe ?? new ProbeReport(Now.AddSeconds(-10), true, "answered \"x\" in 3 ms") }).WriteTo(BotStatus.PathFor(options));
        return HealthCheck.Check(new SqliteStoreProbe(options.DatabasePath), options, Now);
    }

    [Fact]
    public void Check_ReadyAndFresh_IsHealthy()
    {
        var report = CheckWith(new BotStatus("Ready", Now.AddSeconds(-3), Now.AddHours(-1), Now.AddSeconds(-3), Now.AddSeconds(-20), null));
        Assert.True(report.Healthy, report.Reason);
    }

    [Fact]
    public void Check_ReconnectingBriefly_IsStillHealthy()
    {
        var report = CheckWith(new BotStatus("Connecting", Now.AddSeconds(-2), Now.AddHours(-1), Now.AddSeconds(-30), Now.AddSeconds(-60), null));
        Assert.True(report.Healthy, report.Reason);
    }

    [Fact]
    public void Check_DisconnectedForMinutes_IsUnhealthy()
    {
        var report = CheckWith(new BotStatus("Connecting", Now.AddSeconds(-2), Now.AddHours(-1), Now.AddMinutes(-5), Now.AddMinutes(-5), null));
        Assert.False(report.Healthy);
        Assert.Contains("not connected", report.Reason);
    }

    [Fact]
    public void Check_StaleStatus_MeansTheBotIsNotRunning()
    {
        var report = CheckWith(new BotStatus("Ready", Now.AddMinutes(-3), Now.AddHours(-1), Now.AddMinutes(-3), Now.AddMinutes(-3), null));
        Assert.False(report.Healthy);
        Assert.Contains("not running", report.Reason);
    }

    [Fact]
    public void Check_FailedBot_SaysWhy()
    {
        var report = CheckWith(new BotStatus("Failed", Now.AddSeconds(-1), Now.AddHours(-1), null, null, "Discord rejected the token (4004)"));
        Assert.False(report.Healthy);
        Assert.Contains("4004", report.Reason);
    }

    [Fact]
    public void Check_NoIndex_IsUnhealthy()
    {
        var missing = new IndexOptions { DatabasePath = work.File("missing/chatbot.db") };
        var report = HealthCheck.Check(new SqliteStoreProbe(missing.DatabasePath), missing, Now);
        Assert.False(report.Healthy);
        Assert.Contains("does not exist", report.Reason);
    }
}
