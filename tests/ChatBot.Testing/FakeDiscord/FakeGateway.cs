using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Testing.FakeDiscord;

/// <summary>A message the bot sent on the gateway, with when it arrived (a <see cref="Stopwatch"/> timestamp).</summary>
public sealed record FakeFrame(int Op, JsonNode? Data, long Timestamp, string Raw);

/// <summary>A gateway session as Discord keeps it: an id, the last sequence sent, the token it was opened with and its shard.</summary>
public sealed class FakeSession(string id, string token, int shardId = 0, int shardCount = 1)
{
    private int sequence;

    public string Id { get; } = id;

    public string Token { get; } = token;

    /// <summary>The <c>shard</c> array of the IDENTIFY that opened it: <c>[ShardId, ShardCount]</c>.</summary>
    public int ShardId { get; } = shardId;

    public int ShardCount { get; } = shardCount;

    public int Sequence => Volatile.Read(ref sequence);

    internal int Next() => Interlocked.Increment(ref sequence);
}

/// <summary>The fake's gateway: accepts WebSockets at /gateway and /resume and hands each connection to the test.</summary>
public sealed partial class FakeGateway
{
    private readonly FakeDiscordServer server;
    private readonly Channel<FakeGatewayConnection> accepted = Channel.CreateUnbounded<FakeGatewayConnection>();
    private readonly ConcurrentQueue<FakeGatewayConnection> connections = new();
    private readonly ConcurrentDictionary<string, FakeSession> sessions = new(StringComparer.Ordinal);
    private int count;
    private int sessionCount;
    private readonly ConcurrentQueue<long> attemptTimes = new();
    private int refused;
    private int refuseLeft;

    internal FakeGateway(FakeDiscordServer server)
    {
        this.server = server;
        refuseLeft = server.Options.RefuseConnections;
    }

    public IReadOnlyList<FakeGatewayConnection> Connections => connections.ToArray();

    /// <summary>How many WebSocket upgrades were attempted, refused ones included.</summary>
    public int Attempts => Volatile.Read(ref count) + Volatile.Read(ref refused);

    /// <summary>When each upgrade was attempted (a <see cref="Stopwatch"/> timestamp), refused ones included.</summary>
    public IReadOnlyList<long> AttemptTimes => attemptTimes.ToArray();

    public FakeSession? Session(string id) => sessions.GetValueOrDefault(id);

    /// <summary>The next connection the bot opens (each is returned once, in order).</summary>
    public async Task<FakeGatewayConnection> NextConnectionAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        try
        {
            return await accepted.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"The bot opened no further gateway connection ({Volatile.Read(ref count)} so far).");
        }
    }

    /// <summary>Connects, lets the auto behaviour identify, and returns the connection once READY has been sent.</summary>
    public async Task<FakeGatewayConnection> NextReadyConnectionAsync(TimeSpan? timeout = null)
    {
        var connection = await NextConnectionAsync(timeout);
        await connection.WaitForSessionAsync(timeout);
        return connection;
    }

    internal FakeSession NewSession(string token, int shardId = 0, int shardCount = 1)
    {
        var session = new FakeSession($"fake-session-{Interlocked.Increment(ref sessionCount)}-0123456789abcdef", token, shardId, shardCount);
        sessions[session.Id] = session;
        return session;
    }

    internal async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        attemptTimes.Enqueue(Stopwatch.GetTimestamp());
        if ((server.Options.RefuseResume && context.Request.Path == "/resume") || Interlocked.Decrement(ref refuseLeft) >= 0)
        {
            Interlocked.Increment(ref refused);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var number = Interlocked.Increment(ref count);
        var connection = new FakeGatewayConnection(server, socket, number, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "");
        connections.Enqueue(connection);
        accepted.Writer.TryWrite(connection);
        if (server.Options.SendHello(number))
        {
            await connection.SendHelloAsync(server.Options.HeartbeatIntervalMs);
        }

        await connection.RunAsync(context.RequestAborted);
    }

    internal void AbortAll()
    {
        foreach (var connection in connections)
        {
            connection.Abort();
            connection.Dispose();
        }
    }
}

/// <summary>
/// One gateway connection as the fake sees it: the path and query it arrived on, every frame the bot sent,
/// how the bot closed it, and methods to send HELLO, dispatches, op 1/7/9, close codes and split frames.
/// </summary>
public sealed class FakeGatewayConnection : IDisposable
{
    private readonly FakeDiscordServer server;
    private readonly WebSocket socket;
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly Channel<FakeFrame> frames = Channel.CreateUnbounded<FakeFrame>();
    private readonly ConcurrentQueue<FakeFrame> all = new();
    private readonly TaskCompletionSource<int?> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<FakeSession> sessionReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeGatewayConnection(FakeDiscordServer server, WebSocket socket, int number, string path, string query)
    {
        this.server = server;
        this.socket = socket;
        Number = number;
        Path = path;
        Query = query;
        AutoAck = server.Options.AutoAck(number);
    }

    /// <summary>1 for the bot's first connection, 2 for the next, …</summary>
    public int Number { get; }

    /// <summary>"/gateway" (a fresh connect) or "/resume" (the resume URL).</summary>
    public string Path { get; }

    /// <summary>The query string, e.g. "?v=10&amp;encoding=json".</summary>
    public string Query { get; }

    /// <summary>Answer heartbeats with op 11; a test turns it off to make the connection a zombie.</summary>
    public bool AutoAck { get; set; }

    public FakeSession? Session { get; private set; }

    /// <summary>The shard id this connection identified or resumed as; null before either.</summary>
    public int? ShardId => Session?.ShardId;

    public long HelloSentAt { get; private set; }

    public IReadOnlyList<FakeFrame> Frames => all.ToArray();

    /// <summary>Completes when the bot closes the connection: its close code, or null when it dropped the socket without one.</summary>
    public Task<int?> Closed => closed.Task;

    /// <summary>When the close frame (or the drop) arrived, a <see cref="Stopwatch"/> timestamp; 0 while open.</summary>
    public long ClosedAt { get; private set; }

    public Task<FakeSession> WaitForSessionAsync(TimeSpan? timeout = null) => sessionReady.Task.WaitAsync(timeout ?? TestTimeouts.Default);

    /// <summary>The next frame the bot sent (each is returned once, in order).</summary>
    public async Task<FakeFrame> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        try
        {
            return await frames.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"Connection {Number} received no further frame; so far: {string.Join(", ", all.Select(f => "op " + f.Op))}.");
        }
    }

    /// <summary>The next frame with this op, skipping (and consuming) others such as heartbeats.</summary>
    public async Task<FakeFrame> WaitForOpAsync(int op, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TestTimeouts.Default);
        while (true)
        {
            FakeFrame frame;
            try
            {
                frame = await frames.Reader.ReadAsync(cancel.Token);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"Connection {Number} sent no op {op}; so far: {string.Join(", ", all.Select(f => "op " + f.Op))}.");
            }

            if (frame.Op == op)
            {
                return frame;
            }
        }
    }

    public async Task SendHelloAsync(int heartbeatIntervalMs)
    {
        var hello = new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = heartbeatIntervalMs, ["_trace"] = new JsonArray("fake") } };
        await SendAsync(hello.ToJsonString());
        HelloSentAt = Stopwatch.GetTimestamp();
    }

    /// <summary>Sends a dispatch with the session's next sequence number, which it returns.</summary>
    public async Task<int> SendDispatchAsync(string type, JsonNode? data)
    {
        var session = Session ?? throw new InvalidOperationException("No session on this connection yet.");
        var sequence = session.Next();
        var payload = new JsonObject { ["op"] = 0, ["s"] = sequence, ["t"] = type, ["d"] = data?.DeepClone() };
        await SendAsync(payload.ToJsonString());
        return sequence;
    }

    /// <summary>
    /// Sends a dispatch whose <c>d</c> is the JSON text <paramref name="rawData"/> as given, so a test can send what a
    /// JsonNode would never write, such as a lone surrogate escape (<c>"\ud83c"</c>). Returns the sequence number.
    /// </summary>
    public async Task<int> SendRawDispatchAsync(string type, string rawData)
    {
        var session = Session ?? throw new InvalidOperationException("No session on this connection yet.");
        var sequence = session.Next();
        var envelope = new JsonObject { ["op"] = 0, ["s"] = sequence, ["t"] = type, ["d"] = "RAW-DATA" }.ToJsonString();
        await SendAsync(envelope.Replace("\"RAW-DATA\"", rawData, StringComparison.Ordinal));
        return sequence;
    }

    /// <summary>Sends one message split into <paramref name="parts"/> WebSocket frames.</summary>
    public async Task<int> SendDispatchInFramesAsync(string type, JsonNode? data, int parts)
    {
        var session = Session ?? throw new InvalidOperationException("No session on this connection yet.");
        var sequence = session.Next();
        var bytes = Encoding.UTF8.GetBytes(new JsonObject { ["op"] = 0, ["s"] = sequence, ["t"] = type, ["d"] = data?.DeepClone() }.ToJsonString());
        var size = (bytes.Length + parts - 1) / parts;
        await sendLock.WaitAsync();
        try
        {
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                var length = Math.Min(size, bytes.Length - offset);
                await socket.SendAsync(bytes.AsMemory(offset, length), WebSocketMessageType.Text, endOfMessage: offset + length >= bytes.Length, CancellationToken.None);
            }
        }
        finally
        {
            sendLock.Release();
        }

        return sequence;
    }

    public Task SendHeartbeatRequestAsync() => SendAsync("""{"op":1,"d":null}""");

    public Task SendReconnectAsync() => SendAsync("""{"op":7,"d":null}""");

    public Task SendInvalidSessionAsync(bool resumable) => SendAsync($$"""{"op":9,"d":{{(resumable ? "true" : "false")}}}""");

    public Task SendAckAsync() => SendAsync("""{"op":11}""");

    public async Task SendAsync(string json)
    {
        await sendLock.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>Closes from Discord's side with a close code (4004, 4009, …).</summary>
    public async Task CloseAsync(int code, string reason = "")
    {
        await sendLock.WaitAsync();
        try
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        finally
        {
            sendLock.Release();
        }
    }

    public void Dispose() => sendLock.Dispose();

    /// <summary>Drops the TCP connection without a close frame, as a network failure would (the bot sees 1006 or nothing).</summary>
    public void Drop() => socket.Abort();

    internal void Abort() => socket.Abort();

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        ClosedAt = Stopwatch.GetTimestamp();
                        closed.TrySetResult((int?)result.CloseStatus);
                        if (socket.State == WebSocketState.CloseReceived)
                        {
                            await socket.CloseOutputAsync(result.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                        }

                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                await OnFrameAsync(Encoding.UTF8.GetString(message.ToArray()));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The bot dropped the socket without a close frame (an abort), or the fake is shutting down.
            ClosedAt = ClosedAt == 0 ? Stopwatch.GetTimestamp() : ClosedAt;
            closed.TrySetResult(socket.CloseStatus is { } status ? (int)status : null);
        }
    }

    private async Task OnFrameAsync(string raw)
    {
        var json = JsonNode.Parse(raw);
        var frame = new FakeFrame(json?["op"]?.GetValue<int>() ?? -1, json?["d"], Stopwatch.GetTimestamp(), raw);
        all.Enqueue(frame);
        frames.Writer.TryWrite(frame);
        var options = server.Options;
        switch (frame.Op)
        {
            case 1 when AutoAck:
                await SendAckAsync();
                break;
            case 2:
                var token = frame.Data?["token"]?.GetValue<string>() ?? "";
                var shard = FakeGateway.ShardArray(frame.Data);
                server.Gateway.RecordIdentify(this, shard, frame.Timestamp);
                if (options.CloseOnIdentify is { } code)
                {
                    await CloseAsync(code, "scripted close on IDENTIFY");
                }
                else if (options.ExpectedToken is { } expected && token != expected)
                {
                    await CloseAsync(4004, "Authentication failed.");
                }
                else if (shard is not var (shardId, shardCount))
                {
                    await CloseAsync(4010, "Invalid shard.");
                }
                else if (options.CloseOnIdentifyForShard(shardId) is { } shardCode)
                {
                    await CloseAsync(shardCode, "scripted close on IDENTIFY for this shard");
                }
                else if (FakeGateway.GuildsOn(options.Guilds, shardId, shardCount).Count > options.MaxGuildsPerShard)
                {
                    await CloseAsync(4011, "Sharding required.");
                }
                else if (options.AutoReady(Number))
                {
                    Session = server.Gateway.NewSession(token, shardId, shardCount);
                    await SendDispatchAsync("READY", Ready(Session));
                    sessionReady.TrySetResult(Session);
                }

                break;
            case 6 when options.AutoReady(Number):
                var sessionId = frame.Data?["session_id"]?.GetValue<string>() ?? "";
                var resumeToken = frame.Data?["token"]?.GetValue<string>() ?? "";
                if (server.Gateway.Session(sessionId) is { } session && session.Token == resumeToken)
                {
                    Session = session;
                    await SendDispatchAsync("RESUMED", new JsonObject { ["_trace"] = new JsonArray("fake") });
                    sessionReady.TrySetResult(Session);
                }
                else
                {
                    await SendInvalidSessionAsync(resumable: false);
                }

                break;
            default:
                break;
        }
    }

    private JsonObject Ready(FakeSession session)
    {
        var options = server.Options;
        var id = options.ApplicationId.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["v"] = 10,
            ["user"] = new JsonObject { ["id"] = id, ["username"] = options.BotUserName, ["discriminator"] = "0000", ["global_name"] = null, ["avatar"] = null, ["bot"] = true, ["flags"] = 0 },
            ["guilds"] = new JsonArray([.. FakeGateway.GuildsOn(options.Guilds, session.ShardId, session.ShardCount)
                .Select(g => (JsonNode)new JsonObject { ["id"] = g.ToString(CultureInfo.InvariantCulture), ["unavailable"] = true })]),
            ["session_id"] = session.Id,
            ["resume_gateway_url"] = server.ResumeUrl.ToString().TrimEnd('/'),
            ["shard"] = new JsonArray(session.ShardId, session.ShardCount),
            ["application"] = new JsonObject { ["id"] = id, ["flags"] = 0 },
            ["session_type"] = "normal",
            ["user_settings"] = new JsonObject(),
            ["relationships"] = new JsonArray(),
            ["private_channels"] = new JsonArray(),
            ["presences"] = new JsonArray(),
            ["guild_join_requests"] = new JsonArray(),
            ["geo_ordered_rtc_regions"] = new JsonArray("us-east"),
            ["auth"] = new JsonObject(),
            ["_trace"] = new JsonArray("[\"gateway-prd-us-east1-b\",{\"micros\":0}]"),
        };
    }
}
