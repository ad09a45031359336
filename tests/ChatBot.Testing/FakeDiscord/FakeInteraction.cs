using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatBot.Testing.FakeDiscord;

/// <summary>
/// An interaction the fake sends, and what the bot did with it: the callbacks it got, the edits of
/// <c>@original</c>, and when. <see cref="SentAt"/> is a <see cref="Stopwatch"/> timestamp taken just before the
/// INTERACTION_CREATE frame left, so a test measures the bot's acknowledgement from Discord's side.
/// </summary>
public sealed class FakeInteraction
{
    public const ulong DefaultGuildId = 290926798626357999;
    public const ulong DefaultUserId = 53908232506183680;
    public const ulong DefaultChannelId = 645027906669510667;
    public const string AllPermissions = "2147483647";

    /// <summary>
    /// The bot's permissions in the channel when invited as the README says: View Channel, Send Messages, Embed
    /// Links, Read Message History (84992). F4's sample value (442368) lacks View Channel and Send Messages.
    /// </summary>
    public const string InvitedPermissions = "84992";

    private static long nextId = 786008729715212338;

    private FakeInteraction(JsonObject payload)
    {
        Payload = payload;
        Id = ulong.Parse(payload["id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Token = payload["token"]!.GetValue<string>();
    }

    public ulong Id { get; }

    public string Token { get; }

    public JsonObject Payload { get; }

    public long SentAt { get; internal set; }

    /// <summary>Callback types the bot sent (4, 5, 6, 7, 8), in order, including rejected ones.</summary>
    public ConcurrentQueue<int> Callbacks { get; } = new();

    /// <summary>The message as last set by a type 4 callback or an edit of <c>@original</c>.</summary>
    public JsonNode? Original { get; internal set; }

    internal int AcceptedCallbacks;

    /// <summary>A payload as-is (for malformed or golden payloads); it must carry a string id and token.</summary>
    public static FakeInteraction FromPayload(JsonObject payload) => new(payload);

    /// <summary>A chat-input command with string/bool options, shaped like fixture F4 plus current fields.</summary>
    public static FakeInteraction SlashCommand(string name, JsonObject? options = null, ulong? guildId = DefaultGuildId, string memberPermissions = AllPermissions)
    {
        var payload = Base(2, guildId, memberPermissions);
        payload["data"] = new JsonObject
        {
            ["id"] = "771825006014889984",
            ["name"] = name,
            ["type"] = 1,
            ["options"] = Options(options),
        };
        return new FakeInteraction(payload);
    }

    /// <summary>
    /// A subcommand such as <c>/source add</c>. With <paramref name="attachment"/> (see <see cref="Attachment"/>), the
    /// option <c>file</c> names it and <c>data.resolved.attachments</c> carries it, as Discord sends an upload.
    /// </summary>
    public static FakeInteraction Subcommand(
        string name, string subcommand, JsonObject? options = null, ulong? guildId = DefaultGuildId, string memberPermissions = AllPermissions, JsonObject? attachment = null)
    {
        var subOptions = Options(options);
        var data = new JsonObject
        {
            ["id"] = "771825006014889985",
            ["name"] = name,
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["type"] = 1, ["name"] = subcommand, ["options"] = subOptions }),
        };
        if (attachment is not null)
        {
            var id = attachment["id"]!.GetValue<string>();
            subOptions.Insert(0, new JsonObject { ["type"] = 11, ["name"] = "file", ["value"] = id });
            data["resolved"] = new JsonObject { ["attachments"] = new JsonObject { [id] = attachment.DeepClone() } };
        }

        var payload = Base(2, guildId, memberPermissions);
        payload["data"] = data;
        return new FakeInteraction(payload);
    }

    /// <summary>An attachment object as in <c>resolved.attachments</c>; <paramref name="size"/> is what Discord claims.</summary>
    public static JsonObject Attachment(string filename, Uri url, long size, string? contentType = "text/plain; charset=utf-8")
    {
        var id = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = id,
            ["filename"] = filename,
            ["size"] = size,
            ["url"] = url.ToString(),
            ["proxy_url"] = url.ToString(),
            ["content_type"] = contentType,
            ["ephemeral"] = true,
        };
    }

    /// <summary>The same interaction as sent by another user (id <paramref name="userId"/>).</summary>
    public FakeInteraction ByUser(ulong userId)
    {
        var user = (Payload["member"]?["user"] ?? Payload["user"])!.AsObject();
        user["id"] = userId.ToString(CultureInfo.InvariantCulture);
        return this;
    }

    /// <summary>The same interaction from another channel.</summary>
    public FakeInteraction InChannel(ulong channelId)
    {
        Payload["channel_id"] = channelId.ToString(CultureInfo.InvariantCulture);
        return this;
    }

    /// <summary>The same interaction with other <c>app_permissions</c> (the bot's permissions in the channel).</summary>
    public FakeInteraction WithAppPermissions(string permissions)
    {
        Payload["app_permissions"] = permissions;
        return this;
    }

    /// <summary>A button press on a message (fixture F9 shape) whose first embed has <paramref name="messageTitle"/>.</summary>
    public static FakeInteraction Button(string customId, string? messageTitle = null, ulong? guildId = DefaultGuildId)
    {
        var payload = Base(3, guildId, AllPermissions);
        payload["data"] = new JsonObject { ["component_type"] = 2, ["id"] = 2, ["custom_id"] = customId };
        payload["message"] = new JsonObject
        {
            ["id"] = "1200000000000000001",
            ["channel_id"] = DefaultChannelId.ToString(CultureInfo.InvariantCulture),
            ["content"] = "",
            ["embeds"] = messageTitle is null ? new JsonArray() : new JsonArray(new JsonObject { ["type"] = "rich", ["title"] = messageTitle }),
            ["flags"] = 0,
        };
        return new FakeInteraction(payload);
    }

    /// <summary>An autocomplete (fixture F5 shape): the option being typed is focused, inside <paramref name="subcommand"/> when given.</summary>
    public static FakeInteraction Autocomplete(
        string name, string option, string partial, ulong? guildId = DefaultGuildId, string? subcommand = null, string memberPermissions = AllPermissions)
    {
        var payload = Base(4, guildId, memberPermissions);
        var focused = new JsonArray(new JsonObject { ["type"] = 3, ["name"] = option, ["value"] = partial, ["focused"] = true });
        payload["data"] = new JsonObject
        {
            ["id"] = "816437322781949972",
            ["name"] = name,
            ["type"] = 1,
            ["version"] = "847194950382780532",
            ["options"] = subcommand is null ? focused : new JsonArray(new JsonObject { ["type"] = 1, ["name"] = subcommand, ["options"] = focused }),
        };
        return new FakeInteraction(payload);
    }

    /// <summary>Options typed by their JSON value: boolean 5, integer 4, else string 3.</summary>
    private static JsonArray Options(JsonObject? options)
    {
        var list = new JsonArray();
        foreach (var (key, value) in options ?? [])
        {
            var type = value?.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => 5,
                System.Text.Json.JsonValueKind.Number => 4,
                _ => 3,
            };
            list.Add(new JsonObject { ["type"] = type, ["name"] = key, ["value"] = value?.DeepClone() });
        }

        return list;
    }

    private static JsonObject Base(int type, ulong? guildId, string memberPermissions)
    {
        var id = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture);
        var user = new JsonObject
        {
            ["id"] = DefaultUserId.ToString(CultureInfo.InvariantCulture),
            ["username"] = "Mason",
            ["avatar"] = null,
            ["discriminator"] = "1337",
            ["public_flags"] = 131141,
        };
        var payload = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = "1100000000000000001",
            ["type"] = type,
            ["token"] = "interaction-token-" + id + "-aW50ZXJhY3Rpb24tc2VjcmV0",
            ["version"] = 1,
            ["channel_id"] = DefaultChannelId.ToString(CultureInfo.InvariantCulture),
            ["app_permissions"] = InvitedPermissions,
            ["locale"] = "en-US",
            ["entitlements"] = new JsonArray(),
            ["authorizing_integration_owners"] = new JsonObject { ["0"] = "1100000000000000002" },
            ["attachment_size_limit"] = 10485760,
            ["an_undocumented_field"] = new JsonObject { ["nested"] = true },
        };
        if (guildId is { } guild)
        {
            payload["guild_id"] = guild.ToString(CultureInfo.InvariantCulture);
            payload["guild_locale"] = "en-US";
            payload["context"] = 0;
            payload["member"] = new JsonObject
            {
                ["user"] = user,
                ["roles"] = new JsonArray("539082325061836999"),
                ["permissions"] = memberPermissions,
                ["nick"] = null,
                ["joined_at"] = "2017-03-13T19:19:14.040000+00:00",
            };
        }
        else
        {
            payload["context"] = 1;
            payload["user"] = user;
        }

        return payload;
    }
}

/// <summary>The interactions the fake has sent, by id and by token, with Discord's callback rules.</summary>
public sealed class FakeInteractionRegistry(FakeDiscordOptions options)
{
    private readonly ConcurrentDictionary<ulong, FakeInteraction> byId = new();
    private readonly ConcurrentDictionary<string, FakeInteraction> byToken = new(StringComparer.Ordinal);

    internal void Register(FakeInteraction interaction)
    {
        interaction.SentAt = Stopwatch.GetTimestamp();
        byId[interaction.Id] = interaction;
        byToken[interaction.Token] = interaction;
    }

    public FakeInteraction? ById(ulong id) => byId.GetValueOrDefault(id);

    public FakeInteraction? ByToken(string token) => byToken.GetValueOrDefault(token);

    /// <summary>Discord's answer to a callback: null when accepted, else (status, JSON code, message).</summary>
    internal (int Status, int Code, string Message)? AcceptCallback(ulong id, string token, int type)
    {
        if (!byId.TryGetValue(id, out var interaction) || !string.Equals(interaction.Token, token, StringComparison.Ordinal))
        {
            return (404, 10062, "Unknown interaction");
        }

        interaction.Callbacks.Enqueue(type);
        if (Stopwatch.GetElapsedTime(interaction.SentAt) > options.InteractionDeadline)
        {
            return (404, 10062, "Unknown interaction");
        }

        if (Interlocked.Increment(ref interaction.AcceptedCallbacks) > 1)
        {
            return (400, 40060, "Interaction has already been acknowledged.");
        }

        return null;
    }
}
