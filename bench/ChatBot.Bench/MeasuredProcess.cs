using System.Diagnostics;
using System.Globalization;

namespace ChatBot.Bench;

/// <summary>What a finished child process took: its wall time, its peak resident set, and what it printed.</summary>
public sealed record ProcessMeasure(TimeSpan Wall, long PeakRssBytes, int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// Runs a command as its own process and measures it from start to end: wall time, and the peak resident set
/// (VmHWM, read from /proc while it runs; the last reading before it exits is its high-water mark).
/// </summary>
public static class MeasuredProcess
{
    public static ProcessMeasure Run(string fileName, IEnumerable<string> arguments, string? standardOutputFile = null, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        using var output = standardOutputFile is null ? null : new StreamWriter(standardOutputFile);
        var captured = new System.Text.StringBuilder();
        var stdout = Task.Run(() =>
        {
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                if (output is not null)
                {
                    output.WriteLine(line);
                }
                else
                {
                    captured.AppendLine(line);
                }
            }
        });
        var stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
        }

        stdout.GetAwaiter().GetResult();
        return new ProcessMeasure(stopwatch.Elapsed, peak, process.ExitCode, captured.ToString(), stderr.GetAwaiter().GetResult());
    }

    private static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process ended between two readings; its last reading stands.
        }

        return 0;
    }
}
