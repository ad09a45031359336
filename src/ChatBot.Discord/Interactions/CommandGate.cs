using System.Collections.Concurrent;
using ChatBot.Discord.Gateway;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// The one gate every question passes: slash commands that defer, every button, mentions and DMs.
/// <see cref="DiscordOptions.MaxConcurrentCommands"/> run at once and up to <see cref="QueueFactor"/> times as many
/// wait for a slot; beyond that <see cref="TryReserve"/> refuses at once, so a flood never grows memory or threads.
/// A caller reserves its place before it acknowledges (a refusal can then still be private), then starts its work,
/// which runs off the dispatch workers. The gate tells a health check when all slots are busy with none finishing,
/// and reports the start and end of a burst of refusals once each.
/// </summary>
internal sealed class CommandGate : IDispatchWork, ICommandSlotsStatus, IDisposable
{
    /// <summary>Questions that may wait for a slot, per slot.</summary>
    public const int QueueFactor = 4;

    private readonly SemaphoreSlim slots;
    private readonly TimeProvider time;
    private readonly ILogger<CommandGate> logger;
    private readonly Lock sync = new();
    private readonly ConcurrentDictionary<long, Task> running = new();
    private long nextId;
    private int reserved;
    private int busy;
    private bool closed;
    private bool refusing;
    private int refused;
    private DateTimeOffset? stalledSince;

    public CommandGate(IOptions<DiscordOptions> options, TimeProvider time, ILogger<CommandGate> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Capacity = options.Value.MaxConcurrentCommands;
        Limit = Capacity * (1 + QueueFactor);
        slots = new SemaphoreSlim(Capacity, Capacity);
        this.time = time;
        this.logger = logger;
    }

    public int Capacity { get; }

    /// <summary>Questions accepted at most: running plus waiting.</summary>
    public int Limit { get; }

    public int Busy
    {
        get
        {
            lock (sync)
            {
                return busy;
            }
        }
    }

    public int Waiting
    {
        get
        {
            lock (sync)
            {
                return reserved - busy;
            }
        }
    }

    public int InFlight
    {
        get
        {
            lock (sync)
            {
                return reserved;
            }
        }
    }

    public DateTimeOffset? StalledSince
    {
        get
        {
            lock (sync)
            {
                return stalledSince;
            }
        }
    }

    /// <summary>A place for one question, or null when the slots and the queue are full (or the bot is stopping).</summary>
    public CommandTicket? TryReserve()
    {
        lock (sync)
        {
            if (closed || reserved >= Limit)
            {
                refused++;
                if (!closed && !refusing)
                {
                    refusing = true;
                    InteractionLog.SlotsFull(logger, Capacity, reserved - busy);
                }

                return null;
            }

            reserved++;
            if (refusing)
            {
                refusing = false;
                InteractionLog.SlotsFree(logger, refused);
                refused = 0;
            }
        }

        return new CommandTicket(this);
    }

    public Task CompleteAsync()
    {
        lock (sync)
        {
            closed = true;
        }

        return Task.WhenAll(running.Values.ToArray());
    }

    public void Dispose() => slots.Dispose();

    /// <summary>Runs <paramref name="work"/> in a slot, off the caller's thread; it must handle its own failures.</summary>
    internal void Start(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref nextId);
        var task = Task.Run(() => RunAsync(work, cancellationToken), CancellationToken.None);
        running[id] = task;
        task.ContinueWith(_ => running.TryRemove(id, out var _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    internal void Release()
    {
        lock (sync)
        {
            reserved--;
        }
    }

    private async Task RunAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await slots.WaitAsync(cancellationToken);
            Enter();
            try
            {
                await work(cancellationToken);
            }
            finally
            {
                Exit();
                slots.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            InteractionLog.WorkCancelled(logger);
        }
#pragma warning disable CA1031 // The barrier behind the router's own catch: a bug in one question must not end the bot.
        catch (Exception e)
#pragma warning restore CA1031
        {
            InteractionLog.WorkFailed(logger, e);
        }
        finally
        {
            Release();
        }
    }

    private void Enter()
    {
        lock (sync)
        {
            busy++;
            if (busy >= Capacity)
            {
                stalledSince ??= time.GetUtcNow();
            }
        }
    }

    private void Exit()
    {
        lock (sync)
        {
            busy--;
            stalledSince = null;
        }
    }
}
