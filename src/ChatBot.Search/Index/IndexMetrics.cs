using System.Diagnostics.Metrics;

namespace ChatBot.Search.Index;

/// <summary>
/// The index as a bot operator watches it, on the meter <see cref="MeterName"/>: its size (passages searchable now,
/// over every open scope) and how long a change takes to become searchable (commit and reader refresh).
/// </summary>
internal sealed class IndexMetrics
{
    public const string MeterName = "ChatBot.Search";

    private readonly Histogram<double>? refresh;

    public IndexMetrics(IMeterFactory? meters, Func<long> passages)
    {
        if (meters is null)
        {
            return;
        }

        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("chatbot.index.passages", passages, "{passage}", "Passages searchable now, over every open scope");
        refresh = meter.CreateHistogram<double>("chatbot.index.refresh.duration", "s", "Time to commit a change to the index and refresh its readers",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void Refreshed(TimeSpan elapsed) => refresh?.Record(elapsed.TotalSeconds);
}
