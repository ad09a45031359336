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

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }
}
