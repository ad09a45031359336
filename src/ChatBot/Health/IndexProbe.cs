using System.Diagnostics;
using System.Globalization;
using ChatBot.Core;
using ChatBot.Search.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Health;

/// <summary>What the last probe question found: when it was asked, whether the index answered it, and one line saying how.</summary>
public sealed record ProbeReport(DateTimeOffset At, bool Answered, string Detail);

/// <summary>
/// Asks the running bot's own engine a probe question every <see cref="Interval"/>, the way a member's question
/// goes (store, search index, ranking), so the <c>health</c> verb, another process, learns whether the index can
/// answer: the outcome rides in the status file (<see cref="BotStatusWriter"/>). The question is the first words of
/// the bundled corpus's first passage, which the index must find while it works, whatever the corpus.
/// </summary>
public sealed partial class IndexProbe(IAnswerService answers, ISourcePassages passages, TimeProvider time, ILogger<IndexProbe> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>A probe question not answered within this long counts as not answered.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private const int QuestionWords = 8;

    private volatile ProbeReport? last;

    /// <summary>The outcome of the last probe; null before the first has finished.</summary>
    public ProbeReport? Last => last;

    /// <summary>Asks the probe question once and returns what became of it (never throws for a failure of the index).</summary>
    public async Task<ProbeReport> ProbeAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            if (Question() is not { } question)
            {
                return Report(false, "the store holds no bundled passage to ask about");
            }

            var answer = await answers.AnswerAsync(new AnswerRequest(question, CorpusScope.Global, Top: 1), timeout.Token).ConfigureAwait(false);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
            return answer.Results.Count > 0
                ? Report(true, $"answered \"{question}\" in {ms} ms")
                : Report(false, $"no passage answers \"{question}\"");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Report(false, $"no answer within {Timeout.TotalSeconds:F0} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever the index or the store throws is what health must report: the probe exists to catch it.
            return Report(false, OneLine(e.Message));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            var report = await ProbeAsync(stoppingToken).ConfigureAwait(false);
            if (!report.Answered && last is not { Answered: false })
            {
                ProbeFailed(logger, report.Detail);
            }

            last = report;
        }
        while (await Tick(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The first words of the bundled corpus's first passage, or null when it has none.</summary>
    private string? Question()
    {
        var first = passages.Titles(CorpusScope.Global).FirstOrDefault(t => t.GuildId == 0);
        var rows = first is null ? [] : passages.First(0, first.Slug, 1);
        if (rows.Count == 0)
        {
            return null;
        }

        var passage = rows[0];

        var words = passage.Text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Any(char.IsLetterOrDigit)).Take(QuestionWords);
        return TextCut.Truncate(string.Join(' ', words), 200);
    }

    private ProbeReport Report(bool answered, string detail) => new(time.GetUtcNow(), answered, detail);

    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    [LoggerMessage(5002, LogLevel.Warning, "The index did not answer the probe question: {Reason}")]
    private static partial void ProbeFailed(ILogger logger, string reason);
}
