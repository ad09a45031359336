using System.Diagnostics;
using ChatBot.Testing;
using ChatBot.Tests.Support;

namespace ChatBot.Tests.Container;

/// <summary>
/// The container image without Docker (no engine runs here): the Dockerfile's publish command into an app
/// folder, the bundled corpus copied and indexed into it as the image build does, then the folder made
/// read-only and a data folder that only the unprivileged user (uid 65534) can write, like the volume.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime, IDisposable
{
    public const int UnprivilegedId = 65534;
    private readonly TempDirectory root = new();

    public string App => root.File("app");

    public string Data => root.File("data");

    /// <summary>Whether the app runs as uid 65534 (when the tests run as root, as in CI) or as the current user.</summary>
    public bool DropsPrivileges { get; } = System.Environment.UserName == "root";

    /// <summary>The environment the Dockerfile sets.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["Index__SourcesPath"] = Path.Combine(App, "index", "sources"),
        ["Index__SynonymsPath"] = Path.Combine(App, "index", "synonyms.txt"),
        ["Index__DatabasePath"] = Path.Combine(Data, "chatbot.db"),
        ["Index__SeedDatabasePath"] = Path.Combine(App, "index", "chatbot.db"),
        ["HOME"] = Data,
    };

    /// <summary>How the image's entry point starts the app, under the unprivileged user.</summary>
    public ChatBotCommand Command => DropsPrivileges
        ? new ChatBotCommand("setpriv", [$"--reuid={UnprivilegedId}", $"--regid={UnprivilegedId}", "--clear-groups", "dotnet", Path.Combine(App, "ChatBot.dll")])
        : new ChatBotCommand("dotnet", [Path.Combine(App, "ChatBot.dll")]);

    public async Task InitializeAsync()
    {
        var repository = RepositoryPaths.Root;

        // The Dockerfile's publish (its restore is a layer of its own); an artifacts path keeps this build apart
        // from the test run's own build output.
        await Run("dotnet", repository, "publish", Path.Combine(repository, "src", "ChatBot", "ChatBot.csproj"), "-c", "Release", "-o", App,
            "--artifacts-path", root.File("artifacts"));
        CopyDirectory(RepositoryPaths.BundledSources, Path.Combine(App, "index", "sources"));
        File.Copy(Path.Combine(repository, "index", "synonyms.txt"), Path.Combine(App, "index", "synonyms.txt"));
        await Run("dotnet", App, "ChatBot.dll", "index", "--sources", Path.Combine(App, "index", "sources"), "--database", Path.Combine(App, "index", "chatbot.db"));
        Directory.Delete(Path.Combine(App, "index", "lucene"), recursive: true);

        Directory.CreateDirectory(Data);
        await Run("chmod", root.Path, "755", root.Path);
        await Run("chmod", root.Path, "-R", "a-w", App);
        if (DropsPrivileges)
        {
            await Run("chown", root.Path, $"{UnprivilegedId}:{UnprivilegedId}", Data);
        }
    }

    public async Task DisposeAsync() => await Run("chmod", root.Path, "-R", "u+w", App);

    public void Dispose() => root.Dispose();

    /// <summary>Every file of the app folder with its size and time: what must not change while the app runs.</summary>
    public List<string> AppSnapshot()
        => [.. Directory.EnumerateFiles(App, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}")];

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static async Task Run(string program, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }
}
