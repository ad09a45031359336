using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Index;
using ChatBot.Search.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Search.Community;

/// <summary>
/// The ask log and the feedback on answers, in the index database. An answer never waits for the log: ids are
/// handed out from memory and one background writer stores the rows in batches, so an upload holding the
/// database's write lock delays the log, not the reply. <c>/gaps</c> waits for what is still queued.
/// Questions are grouped for <c>/gaps</c> by a key that ignores case, accents, spacing and closing
/// punctuation. User ids are kept only when <see cref="CommunityOptions.LogUserIds"/> is on. One journal per
/// database per process (it is a singleton), since it numbers the asks.
/// </summary>
public sealed partial class AskJournal : IAskJournal, IAsyncDisposable
{
    private const int BatchSize = 256;

    private readonly PassageStore store;
    private readonly IOptions<CommunityOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<AskJournal> logger;
    private readonly Channel<Write> writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, byte> unwritten = new();
    private readonly Lazy<long> firstId;
    private readonly Task writer;
    private long issued;

    public AskJournal(PassageStore store, IOptions<CommunityOptions> options, TimeProvider time, ILogger<AskJournal> logger)
    {
        this.store = store;
        this.options = options;
        this.time = time;
        this.logger = logger;
        firstId = new Lazy<long>(ReadLastId);
        writer = Task.Run(WriteLoopAsync);
    }

    public ValueTask<long> RecordAskAsync(AskRecord ask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var id = firstId.Value + Interlocked.Increment(ref issued);
        var at = Now();
        var key = Key(ask.Question);
        long? user = options.Value.LogUserIds && ask.UserId is { } u ? (long)u : null;
        unwritten[id] = 0;
        Enqueue(new Write(command =>
        {
            command.CommandText = """
                INSERT INTO ask_log (id, at, guild_id, channel, question, question_key, confident, top_source, elapsed_ms, user_id)
                VALUES ($id, $at, $guild, $channel, $question, $key, $confident, $top, $elapsed, $user)
                """;
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$at", at);
            command.Parameters.AddWithValue("$guild", (long)(ask.GuildId ?? 0));
            command.Parameters.AddWithValue("$channel", ask.Channel.ToString());
            command.Parameters.AddWithValue("$question", ask.Question);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$confident", ask.Confident ? 1 : 0);
            command.Parameters.AddWithValue("$top", (object?)ask.TopSourceId ?? DBNull.Value);
            command.Parameters.AddWithValue("$elapsed", Math.Round(ask.ElapsedMs, 2));
            command.Parameters.AddWithValue("$user", (object?)user ?? DBNull.Value);
        }, AskId: id));
        return ValueTask.FromResult(id);
    }

    public ValueTask<bool> RecordFeedbackAsync(long askId, FeedbackKind kind, ulong? userId, CancellationToken cancellationToken)
    {
        // Still queued, or already stored (the writer forgets an id only after its commit): either way it exists.
        if (!unwritten.ContainsKey(askId) && !AskExists(askId))
        {
            return ValueTask.FromResult(false);
        }

        var at = Now();
        long? user = options.Value.LogUserIds && userId is { } u ? (long)u : null;
        Enqueue(new Write(command =>
        {
            command.CommandText = "INSERT INTO feedback (ask_id, at, kind, user_id) VALUES ($ask, $at, $kind, $user)";
            command.Parameters.AddWithValue("$ask", askId);
            command.Parameters.AddWithValue("$at", at);
            command.Parameters.AddWithValue("$kind", kind.ToString());
            command.Parameters.AddWithValue("$user", (object?)user ?? DBNull.Value);
        }));
        return ValueTask.FromResult(true);
    }

    public async ValueTask<GapReport> GapsAsync(ulong guildId, TimeSpan window, int limit, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), coalesce(sum(confident = 0), 0) FROM ask_log WHERE guild_id = $guild AND at >= $since;
            SELECT min(question), count(*), max(at) FROM ask_log
            WHERE guild_id = $guild AND at >= $since AND confident = 0
            GROUP BY question_key ORDER BY count(*) DESC, max(at) DESC LIMIT $limit;
            SELECT f.kind, count(*) FROM feedback f JOIN ask_log a ON a.id = f.ask_id
            WHERE a.guild_id = $guild AND f.at >= $since GROUP BY f.kind;
            """;
        command.Parameters.AddWithValue("$guild", (long)guildId);
        command.Parameters.AddWithValue("$since", (time.GetUtcNow() - window).ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 50));
        using var reader = command.ExecuteReader();
        reader.Read();
        var (asked, notAnswered) = (reader.GetInt32(0), reader.GetInt32(1));
        reader.NextResult();
        var questions = new List<GapEntry>();
        while (reader.Read())
        {
            questions.Add(new GapEntry(reader.GetString(0), reader.GetInt32(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture)));
        }

        reader.NextResult();
        var feedback = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            feedback[reader.GetString(0)] = reader.GetInt32(1);
        }

        return new GapReport(
            window, asked, notAnswered, questions,
            feedback.GetValueOrDefault(nameof(FeedbackKind.Helpful)), feedback.GetValueOrDefault(nameof(FeedbackKind.NotHelpful)),
            feedback.GetValueOrDefault(nameof(FeedbackKind.BadQuote)));
    }

    /// <summary>Waits until everything recorded so far is stored (or could not be, and was logged).</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        var marker = new Write(null);
        return writes.Writer.TryWrite(marker) ? marker.Done.Task.WaitAsync(cancellationToken) : writer;
    }

    /// <summary>Stores what is still queued, then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        writes.Writer.TryComplete();
        await writer.ConfigureAwait(false);
    }

    /// <summary>"Who led the coup?" and "who  led the COUP" have the same key.</summary>
    public static string Key(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var words = TextAnalysis.Fold(question).Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
        var key = new StringBuilder(string.Join(' ', words));
        while (key.Length > 0 && key[^1] is '?' or '.' or '!' or ' ')
        {
            key.Length--;
        }

        return key.ToString();
    }

    private void Enqueue(Write write)
    {
        if (!writes.Writer.TryWrite(write))
        {
            // Shutting down: the log is best-effort, the answer has gone out already.
            write.Done.TrySetResult();
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Write>(BatchSize);
        while (await writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < BatchSize && writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            try
            {
                Store(batch);
            }
#pragma warning disable CA1031 // The log must never take the bot down: a failed batch is logged and dropped.
            catch (Exception e)
#pragma warning restore CA1031
            {
                NotStored(logger, batch.Count, e.Message);
            }

            foreach (var write in batch)
            {
                if (write.AskId is { } id)
                {
                    unwritten.TryRemove(id, out _);
                }

                write.Done.TrySetResult();
            }

            batch.Clear();
        }
    }

    private void Store(List<Write> batch)
    {
        if (batch.TrueForAll(w => w.Apply is null))
        {
            return;
        }

        using var connection = store.OpenConnection();
        using var transaction = connection.BeginTransaction();
        foreach (var write in batch)
        {
            if (write.Apply is { } apply)
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                apply(command);
                command.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    private long ReadLastId()
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(id), 0) FROM ask_log";
        return (long)command.ExecuteScalar()!;
    }

    private bool AskExists(long askId)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM ask_log WHERE id = $id)";
        command.Parameters.AddWithValue("$id", askId);
        return (long)command.ExecuteScalar()! == 1;
    }

    // Stored as UTC in one fixed format, so comparing the text compares the times.
    private string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    [LoggerMessage(6003, LogLevel.Warning, "Could not store {Count} ask log entries: {Reason}")]
    private static partial void NotStored(ILogger logger, int count, string reason);

    /// <summary>A row to store (null: a flush marker), the ask id it stores if any, and when it is done.</summary>
    private sealed record Write(Action<SqliteCommand>? Apply, long? AskId = null)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
