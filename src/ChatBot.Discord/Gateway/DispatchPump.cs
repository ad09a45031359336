using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// Carries dispatches from the receive loop to their handlers (§9.7). The receive loop writes to an
/// unbounded channel and never waits; the pump starts each handler on the thread pool and tracks it, so
/// many interactions run at once and shutdown can wait for the ones in flight.
/// </summary>
internal sealed class DispatchPump : IDisposable
{
    private readonly Channel<GatewayDispatch> channel = Channel.CreateUnbounded<GatewayDispatch>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ILookup<string, IDispatchHandler> handlers;
    private readonly TimeProvider time;
    private readonly ILogger<DispatchPump> logger;
    private readonly CancellationTokenSource intake = new();
    private readonly CancellationTokenSource work = new();
    private readonly ConcurrentDictionary<long, Task> inFlight = new();
    private readonly Lock startSync = new();
    private Task? pumping;
    private long nextId;

    public DispatchPump(IEnumerable<IDispatchHandler> handlers, TimeProvider time, ILogger<DispatchPump> logger)
    {
        this.handlers = handlers.ToLookup(h => h.EventName, StringComparer.Ordinal);
        this.time = time;
        this.logger = logger;
    }

    public ChannelWriter<GatewayDispatch> Writer => channel.Writer;

    public int InFlight => inFlight.Count;

    /// <summary>The union of the handlers' intents: what IDENTIFY asks for.</summary>
    public GatewayIntents Intents => handlers.SelectMany(g => g).Aggregate(GatewayIntents.None, (all, h) => all | h.RequiredIntents);

    public void Start()
    {
        lock (startSync)
        {
            pumping ??= Task.Run(() => PumpAsync(intake.Token));
        }
    }

    /// <summary>
    /// Stops taking dispatches, waits up to <paramref name="timeout"/> for the handlers in flight, then cancels
    /// what is left. Dispatches still queued are dropped: Discord shows those users "did not respond".
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await intake.CancelAsync();
        if (pumping is { } task)
        {
            await task;
        }

        var pending = inFlight.Values.ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        var all = Task.WhenAll(pending);
        var finished = await Task.WhenAny(all, Task.Delay(timeout, time, cancellationToken)) == all;
        if (!finished)
        {
            GatewayLog.DrainTimedOut(logger, inFlight.Count, (long)timeout.TotalMilliseconds);
            await work.CancelAsync();
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(1), time, CancellationToken.None));
        }
    }

    public void Dispose()
    {
        intake.Dispose();
        work.Dispose();
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var dispatch in channel.Reader.ReadAllAsync(cancellationToken))
            {
                foreach (var handler in handlers[dispatch.Name])
                {
                    Track(handler, dispatch);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: no new dispatches are taken.
        }
    }

    private void Track(IDispatchHandler handler, GatewayDispatch dispatch)
    {
        var id = Interlocked.Increment(ref nextId);
        var task = Task.Run(() => RunAsync(handler, dispatch));
        inFlight[id] = task;
        task.ContinueWith(_ => inFlight.TryRemove(id, out var _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunAsync(IDispatchHandler handler, GatewayDispatch dispatch)
    {
        try
        {
            await handler.HandleAsync(dispatch, work.Token);
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested)
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
