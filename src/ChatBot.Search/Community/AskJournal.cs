using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Index;
using ChatBot.Search.Indexing;
using ChatBot.Search.Store;
using System.Data.Common;
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
/// store per process (it is a singleton); processes sharing a store reserve blocks of their own.
/// </summary>
public sealed partial class AskJournal : IAskJournal, IPendingWrites, IAsyncDisposable
{
    private const int BatchSize = 256;

    /// <summary>Ids reserved at a time; the next block is reserved in the background when a tenth is left.</summary>
    public const int IdBlock = 1000;

    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    private readonly IAskLogStore store;
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

    public AskJournal(IAskLogStore store, IOptions<CommunityOptions> options, TimeProvider time, ILogger<AskJournal> logger)
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
        ulong? user = options.Value.LogUserIds ? ask.UserId : null;
        unwritten[id] = ask.GuildId ?? 0;
        Enqueue(new Write(
            new AskRow(id, at, ask.GuildId ?? 0, ask.Channel.ToString(), ask.Question, key, ask.Confident, ask.TopSourceId, Math.Round(ask.ElapsedMs, 2), user),
            AskId: id));
        return ValueTask.FromResult(id);
    }

    public ValueTask<bool> RecordFeedbackAsync(long askId, ulong? guildId, FeedbackKind kind, ulong? userId, CancellationToken cancellationToken)
    {
        // Still queued, or already stored (the writer forgets an id only after its commit): either way it exists,
        // and it must have been asked where the button was pressed.
        var place = guildId ?? 0;
        if (unwritten.TryGetValue(askId, out var askedIn) ? askedIn != place : !store.AskExists(askId, place))
        {
            return ValueTask.FromResult(false);
        }

        var at = Now();
        ulong? user = options.Value.LogUserIds ? userId : null;
        Enqueue(new Write(new FeedbackRow(askId, at, kind.ToString(), user)));
        return ValueTask.FromResult(true);
    }

    public async ValueTask<GapReport> GapsAsync(ulong guildId, TimeSpan window, int limit, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        var counts = store.Gaps(guildId, time.GetUtcNow() - window, Math.Clamp(limit, 1, 50));
        var feedback = counts.Feedback;
        return new GapReport(
            window, counts.Asked, counts.NotAnswered, counts.Questions,
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
            catch (DbException e)
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
        var rows = batch.Where(w => w.Row is not null).Select(w => w.Row!).ToList();
        if (rows.Count > 0)
        {
            store.Write(rows);
        }
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
                _ = Task.Run(ReserveAhead);
            }

            return id;
        }
    }

    /// <summary>
    /// Reserves the next block in the background. When the database refuses, nothing is lost: the next id reserves it
    /// then, and another try ahead of need follows.
    /// </summary>
    private void ReserveAhead()
    {
        (long Next, long End)? reserved = null;
        try
        {
            reserved = ReserveBlock();
        }
        catch (DbException e)
        {
            IdsNotReserved(logger, e.Message);
        }
        finally
        {
            lock (ids)
            {
                nextBlock ??= reserved;
                reserving = false;
            }
        }
    }

    /// <summary>Moves the database's reserved-id counter on by a block and returns the block; it never moves back.</summary>
    private (long Next, long End) ReserveBlock() => store.ReserveAskIds(IdBlock);

    private DateTimeOffset Now() => time.GetUtcNow();

    [LoggerMessage(6005, LogLevel.Warning, "Could not reserve ask ids ahead of need: {Reason}; the next question reserves them")]
    private static partial void IdsNotReserved(ILogger logger, string reason);

    [LoggerMessage(6003, LogLevel.Warning, "Could not store {Count} ask log entries: {Reason}; {Next}")]
    private static partial void NotStored(ILogger logger, int count, string reason, string next);

    /// <summary>A row to store (null: a flush marker), the ask id it stores if any, and when it is done.</summary>
    private sealed record Write(AskLogRow? Row, long? AskId = null)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
