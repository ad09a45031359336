using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ChatBot.Core;
using ChatBot.Discord.Gateway;
using ChatBot.Search;
using ChatBot.Testing;
using ChatBot.Testing.FakeDiscord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Tests.Support;

/// <summary>
/// The real bot (AddDiscordBot, the real gateway client and REST stack) in a host pointed at a fake Discord,
/// with fake answers and catalog (or, given a database path, the real index of the bundled corpus), captured
/// logs and exit codes, and millisecond timings.
/// </summary>
internal sealed class BotHarness : IAsyncDisposable
{
    /// <summary>The bot token in tests; its secret tail must never reach a log.</summary>
    public const string Token = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.fake.dG9rZW4tc2VjcmV0LXRhaWw";
    public const string TokenSecret = "dG9rZW4tc2VjcmV0LXRhaWw";

    private readonly bool ownsDiscord;

    private BotHarness(FakeDiscordServer discord, bool ownsDiscord, IHost host, FakeAnswers answers, FakeQuoteVerifier quotes, LogCollector logs, ConcurrentQueue<int> exitCodes)
    {
        this.ownsDiscord = ownsDiscord;
        Quotes = quotes;
        Discord = discord;
        Host = host;
        Answers = answers;
        Logs = logs;
        ExitCodes = exitCodes;
    }

    public FakeDiscordServer Discord { get; }

    public IHost Host { get; }

    public FakeAnswers Answers { get; }

    /// <summary>The fake quote verifier (replaced by the real one when the harness has a database).</summary>
    public FakeQuoteVerifier Quotes { get; }

    public FakeTimelines Timelines { get; private init; } = new();

    public LogCollector Logs { get; }

    public ConcurrentQueue<int> ExitCodes { get; }

    public IHostApplicationLifetime Lifetime => Host.Services.GetRequiredService<IHostApplicationLifetime>();

    public IGatewayStatus Status => Host.Services.GetRequiredService<IGatewayStatus>();

    /// <summary>Another bot process on the same fake Discord (e.g. running other shards), with its own host, answers and logs.</summary>
    public Task<BotHarness> StartAnotherAsync(IReadOnlyDictionary<string, string?> configuration, GatewayTimings? timings = null)
        => StartAsync(timings: timings, configuration: configuration, sharedDiscord: Discord);

    /// <summary>Timings for tests: the same state machine, in milliseconds, with a fixed "random" of 0.5.</summary>
    public static GatewayTimings FastTimings(Func<double>? random = null, TimeSpan? identifyInterval = null) => new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        HelloTimeout = TimeSpan.FromSeconds(5),
        ReadyTimeout = TimeSpan.FromSeconds(5),
        CloseTimeout = TimeSpan.FromMilliseconds(500),
        InvalidSessionDelayMin = TimeSpan.FromMilliseconds(200),
        InvalidSessionDelayMax = TimeSpan.FromMilliseconds(400),
        IdentifyInterval = identifyInterval ?? TimeSpan.Zero,
        BackoffInitial = TimeSpan.FromMilliseconds(50),
        BackoffMax = TimeSpan.FromMilliseconds(400),
        BackoffJitter = TimeSpan.Zero,
        ShutdownDrain = TimeSpan.FromSeconds(5),
        Random = random ?? (() => 0.5),
    };

    public static async Task<BotHarness> StartAsync(
        Action<FakeDiscordOptions>? discord = null,
        GatewayTimings? timings = null,
        Action<IServiceCollection>? services = null,
        IReadOnlyDictionary<string, string?>? configuration = null,
        string? databasePath = null,
        FakeDiscordServer? sharedDiscord = null)
    {
        var fake = sharedDiscord;
        if (fake is null)
        {
            var options = new FakeDiscordOptions { ExpectedToken = Token };
            discord?.Invoke(options);
            fake = await FakeDiscordServer.StartAsync(options);
        }

        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Testing" });
        var settings = new Dictionary<string, string?>
        {
            ["Discord:Token"] = Token,
            ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl.ToString(),
        };
        if (databasePath is not null)
        {
            settings["Index:SourcesPath"] = RepositoryPaths.BundledSources;
            settings["Index:DatabasePath"] = databasePath;
        }

        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new LogCollector();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        var answers = new FakeAnswers();
        var exitCodes = new ConcurrentQueue<int>();
        var quotes = new FakeQuoteVerifier();
        builder.Services.AddSingleton<IAnswerService>(answers);
        builder.Services.AddSingleton<IQuoteVerifier>(quotes);
        var timelines = new FakeTimelines();
        builder.Services.AddSingleton<ITimelineService>(timelines);
        builder.Services.AddSingleton<ISourceCatalog>(new FakeCatalog());
        builder.Services.AddSingleton(timings ?? FastTimings());
        builder.Services.AddSingleton(new ExitCodeSink(exitCodes.Enqueue));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddDiscordBot(builder.Configuration);
        if (databasePath is not null)
        {
            builder.Services.AddPassageIndex(builder.Configuration);
        }

        services?.Invoke(builder.Services);

        var host = builder.Build();
        await host.StartAsync();
        return new BotHarness(fake, sharedDiscord is null, host, answers, quotes, logs, exitCodes) { Timelines = timelines };
    }

    /// <summary>Sends <c>/ask</c> and returns the interaction once it has been sent.</summary>
    public Task<FakeInteraction> AskAsync(FakeGatewayConnection connection, string question, bool? isPrivate = null, ulong? guildId = FakeInteraction.DefaultGuildId)
    {
        var options = new JsonObject { ["question"] = question };
        if (isPrivate is { } p)
        {
            options["private"] = p;
        }

        return Discord.SendInteractionAsync(connection, FakeInteraction.SlashCommand("ask", options, guildId));
    }

    /// <summary>Waits until the host has stopped by itself (after a fatal error) or fails the test.</summary>
    public async Task WaitForStopAsync()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = Lifetime.ApplicationStopping.Register(() => stopped.TrySetResult());
        await stopped.Task.WaitAsync(TestTimeouts.Default);
        await Host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await Host.StopAsync(timeout.Token);
        }

        Host.Dispose();
        if (ownsDiscord)
        {
            await Discord.DisposeAsync();
        }
    }
}
