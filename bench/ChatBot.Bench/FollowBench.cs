using System.Diagnostics;
using System.Globalization;
using System.Text;
using ChatBot.Core;
using ChatBot.Search;
using ChatBot.Search.Indexing;
using ChatBot.Search.Store;
using ChatBot.Search.Store.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace ChatBot.Bench;

/// <summary>
/// How long a change committed by one process takes to be answered by another process's search index, on one
/// PostgreSQL store: this process uploads a server's source (as <c>/source add</c> does) while a second process, this
/// benchmark started again as <c>follow-replica</c> with a search index of its own, follows the change log as the bot
/// does (woken by NOTIFY, looking every second in case a notification is lost; with <c>--poll-only</c>, by the look
/// alone) and asks its index for the source's unique word every millisecond until a quote holds it. The two processes
/// compare <see cref="Stopwatch"/> timestamps, which on Linux read one clock for the whole machine (CLOCK_MONOTONIC).
/// Each figure runs from the start of the upload call to the first answer, so it is an upper bound of commit to answer.
/// </summary>
public static class FollowBench
{
    public const string ConnectionStringVariable = "ConnectionStrings__Postgres";
    private const ulong Guild = 290926798626357999;
    private const int WarmUp = 5;
    private static readonly TimeSpan HangDetector = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(int changes, bool pollOnly, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is not { Length: > 0 } connectionString)
        {
            Console.Error.WriteLine($"bench: set {ConnectionStringVariable} to a PostgreSQL connection string whose role may create a schema");
            return 2;
        }

        var work = Directory.CreateTempSubdirectory("chatbot-follow-");
        var schema = "chatbot_follow_" + Guid.NewGuid().ToString("N")[..12];
        Execute(connectionString, $"CREATE SCHEMA {schema}");
        try
        {
            var shared = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;
            using var writer = new EmbeddedCorpus(PostgresStore.Open(shared), Path.Combine(work.FullName, "writer"));
            var curator = writer.CreateCurator(new CommunityOptions { MaxUploadsPerHour = 1_000_000, MaxSourcesPerServer = 1_000_000 });
            using var replica = StartReplica(shared, Path.Combine(work.FullName, "replica"), pollOnly);
            await replica.ExpectAsync("ready", cancellationToken);

            var latencies = new List<double>(changes);
            var calls = new List<double>(changes);
            for (var i = 0; i < WarmUp + changes; i++)
            {
                var word = Word(i);
                await replica.SendAsync($"find {word}");
                await replica.ExpectAsync("searching", cancellationToken);

                var content = $"The {word} accord was signed after a long war.\n\nIts terms, the {word} clauses, held for a decade.";
                var start = Stopwatch.GetTimestamp();
                var outcome = await curator.AddSourceAsync(new SourceUpload(Guild, $"follow-{i}.txt", Encoding.UTF8.GetBytes(content), new Actor(1, "bench")), cancellationToken);
                var returned = Stopwatch.GetTimestamp();
                if (outcome is not UploadOutcome.Added)
                {
                    Console.Error.WriteLine($"bench: upload {i} was not added: {outcome}");
                    return 1;
                }

                var found = long.Parse((await replica.ExpectAsync("found", cancellationToken))["found ".Length..], CultureInfo.InvariantCulture);
                if (i >= WarmUp)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(start, found).TotalMilliseconds);
                    calls.Add(Stopwatch.GetElapsedTime(start, returned).TotalMilliseconds);
                }
            }

            await replica.SendAsync("quit");
            Console.WriteLine($"follower: {(pollOnly ? "polling the change log every second (no NOTIFY)" : "LISTEN/NOTIFY, polling every second as the fallback")}");
            Console.WriteLine($"upload call (this process: commit, then its own index): {Percentiles.Of(calls)}".Replace("questions", "uploads", StringComparison.Ordinal));
            Console.WriteLine($"upload to the other process's answer: {Percentiles.Of(latencies)}".Replace("questions", "uploads", StringComparison.Ordinal));
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Execute(connectionString, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The other process: follows the store into its own search index and, told <c>find WORD</c>, says
    /// <c>searching</c>, then asks its index every millisecond until a quote holds the word, and prints
    /// <c>found TIMESTAMP</c>.
    /// </summary>
    public static async Task<int> RunReplicaAsync(string lucenePath, bool pollOnly, CancellationToken cancellationToken)
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable)!;
        using var corpus = new EmbeddedCorpus(PostgresStore.Open(connectionString), lucenePath);
        corpus.Sync.CatchUp(cancellationToken);
        await using var listening = new PostgresChangeNotifications(connectionString, NullLogger<PostgresChangeNotifications>.Instance);
        IChangeNotifications notifications = pollOnly ? new PollingChangeNotifications(PostgresChangeNotifications.FallbackInterval, TimeProvider.System) : listening;
        using var follower = new SearchIndexFollower(corpus.Changes, notifications, corpus.Sync, NullLogger<SearchIndexFollower>.Instance);
        await follower.StartAsync(cancellationToken);
        Console.WriteLine("ready");

        while (await Console.In.ReadLineAsync(cancellationToken) is { } line && line.StartsWith("find ", StringComparison.Ordinal))
        {
            var word = line["find ".Length..];
            var request = new AnswerRequest($"What was the {word} accord?", CorpusScope.ForGuild(Guild), 3);
            Console.WriteLine("searching");
            while (!corpus.Engine.Answer(request, cancellationToken).Results.Any(r => r.Quote.Contains(word, StringComparison.Ordinal)))
            {
                await Task.Delay(1, cancellationToken);
            }

            Console.WriteLine("found " + Stopwatch.GetTimestamp().ToString(CultureInfo.InvariantCulture));
        }

        await follower.StopAsync(cancellationToken);
        return 0;
    }

    /// <summary>A word no other upload holds, nor any close spelling of one: letters only, so analysis keeps it whole.</summary>
    private static string Word(int i)
    {
        var suffix = new StringBuilder();
        for (var n = i; ; n /= 26)
        {
            suffix.Append((char)('a' + (n % 26)));
            if (n < 26)
            {
                break;
            }
        }

        return "quorvex" + suffix + "zan";
    }

    private static Replica StartReplica(string connectionString, string lucenePath, bool pollOnly)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FollowBench).Assembly.Location);
        }

        start.ArgumentList.Add("follow-replica");
        start.ArgumentList.Add(lucenePath);
        if (pollOnly)
        {
            start.ArgumentList.Add("--poll-only");
        }

        start.Environment[ConnectionStringVariable] = connectionString;
        return new Replica(Process.Start(start) ?? throw new InvalidOperationException("cannot start the follower process"));
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private sealed class Replica(Process process) : IDisposable
    {
        public async Task SendAsync(string line)
        {
            await process.StandardInput.WriteLineAsync(line);
            await process.StandardInput.FlushAsync();
        }

        /// <summary>The follower's next line, which must start with <paramref name="word"/>.</summary>
        public async Task<string> ExpectAsync(string word, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(HangDetector);
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"the follower process ended (exit code {(process.HasExited ? process.ExitCode : -1)}) before saying {word}");
            return line.StartsWith(word, StringComparison.Ordinal) ? line : throw new InvalidOperationException($"the follower said \"{line}\", not {word}");
        }

        public void Dispose()
        {
            if (!process.HasExited && !process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
            }

            process.Dispose();
        }
    }
}
