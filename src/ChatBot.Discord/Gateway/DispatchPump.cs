using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Gateway;

/// <summary>How much the dispatch pump holds and how many handlers it runs at once; tests register their own.</summary>
internal sealed class DispatchLimits
{
    /// <summary>Dispatches waiting for a worker; beyond this they are dropped.</summary>
    public int QueueCapacity { get; init; } = 1_000;

    /// <summary>Workers that run handlers. Handlers only read, check and acknowledge; slow work goes to the command slots.</summary>
    public int Workers { get; init; } = 8;
}

/// <summary>
/// Work that handlers hand on and that outlives <see cref="IDispatchHandler.HandleAsync"/> (commands waiting for or
/// holding a command slot). Shutdown waits for it after the pump's own workers.
/// </summary>
internal interface IDispatchWork
{
    /// <summary>Work taken and not finished (waiting or running).</summary>
    int InFlight { get; }

    /// <summary>Takes no more work; completes when the work already taken has finished.</summary>
    Task CompleteAsync();
}

/// <summary>
/// Carries dispatches from the receive loop to their handlers (a handler that blocked the loop would stall heartbeats and miss the 3-second deadline) without ever growing. The receive loop offers
/// each dispatch that has a handler to a bounded queue and never waits; a fixed set of workers runs the handlers.
/// When the queue is full the dispatch is dropped, with one log line for the whole burst (for an interaction Discord
/// shows "did not respond"), so a flood of events costs bounded memory and no threads. Handlers read, check and
/// acknowledge; anything slow is handed to <see cref="IDispatchWork"/>, which shutdown drains after the workers.
/// </summary>
internal sealed class DispatchPump : IDisposable
{
    private readonly Channel<GatewayDispatch> channel;
    private readonly ILookup<string, IDispatchHandler> handlers;
    private readonly IDispatchWork[] work;
    private readonly DispatchLimits limits;
    private readonly TimeProvider time;
    private readonly ILogger<DispatchPump> logger;
    private readonly CancellationTokenSource intake = new();
    private readonly CancellationTokenSource cancel = new();
    private readonly Lock startSync = new();
    private Task[] workers = [];
    private int busy;
    private int dropping;
    private long dropped;

    public DispatchPump(IEnumerable<IDispatchHandler> handlers, IEnumerable<IDispatchWork> work, DispatchLimits limits, TimeProvider time, ILogger<DispatchPump> logger)
    {
        ArgumentNullException.ThrowIfNull(limits);
        this.handlers = handlers.ToLookup(h => h.EventName, StringComparer.Ordinal);
        this.work = work.ToArray();
        this.limits = limits;
        this.time = time;
        this.logger = logger;
        channel = Channel.CreateBounded<GatewayDispatch>(new BoundedChannelOptions(limits.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });
    }

    /// <summary>Dispatches being handled, plus the work handed on and not finished.</summary>
    public int InFlight => Volatile.Read(ref busy) + work.Sum(w => w.InFlight);

    /// <summary>Dispatches waiting for a worker.</summary>
    public int Queued => channel.Reader.Count;

    /// <summary>The union of the handlers' intents: what IDENTIFY asks for.</summary>
    public GatewayIntents Intents => handlers.SelectMany(g => g).Aggregate(GatewayIntents.None, (all, h) => all | h.RequiredIntents);

    public void Start()
    {
        lock (startSync)
        {
            if (workers.Length == 0)
            {
                workers = [.. Enumerable.Range(0, Math.Max(1, limits.Workers)).Select(_ => Task.Run(() => WorkAsync(intake.Token)))];
            }
        }
    }

    /// <summary>
    /// Called by the receive loop for every dispatch; never waits. A dispatch no handler wants is ignored; one that
    /// finds the queue full is dropped, and the first drop of a burst and its end are logged.
    /// </summary>
    public void Offer(GatewayDispatch dispatch)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        if (!handlers.Contains(dispatch.Name) || intake.IsCancellationRequested)
        {
            return;
        }

        if (channel.Writer.TryWrite(dispatch))
        {
            if (Interlocked.Exchange(ref dropping, 0) == 1)
            {
                GatewayLog.DispatchQueueRecovered(logger, Interlocked.Exchange(ref dropped, 0));
            }

            return;
        }

        Interlocked.Increment(ref dropped);
        if (Interlocked.Exchange(ref dropping, 1) == 0)
        {
            GatewayLog.DispatchQueueFull(logger, limits.QueueCapacity, dispatch.Name);
        }
    }

    /// <summary>
    /// Stops taking dispatches, lets the workers finish the ones they hold and the work handed on finish, for up
    /// to <paramref name="timeout"/> in all, then cancels what is left. Dispatches still queued are dropped:
    /// Discord shows those users "did not respond".
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await intake.CancelAsync();
        var all = CompleteWorkAsync();
        var finished = await Task.WhenAny(all, Task.Delay(timeout, time, cancellationToken)) == all;
        if (!finished)
        {
            GatewayLog.DrainTimedOut(logger, InFlight, (long)timeout.TotalMilliseconds);
            await cancel.CancelAsync();
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(1), time, CancellationToken.None));
        }
    }

    public void Dispose()
    {
        intake.Dispose();
        cancel.Dispose();
    }

    private async Task CompleteWorkAsync()
    {
        // Workers hand work on until they stop; only then is there nothing more to wait for.
        await Task.WhenAll(workers);
        await Task.WhenAll(work.Select(w => w.CompleteAsync()));
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (!cancellationToken.IsCancellationRequested && channel.Reader.TryRead(out var dispatch))
                {
                    Interlocked.Increment(ref busy);
                    try
                    {
                        foreach (var handler in handlers[dispatch.Name])
                        {
                            await RunAsync(handler, dispatch);
                        }
                    }
                    finally
                    {
                        Interlocked.Decrement(ref busy);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: no new dispatches are taken.
        }
    }

    private async Task RunAsync(IDispatchHandler handler, GatewayDispatch dispatch)
    {
        try
        {
            await handler.HandleAsync(dispatch, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            GatewayLog.HandlerFailed(logger, dispatch.Name, new OperationCanceledException("Cancelled at shutdown."));
        }
#pragma warning disable CA1031 // The barrier that keeps one bad event from ending the bot; handlers report their own errors first.
        catch (Exception e)
#pragma warning restore CA1031
        {
            GatewayLog.HandlerFailed(logger, dispatch.Name, e);
        }
    }
}
