namespace ChatBot.Bench;

/// <summary>Latency percentiles of a set of timings, in milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P90, double P99, double Max, double Mean)
{
    public static Percentiles Of(IEnumerable<double> milliseconds)
    {
        var times = milliseconds.Order().ToList();
        if (times.Count == 0)
        {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }

        double At(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
        return new Percentiles(times.Count, At(0.50), At(0.90), At(0.99), times[^1], times.Average());
    }

    public override string ToString() => $"p50 {P50:F2} ms  p90 {P90:F2} ms  p99 {P99:F2} ms  max {Max:F2} ms  mean {Mean:F2} ms ({Count} questions)";
}
