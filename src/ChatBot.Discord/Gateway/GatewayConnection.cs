using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using ChatBot.Core;
using ChatBot.Discord.Foundation;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Wire;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Gateway;

/// <summary>What every connection needs from the service, fixed for the process. A class, not a record: no generated ToString may print the token.</summary>
internal sealed class GatewayConnectionSettings(
    string token,
    GatewayIntents intents,
    GatewayTimings timings,
    TimeProvider time,
    Action<GatewayDispatch> dispatches,
    GatewayStatus status,
    DiscordMetrics metrics,
    ILogger logger)
{
    public string Token { get; } = token;

    public GatewayIntents Intents { get; } = intents;

    public GatewayTimings Timings { get; } = timings;

    public TimeProvider Time { get; } = time;

    /// <summary>Takes each dispatch off the receive loop; never waits (the pump drops what it cannot hold).</summary>
    public Action<GatewayDispatch> Dispatches { get; } = dispatches;

    public GatewayStatus Status { get; } = status;

    public DiscordMetrics Metrics { get; } = metrics;

    public ILogger Logger { get; } = logger;
}

/// <summary>
/// One WebSocket to the gateway for one shard, from HELLO to close (https://discord.com/developers/docs/events/gateway#connections). All of its state (the ACK flag, the
/// sequence, the heartbeat loop, the send limiter with its 120 per 60 s, the deadline timer) lives in this object, so
/// a socket that has been replaced can never touch its successor, nor one shard another's; the shard starts its next
/// connection only after <see cref="RunAsync"/> has returned, and every loop of this one has ended. The receive loop
/// only parses, answers protocol messages and enqueues dispatches; it never runs a handler, and never waits for the
/// identify gate (that wait runs beside it, so ACKs are read meanwhile).
/// </summary>
internal sealed class GatewayConnection : IAsyncDisposable
{
    private const int ReceiveChunkBytes = 16 * 1024;
    private const int MaxMessageBytes = 64 * 1024 * 1024;
    private const int NoSequence = -1;

    private readonly WebSocket socket;
    private readonly GatewayConnectionSettings settings;
    private readonly int id;
    private readonly CancellationTokenSource lifetime = new();
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly GatewaySendLimiter limiter;
    private readonly GatewaySession? resuming;
    private readonly ShardStatus shard;
    private readonly IdentifyGate gate;
    private readonly IdentifyTurn? turn;
    private readonly Lock deadlineSync = new();

    private ConnectionOutcome? outcome;
    private GatewaySession? session;
    private int sequence;
    private int acked = 1;
    private long lastBeatAt;
    private bool helloSeen;
    private bool identified;
    private bool reachedReady;
    private Task heartbeat = Task.CompletedTask;
    private Task identifying = Task.CompletedTask;
    private ITimer? deadline;

    /// <param name="turn">The shard's place in the identify queue when it was reserved in advance (the first IDENTIFY at start); else one is reserved at HELLO.</param>
    public GatewayConnection(WebSocket socket, GatewayConnectionSettings settings, ShardStatus shard, IdentifyGate gate, int id, GatewaySession? resume, IdentifyTurn? turn = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(shard);
        ArgumentNullException.ThrowIfNull(gate);
        this.socket = socket;
        this.settings = settings;
        this.shard = shard;
        this.gate = gate;
        this.turn = turn;
        this.id = id;
        resuming = resume;
        session = resume;
        sequence = resume?.Sequence ?? NoSequence;
        limiter = new GatewaySendLimiter(settings.Time);
    }

    private ILogger Logger => settings.Logger;

    private int? Sequence => Volatile.Read(ref sequence) is var s && s == NoSequence ? null : s;

    /// <summary>Runs until the socket closes; <paramref name="stoppingToken"/> closes it for good with 1000.</summary>
    public async Task<ConnectionResult> RunAsync(CancellationToken stoppingToken)
    {
        await using var stopping = stoppingToken.Register(() => _ = CloseAsync(WebSocketCloseStatus.NormalClosure, new ConnectionOutcome(ConnectionEnd.Shutdown, ConnectionCause.HostStopping, "host stopping", 1000)));
        ArmDeadline(settings.Timings.HelloTimeout, "HELLO");
        try
        {
            await ReceiveLoopAsync();
        }
        catch (OperationCanceledException) when (lifetime.IsCancellationRequested)
        {
            // Our own close ran its course (or timed out waiting for Discord's answer) and aborted the socket.
        }
        catch (WebSocketException e)
        {
            GatewayLog.ConnectionLost(Logger, shard.Name, id, e.WebSocketErrorCode.ToString());
            SetOutcome(new ConnectionOutcome(ConnectionEnd.Reconnect, ConnectionCause.ConnectionLost, "connection lost"));
        }
        finally
        {
            await lifetime.CancelAsync();
            DisarmDeadline();
            await heartbeat;
            await identifying;
        }

        var latest = session is null ? null : session with { Sequence = Sequence };
        var final = outcome ?? new ConnectionOutcome(ConnectionEnd.Reconnect, ConnectionCause.ConnectionLost, "connection ended");
        return new ConnectionResult(final, final.End is ConnectionEnd.NewSession or ConnectionEnd.InvalidSession ? null : latest, reachedReady, identified);
    }

    public async ValueTask DisposeAsync()
    {
        await lifetime.CancelAsync();
        DisarmDeadline();
        socket.Dispose();
        lifetime.Dispose();
        sendLock.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(ReceiveChunkBytes);
        while (true)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.GetMemory(ReceiveChunkBytes), lifetime.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    OnClosedByDiscord((int?)socket.CloseStatus);
                    return;
                }

                buffer.Advance(result.Count);
                if (buffer.WrittenCount > MaxMessageBytes)
                {
                    throw new WebSocketException(WebSocketError.Faulted, "A gateway message exceeded 64 MiB.");
                }
            }
            while (!result.EndOfMessage);

            var receivedAt = settings.Time.GetTimestamp();
            if (result.MessageType != WebSocketMessageType.Text)
            {
                // We never ask for compression, so a binary message is not one we can read.
                GatewayLog.Unreadable(Logger, shard.Name, id, "binary message");
                continue;
            }

            if (TryParse(buffer.WrittenSpan, out var frame))
            {
                await HandleAsync(frame, receivedAt);
            }
        }
    }

    private bool TryParse(ReadOnlySpan<byte> message, out GatewayFrame frame)
    {
        try
        {
            frame = GatewayFrame.Parse(message);
            return true;
        }
        catch (JsonException e)
        {
            GatewayLog.Unreadable(Logger, shard.Name, id, e.Message);
            frame = default;
            return false;
        }
    }

    private async ValueTask HandleAsync(GatewayFrame frame, long receivedAt)
    {
        switch (frame.Op)
        {
            case GatewayOpCode.Hello:
                await OnHelloAsync(frame);
                break;
            case GatewayOpCode.HeartbeatAck:
                OnHeartbeatAck();
                break;
            case GatewayOpCode.Heartbeat:
                // Discord wants a beat now: send it without the zombie check and without moving the schedule (https://discord.com/developers/docs/events/gateway#heartbeat-requests).
                await SendHeartbeatAsync(requested: true, lifetime.Token);
                break;
            case GatewayOpCode.Reconnect:
                GatewayLog.ReconnectRequested(Logger, shard.Name, id);
                await CloseAsync(GatewayCloseCodes.UnknownError, new ConnectionOutcome(ConnectionEnd.Reconnect, ConnectionCause.ReconnectRequested, "Discord asked to reconnect (op 7)"));
                break;
            case GatewayOpCode.InvalidSession:
                var resumable = frame.Data.ValueKind == JsonValueKind.True;
                GatewayLog.InvalidSession(Logger, shard.Name, id, resumable);
                await CloseAsync(
                    GatewayCloseCodes.UnknownError,
                    resumable && session is not null
                        ? new ConnectionOutcome(ConnectionEnd.Reconnect, ConnectionCause.InvalidSession, "invalid session, resumable (op 9)")
                        : new ConnectionOutcome(ConnectionEnd.InvalidSession, ConnectionCause.InvalidSession, "invalid session (op 9)"));
                break;
            case GatewayOpCode.Dispatch:
                OnDispatch(frame, receivedAt);
                break;
            default:
                GatewayLog.UnknownOp(Logger, shard.Name, id, (int)frame.Op);
                break;
        }
    }

    private async ValueTask OnHelloAsync(GatewayFrame frame)
    {
        if (helloSeen)
        {
            GatewayLog.UnknownOp(Logger, shard.Name, id, (int)frame.Op);
            return;
        }

        HelloEvent? hello;
        try
        {
            hello = DiscordJson.Deserialize<HelloEvent>(frame.Data);
        }
        catch (JsonException e)
        {
            GatewayLog.Unreadable(Logger, shard.Name, id, e.Message);
            return;
        }

        if (hello is not { HeartbeatInterval: > 0 })
        {
            GatewayLog.Unreadable(Logger, shard.Name, id, "HELLO without a heartbeat interval");
            return;
        }

        helloSeen = true;
        DisarmDeadline();

        // A fresh flag for a fresh socket: a stale "not acked" from the last one would reconnect at once (https://discord.com/developers/docs/events/gateway#sending-heartbeats).
        Volatile.Write(ref acked, 1);
        heartbeat = HeartbeatLoopAsync(TimeSpan.FromMilliseconds(hello.HeartbeatInterval), lifetime.Token);

        if (resuming is { } resume)
        {
            // RESUME does not count against the identify concurrency (https://discord.com/developers/docs/events/gateway#identifying), so it never waits for the gate.
            await SendAsync(GatewayEncoder.Resume(settings.Token, resume.SessionId, Sequence), priority: true, lifetime.Token);
            ArmDeadline(settings.Timings.ReadyTimeout, "RESUMED");
        }
        else
        {
            identifying = IdentifyAsync(lifetime.Token);
        }
    }

    /// <summary>Waits for this shard's turn on its rate-limit key, then sends IDENTIFY with <c>shard: [id, count]</c>.</summary>
    private async Task IdentifyAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await gate.WaitAsync(turn ?? gate.Reserve(shard.Id), cancellationToken))
            {
                // Another shard's intents were refused while this one waited; the same IDENTIFY would be refused too.
                await CloseAsync(WebSocketCloseStatus.NormalClosure, new ConnectionOutcome(ConnectionEnd.IdentifyRefused, ConnectionCause.IntentsRefused, "intents refused on another shard"));
                return;
            }

            identified = true;

            // Armed before the send: READY may be read before SendAsync returns.
            ArmDeadline(settings.Timings.ReadyTimeout, "READY");
            await SendAsync(GatewayEncoder.Identify(settings.Token, settings.Intents, shard.Id, shard.Count), priority: true, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection ended while waiting for the turn; the next one asks again.
        }
        catch (WebSocketException e)
        {
            GatewayLog.ConnectionLost(Logger, shard.Name, id, "IDENTIFY not sent: " + e.WebSocketErrorCode);
            await CloseAsync(GatewayCloseCodes.UnknownError, new ConnectionOutcome(ConnectionEnd.Reconnect, ConnectionCause.SendFailed, "IDENTIFY send failed"));
        }
        catch (ObjectDisposedException)
        {
            GatewayLog.ConnectionLost(Logger, shard.Name, id, "IDENTIFY not sent: socket disposed");
        }
    }

    private void OnHeartbeatAck()
    {
        Volatile.Write(ref acked, 1);
        var sentAt = Volatile.Read(ref lastBeatAt);
        shard.HeartbeatAcknowledged(sentAt == 0 ? TimeSpan.Zero : settings.Time.GetElapsedTime(sentAt));
    }

    private void OnDispatch(GatewayFrame frame, long receivedAt)
    {
        if (frame.Sequence is { } s)
        {
            Volatile.Write(ref sequence, s);
        }

        switch (frame.EventName)
        {
            case "READY":
                OnReady(frame.Data);
                break;
            case "RESUMED":
                reachedReady = true;
                DisarmDeadline();
                shard.Ready();
                if (resuming is not null)
                {
                    settings.Metrics.GatewayResume(shard.Id, "resumed");
                }

                GatewayLog.Resumed(Logger, shard.Name, id, Sequence);
                break;
            default:
                break;
        }

        if (frame.EventName is { Length: > 0 } name)
        {
            settings.Dispatches(new GatewayDispatch(name, frame.Data, frame.Sequence, receivedAt));
        }
    }

    private void OnReady(JsonElement data)
    {
        ReadyEvent? ready = null;
        try
        {
            ready = DiscordJson.Deserialize<ReadyEvent>(data);
        }
        catch (JsonException e)
        {
            GatewayLog.Unreadable(Logger, shard.Name, id, e.Message);
        }

        reachedReady = true;
        DisarmDeadline();
        if (ready is { SessionId: { Length: > 0 } sessionId, ResumeGatewayUrl: { Length: > 0 } resumeUrl } && Uri.TryCreate(resumeUrl, UriKind.Absolute, out _))
        {
            session = new GatewaySession(sessionId, resumeUrl, Sequence);
        }
        else
        {
            session = null;
            GatewayLog.ReadyWithoutSession(Logger, shard.Name, id);
        }

        settings.Status.Identified(ready?.Application?.Id, ready?.User?.Id);
        shard.Ready();
        var guilds = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("guilds", out var list) && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;
        GatewayLog.Ready(Logger, shard.Name, id, ready?.User?.Username ?? "?", guilds);
    }

    private void OnClosedByDiscord(int? code)
    {
        var end = GatewayCloseCodes.Classify(code);
        if (SetOutcome(new ConnectionOutcome(end, ConnectionCause.ClosedByDiscord, "Discord closed the connection", code)))
        {
            GatewayLog.ClosedByDiscord(Logger, shard.Name, id, code, GatewayCloseCodes.Describe(code));
        }
    }

    private async Task HeartbeatLoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(interval * Math.Clamp(settings.Timings.Random(), 0, 1), settings.Time, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (Interlocked.Exchange(ref acked, 0) == 0)
                {
                    GatewayLog.Zombie(Logger, shard.Name, id);
                    await CloseAsync(GatewayCloseCodes.UnknownError, new ConnectionOutcome(ConnectionEnd.Reconnect, ConnectionCause.Zombie, "zombie connection: no heartbeat ACK"));
                    return;
                }

                await SendHeartbeatAsync(requested: false, cancellationToken);
                await Task.Delay(interval, settings.Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection is over; so is its heartbeat.
        }
        catch (WebSocketException e)
        {
            GatewayLog.ConnectionLost(Logger, shard.Name, id, "heartbeat not sent: " + e.WebSocketErrorCode);
            await CloseAsync(GatewayCloseCodes.UnknownError, new ConnectionOutcome(ConnectionEnd.Reconnect, ConnectionCause.SendFailed, "heartbeat send failed"));
        }
        catch (ObjectDisposedException)
        {
            // The socket went away under the beat (the receive side already saw why); nothing left to close.
            GatewayLog.ConnectionLost(Logger, shard.Name, id, "heartbeat not sent: socket disposed");
        }
    }

    private async ValueTask SendHeartbeatAsync(bool requested, CancellationToken cancellationToken)
    {
        var seq = Sequence;
        Volatile.Write(ref lastBeatAt, settings.Time.GetTimestamp());
        await SendAsync(GatewayEncoder.Heartbeat(seq), priority: true, cancellationToken);
        GatewayLog.HeartbeatSent(Logger, shard.Name, id, seq, requested);
    }

    private async ValueTask SendAsync(byte[] payload, bool priority, CancellationToken cancellationToken)
    {
        await limiter.WaitAsync(priority, cancellationToken);
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>
    /// Decides how this connection ends (the first decision wins) and sends the close frame. Any code but
    /// 1000/1001 keeps the session resumable (https://discord.com/developers/docs/events/gateway#disconnecting), so only the host's shutdown uses 1000. The socket is
    /// aborted if Discord has not answered within <see cref="GatewayTimings.CloseTimeout"/>.
    /// </summary>
    private Task CloseAsync(int code, ConnectionOutcome decided) => CloseAsync((WebSocketCloseStatus)code, decided);

    private async Task CloseAsync(WebSocketCloseStatus status, ConnectionOutcome decided)
    {
        if (!SetOutcome(decided))
        {
            return;
        }

        GatewayLog.Closing(Logger, shard.Name, id, (int)status, decided.Reason);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime.Token);
            timeout.CancelAfter(settings.Timings.CloseTimeout);
            await sendLock.WaitAsync(timeout.Token);
            try
            {
                if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(status, TextCut.Prefix(decided.Reason, 120), timeout.Token);
                }
            }
            finally
            {
                sendLock.Release();
            }
        }
        catch (OperationCanceledException)
        {
            GatewayLog.ConnectionLost(Logger, shard.Name, id, "close frame not sent in time");
        }
        catch (WebSocketException e)
        {
            GatewayLog.ConnectionLost(Logger, shard.Name, id, "close frame not sent: " + e.WebSocketErrorCode);
        }
        catch (ObjectDisposedException)
        {
            GatewayLog.ConnectionLost(Logger, shard.Name, id, "close frame not sent: socket already disposed");
        }
        finally
        {
            try
            {
                lifetime.CancelAfter(settings.Timings.CloseTimeout);
            }
            catch (ObjectDisposedException)
            {
                // The connection was already disposed; nothing is left to abort.
            }
        }
    }

    private bool SetOutcome(ConnectionOutcome decided) => Interlocked.CompareExchange(ref outcome, decided, null) is null;

    private void ArmDeadline(TimeSpan timeout, string awaited)
    {
        lock (deadlineSync)
        {
            deadline?.Dispose();
            deadline = settings.Time.CreateTimer(
                _ =>
                {
                    GatewayLog.Timeout(Logger, shard.Name, id, awaited, (long)timeout.TotalMilliseconds);
                    _ = CloseAsync(GatewayCloseCodes.UnknownError, new ConnectionOutcome(ConnectionEnd.Reconnect, ConnectionCause.Timeout, $"no {awaited} in time"));
                },
                null,
                timeout,
                Timeout.InfiniteTimeSpan);
        }
    }

    private void DisarmDeadline()
    {
        lock (deadlineSync)
        {
            deadline?.Dispose();
            deadline = null;
        }
    }
}
