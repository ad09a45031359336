using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;
using ChatBot.Tests.Support;

namespace ChatBot.Tests.Metrics;

/// <summary>With <c>Metrics:PrometheusPort</c> set, the running bot serves what an operator scrapes at <c>/metrics</c>.</summary>
public sealed class PrometheusEndpointTests : IAsyncLifetime, IDisposable
{
    private const string Token = "test-bot-token";
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(30);
    private readonly TempDirectory work = new();
    private FakeDiscordServer discord = null!;

    public async Task InitializeAsync() => discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { ExpectedToken = Token });

    public async Task DisposeAsync() => await discord.DisposeAsync();

    public void Dispose() => work.Dispose();

    [Fact]
    public async Task Scrape_AfterAnAsk_CountsTheQuestionItsLatencyTheRestCallsAndTheIndex()
    {
        var port = FreePort();
        await using var bot = ChatBotProcess.Start(work.Path, new Dictionary<string, string>
        {
            ["Discord__Token"] = Token,
            ["Discord__ApiBaseUrl"] = discord.ApiBaseUrl.ToString(),
            ["Index__SourcesPath"] = RepositoryPaths.BundledSources,
            ["Index__DatabasePath"] = work.File("data/chatbot.db"),
            ["Metrics__PrometheusPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var connection = await discord.Gateway.NextReadyConnectionAsync(Startup);
        var ask = await discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("ask", new JsonObject { ["question"] = "who led the coup" }));
        await discord.Rest.WaitForEditAsync(ask);

        using var http = new HttpClient { Timeout = TestTimeouts.Default };
        var text = "";
        var deadline = DateTime.UtcNow + Startup;
        while (!text.Contains("chatbot_questions_total{", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            // The exporter caches a scrape briefly; the answer's metrics show in the next one.
            text = await http.GetStringAsync(new Uri($"http://localhost:{port}/metrics"));
            await Task.Delay(50);
        }

        Assert.Matches(@"chatbot_questions_total\{[^}]*outcome=""confident""[^}]*source=""slash""[^}]*\} 1", text);
        Assert.Matches(@"chatbot_answer_duration_seconds_count\{[^}]*source=""slash""[^}]*\} 1", text);
        Assert.Matches(@"chatbot_rest_requests_total\{[^}]*route=""PATCH /webhooks/:id/:token/messages/@original""[^}]*status=""200""", text);
        Assert.Matches(@"chatbot_index_passages\{[^}]*\} [1-9]\d*", text);
        Assert.Contains("chatbot_index_refresh_duration_seconds_bucket", text, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
