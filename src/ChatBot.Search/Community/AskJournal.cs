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
/// The ask log and the feedback on answers, in the index database. An answer never waits for the log: ids come
/// from blocks reserved in the database ahead of need (so a crash never hands an id out twice), and one
/// background writer stores the rows in batches, so an upload holding the database's write lock delays the log,
/// not the reply. A batch that cannot be stored is tried again, not dropped. <c>/gaps</c> and shutdown wait for
/// what is still queued. Feedback counts only on an ask of the place (server or DM) where the button was pressed.
/// Questions are grouped for <c>/gaps</c> by a key that ignores case, accents, spacing and closing
/// punctuation. User ids are kept only when <see cref="CommunityOptions.LogUserIds"/> is on. One journal per
/// database per process (it is a singleton), since it numbers the asks.
/// </summary>
public sealed partial class AskJournal : IAskJournal, IAsyncDisposable
{
    private const int BatchSize = 256;

    /// <summary>Ids reserved at a time; the next block is reserved in the background when a tenth is left.</summary>
    public const int IdBlock = 1000;

    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly PassageStore store;
    private readonly IOptions<CommunityOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<AskJournal> logger;
    private readonly Channel<Write> writes = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, ulong> unwritten = new();
    private readonly Lock ids = new();
    private readonly Task writer;
    private (long Next, long End) block;
    private (long Next, long End)? nextBlock;
    private bool reserving;
    private volatile bool stoppingWrites;

    public AskJournal(PassageStore store, IOptions<CommunityOptions> options, TimeProvider time, ILogger<AskJournal> logger)
    {
        this.store = store;
        this.options = options;
        this.time = time;
        this.logger = logger;
        block = ReserveBlock();
        writer = Task.Run(WriteLoopAsync);
    }

    public ValueTask<long> RecordAskAsync(AskRecord ask, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ask);
        var id = NextId();
        var at = Now();
        var key = Key(ask.Question);
        long? user = options.Value.LogUserIds && ask.UserId is { } u ? (long)u : null;
        unwritten[id] = ask.GuildId ?? 0;
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

    public ValueTask<bool> RecordFeedbackAsync(long askId, ulong? guildId, FeedbackKind kind, ulong? userId, CancellationToken cancellationToken)
    {
        // Still queued, or already stored (the writer forgets an id only after its commit): either way it exists,
        // and it must have been asked where the button was pressed.
        var place = guildId ?? 0;
        if (unwritten.TryGetValue(askId, out var askedIn) ? askedIn != place : !AskExists(askId, place))
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
        stoppingWrites = true;
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

            await StoreWithRetriesAsync(batch).ConfigureAwait(false);

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

    /// <summary>
    /// Stores a batch, trying again while the database refuses it (locked, full, unavailable): the rows wait in
    /// memory, the answers do not. While shutting down it gives up after the last delay, and says so.
    /// </summary>
    private async Task StoreWithRetriesAsync(List<Write> batch)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Store(batch);
                return;
            }
            catch (SqliteException e)
            {
                var stopping = stoppingWrites && attempt >= RetryDelays.Length - 1;
                NotStored(logger, batch.Count, e.Message, stopping ? "giving up" : "trying again");
                if (stopping)
                {
                    return;
                }

                await Task.Delay(RetryDelays[Math.Min(attempt, RetryDelays.Length - 1)], time).ConfigureAwait(false);
            }
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

    /// <summary>The next ask id: from the current block, reserving the next one ahead of need.</summary>
    private long NextId()
    {
        lock (ids)
        {
            if (block.Next > block.End)
            {
                block = nextBlock ?? ReserveBlock();
                nextBlock = null;
            }

            var id = block.Next++;
            if (!reserving && nextBlock is null && block.End - block.Next < IdBlock / 10)
            {
                reserving = true;
                _ = Task.Run(() =>
                {
                    var reserved = ReserveBlock();
                    lock (ids)
                    {
                        nextBlock = reserved;
                        reserving = false;
                    }
                });
            }

            return id;
        }
    }

    /// <summary>Moves the database's reserved-id counter on by a block and returns the block; it never moves back.</summary>
    private (long Next, long End) ReserveBlock()
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE meta SET value = max(CAST(value AS INTEGER), (SELECT coalesce(max(id), 0) FROM ask_log)) + $block
            WHERE key = 'ask_ids_reserved' RETURNING CAST(value AS INTEGER)
            """;
        command.Parameters.AddWithValue("$block", IdBlock);
        var end = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return (end - IdBlock + 1, end);
    }

    private bool AskExists(long askId, ulong guildId)
    {
        using var connection = store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM ask_log WHERE id = $id AND guild_id = $guild)";
        command.Parameters.AddWithValue("$id", askId);
        command.Parameters.AddWithValue("$guild", (long)guildId);
        return (long)command.ExecuteScalar()! == 1;
    }

    // Stored as UTC in one fixed format, so comparing the text compares the times.
    private string Now() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    [LoggerMessage(6003, LogLevel.Warning, "Could not store {Count} ask log entries: {Reason}; {Next}")]
    private static partial void NotStored(ILogger logger, int count, string reason, string next);

    /// <summary>A row to store (null: a flush marker), the ask id it stores if any, and when it is done.</summary>
    private sealed record Write(Action<SqliteCommand>? Apply, long? AskId = null)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
