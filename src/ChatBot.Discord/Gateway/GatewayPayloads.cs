using System.Buffers;
using System.Text.Json;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Gateway;

internal enum GatewayOpCode
{
    Dispatch = 0,
    Heartbeat = 1,
    Identify = 2,
    PresenceUpdate = 3,
    Resume = 6,
    Reconnect = 7,
    InvalidSession = 9,
    Hello = 10,
    HeartbeatAck = 11,
}

/// <summary>Gateway intents (https://discord.com/developers/docs/events/gateway#gateway-intents). None of the privileged ones (1, 8, 15) is ever requested.</summary>
[Flags]
internal enum GatewayIntents
{
    None = 0,
    Guilds = 1 << 0,
    GuildMessages = 1 << 9,
    DirectMessages = 1 << 12,
}

/// <summary>One received gateway message: <c>{op, d, s, t}</c>, with <c>d</c> detached from the receive buffer.</summary>
internal readonly record struct GatewayFrame(GatewayOpCode Op, JsonElement Data, int? Sequence, string? EventName)
{
    /// <summary>Parses a complete message; anything that is not a gateway envelope is a <see cref="JsonException"/>.</summary>
    public static GatewayFrame Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.Number || !op.TryGetInt32(out var code))
        {
            throw new JsonException("A gateway message needs a numeric op.");
        }

        int? sequence = root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var value) ? value : null;
        var name = root.TryGetProperty("t", out var t) ? DiscordJson.String(t) : null;
        var data = root.TryGetProperty("d", out var d) ? d.Clone() : default;
        return new GatewayFrame((GatewayOpCode)code, data, sequence, name);
    }
}

internal sealed record HelloEvent(int HeartbeatInterval);

internal sealed record ReadyEvent
{
    public int V { get; init; }

    public DiscordUser? User { get; init; }

    public string? SessionId { get; init; }

    public string? ResumeGatewayUrl { get; init; }

    public ReadyApplication? Application { get; init; }

    public IReadOnlyList<int>? Shard { get; init; }
}

internal sealed record ReadyApplication(ulong Id);

internal sealed record IdentifyProperties(string Os, string Browser, string Device);

/// <summary>IDENTIFY (op 2), with <c>shard: [shard_id, num_shards]</c>. <see cref="ToString"/> leaves the token out, in case the payload is ever logged.</summary>
internal sealed record IdentifyPayload(string Token, GatewayIntents Intents, IdentifyProperties Properties, IReadOnlyList<int> Shard)
{
    public override string ToString() => $"IDENTIFY (intents {(int)Intents}, shard [{Shard[0]}, {Shard[1]}])";
}

/// <summary>RESUME (op 6). <see cref="ToString"/> leaves the token and session out.</summary>
internal sealed record ResumePayload(string Token, string SessionId, int? Seq)
{
    public override string ToString() => $"RESUME at {Seq}";
}

/// <summary>Writes outgoing gateway messages. <c>d</c> is always present, so a first heartbeat says <c>"d":null</c>.</summary>
internal static class GatewayEncoder
{
    /// <summary>Discord closes with 4002 when an outgoing message is larger than this (https://discord.com/developers/docs/events/gateway#sending-events).</summary>
    public const int MaxPayloadBytes = 4096;

    public static byte[] Heartbeat(int? sequence) => Encode(GatewayOpCode.Heartbeat, sequence);

    public static byte[] Identify(string token, GatewayIntents intents, int shardId = 0, int shardCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shardId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(shardCount, shardId);
        return Encode(GatewayOpCode.Identify, new IdentifyPayload(token, intents, new IdentifyProperties(OperatingSystemName(), "chatbot", "chatbot"), [shardId, shardCount]));
    }

    public static byte[] Resume(string token, string sessionId, int? sequence)
        => Encode(GatewayOpCode.Resume, new ResumePayload(token, sessionId, sequence));

    public static byte[] Encode<T>(GatewayOpCode op, T data)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("op", (int)op);
            writer.WritePropertyName("d");
            JsonSerializer.Serialize(writer, data, DiscordJson.Options);
            writer.WriteEndObject();
        }

        if (buffer.WrittenCount > MaxPayloadBytes)
        {
            throw new InvalidOperationException($"A gateway {op} payload of {buffer.WrittenCount} bytes exceeds Discord's {MaxPayloadBytes}.");
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string OperatingSystemName()
        => OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "unknown";
}

/// <summary>Gateway URLs get the version and encoding on every connect, the resume URL included (https://discord.com/developers/docs/events/gateway#connecting): without them a resume connects with the wrong version.</summary>
internal static class GatewayUri
{
    public const string Query = "v=10&encoding=json";

    public static Uri WithQuery(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
        {
            throw new FormatException("A gateway URL must be an absolute ws:// or wss:// URL.");
        }

        return new UriBuilder(uri) { Query = Query }.Uri;
    }
}
