using System.Text.Json;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;
using ChatBot.Tests.Support;

namespace ChatBot.Tests.Container;

/// <summary>The published app as the container runs it: unprivileged, read-only app folder, data on a volume.</summary>
public sealed class PublishedAppTests(PublishedApp app) : IClassFixture<PublishedApp>
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(30);

    private Task<ProcessResult> Run(params string[] args) => ChatBotProcess.RunAsync(app.Command, app.App, app.Environment, null, args);

    [Fact]
    public async Task Ask_ReadOnlyAppFolder_AnswersAndWritesToTheDataFolderOnly()
    {
        var before = app.AppSnapshot();
        var result = await Run("ask", "who led the coup");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Barrientos", result.Output);
        Assert.True(File.Exists(Path.Combine(app.Data, "chatbot.db")), "the index lives on the data volume");
        Assert.Equal(before, app.AppSnapshot());
    }

    [Fact]
    public async Task Health_NoBotRunning_IsUnhealthy()
    {
        var result = await Run("health");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("unhealthy:", result.Output);
    }

    [Fact]
    public async Task Bot_Unprivileged_ConnectsReportsHealthyAndExitsZeroOnSigterm()
    {
        const string Token = "container-test-token";
        await using var discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { ExpectedToken = Token });
        var environment = app.Environment;
        environment["Discord__Token"] = Token;
        environment["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.ToString();
        environment["Logging__Console__FormatterName"] = "json";
        await using var bot = ChatBotProcess.Start(app.Command, app.App, environment);

        var connection = await discord.Gateway.NextReadyConnectionAsync(Startup);
        var status = Path.Combine(app.Data, "chatbot.status.json");
        await Eventually.TrueAsync(() => File.Exists(status) && File.ReadAllText(status).Contains("\"Ready\"", StringComparison.Ordinal), "the status file says Ready", Startup);
        // The bot asks its own index a probe question and says how it went in the status file.
        await Eventually.TrueAsync(() => File.ReadAllText(status).Contains("\"answered\":true", StringComparison.Ordinal), "the index answered the probe question", Startup);
        var health = await Run("health");
        Assert.True(health.ExitCode == 0, $"health exited {health.ExitCode}: {health.Output}{health.Error}");
        Assert.StartsWith("healthy:", health.Output);

        bot.Terminate();
        var exitCode = await bot.WaitForExitAsync(Startup);
        Assert.True(exitCode == 0, $"exit code {exitCode}: {bot.Error}{bot.Output[^Math.Min(3000, bot.Output.Length)..]}");
        Assert.Equal(1000, await connection.Closed.WaitAsync(Startup));
        Assert.Equal(1, (await Run("health")).ExitCode);

        // JSON logs: every line an object; the token never appears.
        var lines = bot.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
        Assert.DoesNotContain(Token, bot.Output + bot.Error);
    }
}
