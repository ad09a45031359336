using System.Diagnostics;
using System.Text;

namespace ChatBot.Tests.Support;

/// <summary>What a run of the executable printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error);

/// <summary>How to start ChatBot: a program and its first arguments (e.g. <c>dotnet ChatBot.dll</c>).</summary>
public sealed record ChatBotCommand(string Program, IReadOnlyList<string> Arguments);

/// <summary>Runs the real executable (<c>dotnet ChatBot.dll …</c>) as a user would, with a clean environment.</summary>
public sealed class ChatBotProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> awaited = [];

    private ChatBotProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "ChatBot.dll");

    public int Id => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    public static ChatBotProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
        => Start(new ChatBotCommand("dotnet", [Executable]), workingDirectory, environment, args);

    /// <summary>Runs <paramref name="command"/> (a program and the arguments that start ChatBot) with <paramref name="args"/>.</summary>
    public static ChatBotProcess Start(ChatBotCommand command, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(command);
        var info = new ProcessStartInfo(command.Program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in command.Arguments.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        // A clean slate: nothing from the test runner's environment may configure the bot.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Discord__", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("Index__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Answers__", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Store__", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new ChatBotProcess(Process.Start(info)!);
    }

    public static async Task<ProcessResult> RunAsync(string workingDirectory, params string[] args)
        => await RunAsync(workingDirectory, null, null, args);

    public static async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, string? input, params string[] args)
        => await RunAsync(new ChatBotCommand("dotnet", [Executable]), workingDirectory, environment, input, args);

    public static async Task<ProcessResult> RunAsync(
        ChatBotCommand command, string workingDirectory, IReadOnlyDictionary<string, string>? environment, string? input, params string[] args)
    {
        await using var run = Start(command, workingDirectory, environment, args);
        if (input is not null)
        {
            await run.process.StandardInput.WriteAsync(input);
        }

        run.process.StandardInput.Close();
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return new ProcessResult(exitCode, run.Output, run.Error);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>
    /// Completes when the process prints a line (on stdout or stderr) containing <paramref name="text"/>, or has printed
    /// one already; fails when it exits first, or after <paramref name="timeout"/> (a hang detector).
    /// </summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (awaited)
        {
            awaited.Add((text, seen));
        }

        if (Output.Contains(text, StringComparison.Ordinal) || Error.Contains(text, StringComparison.Ordinal))
        {
            seen.TrySetResult();
        }

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(seen.Task, exited).WaitAsync(timeout);
        if (first != seen.Task && !seen.Task.IsCompleted)
        {
            throw new InvalidOperationException($"the process exited ({process.ExitCode}) before printing \"{text}\":\n{Output}\n{Error}");
        }
    }

    /// <summary>Kills the process with SIGKILL (no shutdown code runs), as a crash or <c>kill -9</c> does, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM, as <c>docker stop</c> does.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }

        lock (awaited)
        {
            foreach (var (text, seen) in awaited.Where(a => line.Contains(a.Text, StringComparison.Ordinal)))
            {
                seen.TrySetResult();
            }
        }
    }
}
