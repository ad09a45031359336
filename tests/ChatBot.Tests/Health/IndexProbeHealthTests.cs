using ChatBot.Core;
using ChatBot.Health;
using ChatBot.Search;
using ChatBot.Search.Store;
using ChatBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.Tests.Health;

/// <summary>
/// Health tells the truth (issue 10 item 7): the bot asks its own engine a probe question and writes the outcome into
/// its status file; <c>health</c> is unhealthy when the index did not answer it, has not answered for a while, or
/// when the search index folder cannot be opened where <c>health</c> runs. The reason is one line.
/// </summary>
public sealed class IndexProbeHealthTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory work = new();
    private readonly IndexOptions options;
    private readonly EmbeddedCorpus corpus;

    public IndexProbeHealthTests()
    {
        options = new IndexOptions { DatabasePath = work.File("data/chatbot.db"), SourcesPath = RepositoryPaths.BundledSources };
        corpus = new EmbeddedCorpus(options.DatabasePath);
        corpus.Indexer.SyncFolder(options.SourcesPath, CancellationToken.None);
    }

    public void Dispose()
    {
        corpus.Dispose();
        work.Dispose();
    }

    [Fact]
    public async Task Probe_TheRealEngineOverTheBundledCorpus_Answers()
    {
        var probe = new IndexProbe(corpus.Engine, corpus.Store.SourcePassages, new ManualTimeProvider(Now), NullLogger<IndexProbe>.Instance);

        var report = await probe.ProbeAsync(CancellationToken.None);

        Assert.True(report.Answered, report.Detail);
        Assert.StartsWith("answered \"", report.Detail, StringComparison.Ordinal);
        Assert.Equal(Now, report.At);
    }

    [Fact]
    public async Task Probe_EngineThrows_IsNotAnsweredAndSaysWhyInOneLine()
    {
        var engine = new ScriptedAnswers(_ => throw new IOException("read past EOF:\nsegments_3"));
        var probe = new IndexProbe(engine, corpus.Store.SourcePassages, new ManualTimeProvider(Now), NullLogger<IndexProbe>.Instance);

        var report = await probe.ProbeAsync(CancellationToken.None);
        var health = CheckWith(report);

        Assert.False(report.Answered);
        Assert.False(health.Healthy);
        Assert.Equal("the index cannot answer a probe question: read past EOF: segments_3", health.Reason);
    }

    [Fact]
    public async Task Probe_EngineFindsNothing_IsUnhealthyNamingTheQuestion()
    {
        var engine = new ScriptedAnswers(request => new Answer(request.Question, false, [], 0, TimeSpan.Zero));
        var probe = new IndexProbe(engine, corpus.Store.SourcePassages, new ManualTimeProvider(Now), NullLogger<IndexProbe>.Instance);

        var health = CheckWith(await probe.ProbeAsync(CancellationToken.None));

        Assert.False(health.Healthy);
        Assert.StartsWith("the index cannot answer a probe question: no passage answers \"", health.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ProbeAnsweredLately_IsHealthy()
    {
        var health = CheckWith(new ProbeReport(Now.AddSeconds(-20), true, "answered \"x\" in 4 ms"));

        Assert.True(health.Healthy, health.Reason);
    }

    [Fact]
    public void Check_ProbeLastAnsweredMinutesAgo_IsUnhealthy()
    {
        var health = CheckWith(new ProbeReport(Now.AddMinutes(-5), true, "answered \"x\" in 4 ms"));

        Assert.False(health.Healthy);
        Assert.Equal("the index has not answered a probe question for 300 s", health.Reason);
    }

    [Fact]
    public void Check_NoProbeYet_IsHealthyJustAfterStartAndUnhealthyLater()
    {
        Assert.True(CheckWith(null, startedAt: Now.AddSeconds(-30)).Healthy);

        var later = CheckWith(null, startedAt: Now.AddMinutes(-10));
        Assert.False(later.Healthy);
        Assert.Equal("the index has not answered a probe question since the bot started 600 s ago", later.Reason);
    }

    [Fact]
    public void Check_SearchIndexFolderGone_IsUnhealthyEvenWhileTheBotSaysItAnswers()
    {
        corpus.Dispose();
        Directory.Delete(options.SearchIndexPath(), recursive: true);

        var health = CheckWith(new ProbeReport(Now.AddSeconds(-20), true, "answered \"x\" in 4 ms"));

        Assert.False(health.Healthy);
        Assert.Equal($"the search index {options.SearchIndexPath()} does not exist", health.Reason);
    }

    [Fact]
    public void Check_SearchIndexFilesDamaged_IsUnhealthySayingItCannotBeOpened()
    {
        corpus.Dispose();
        foreach (var file in Directory.EnumerateFiles(options.SearchIndexPath(), "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal)))
        {
            File.WriteAllBytes(file, [1, 2, 3]);
        }

        var health = CheckWith(new ProbeReport(Now.AddSeconds(-20), true, "answered \"x\" in 4 ms"));

        Assert.False(health.Healthy);
        Assert.StartsWith($"the search index {options.SearchIndexPath()} ", health.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', health.Reason);
    }

    private HealthReport CheckWith(ProbeReport? probe, DateTimeOffset? startedAt = null)
    {
        new BotStatus("Ready", Now.AddSeconds(-3), startedAt ?? Now.AddHours(-1), Now.AddSeconds(-3), Now.AddSeconds(-20), null, Probe: probe)
            .WriteTo(BotStatus.PathFor(options));
        return HealthCheck.Check(new SqliteStoreProbe(options.DatabasePath), options, Now);
    }

    /// <summary>An engine that answers (or fails) as the test says.</summary>
    private sealed class ScriptedAnswers(Func<AnswerRequest, Answer> answer) : IAnswerService
    {
        public ValueTask<Answer> AnswerAsync(AnswerRequest request, CancellationToken cancellationToken) => ValueTask.FromResult(answer(request));
    }
}
