using System.Globalization;
using System.Text.Json.Nodes;

namespace ChatBot.Testing.FakeDiscord;

/// <summary>MESSAGE_CREATE payloads as Discord sends them to a bot without the message-content intent.</summary>
public static class FakeMessage
{
    public const ulong OtherBotId = 1100000000000000777;

    private static long nextId = 1300000000000000000;

    /// <summary>A message in a server channel that mentions the users in <paramref name="mentions"/> (the content says so too).</summary>
    public static JsonObject InGuild(
        string content, IEnumerable<ulong> mentions, ulong guildId = FakeInteraction.DefaultGuildId, ulong authorId = FakeInteraction.DefaultUserId, bool bot = false, ulong channelId = FakeInteraction.DefaultChannelId)
    {
        var message = Base(content, authorId, bot);
        message["channel_id"] = channelId.ToString(CultureInfo.InvariantCulture);
        message["guild_id"] = guildId.ToString(CultureInfo.InvariantCulture);
        message["member"] = new JsonObject { ["roles"] = new JsonArray(), ["joined_at"] = "2017-03-13T19:19:14.040000+00:00" };
        message["mentions"] = new JsonArray([.. mentions.Select(id => (JsonNode)User(id, false))]);
        return message;
    }

    /// <summary>A direct message to the bot: no guild, no mention needed.</summary>
    public static JsonObject Direct(string content, ulong authorId = FakeInteraction.DefaultUserId)
    {
        var message = Base(content, authorId, bot: false);
        message["mentions"] = new JsonArray();
        return message;
    }

    public static ulong Id(JsonObject message)
        => ulong.Parse(message["id"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static JsonObject Base(string content, ulong authorId, bool bot) => new()
    {
        ["id"] = Interlocked.Increment(ref nextId).ToString(CultureInfo.InvariantCulture),
        ["channel_id"] = FakeInteraction.DefaultChannelId.ToString(CultureInfo.InvariantCulture),
        ["author"] = User(authorId, bot),
        ["content"] = content,
        ["timestamp"] = "2026-11-28T12:00:00.000000+00:00",
        ["edited_timestamp"] = null,
        ["tts"] = false,
        ["mention_everyone"] = false,
        ["mention_roles"] = new JsonArray(),
        ["attachments"] = new JsonArray(),
        ["embeds"] = new JsonArray(),
        ["pinned"] = false,
        ["type"] = 0,
    };

    private static JsonObject User(ulong id, bool bot)
    {
        var user = new JsonObject
        {
            ["id"] = id.ToString(CultureInfo.InvariantCulture),
            ["username"] = bot ? "otherbot" : "member" + id.ToString(CultureInfo.InvariantCulture)[..Math.Min(4, id.ToString(CultureInfo.InvariantCulture).Length)],
            ["discriminator"] = "0",
            ["global_name"] = null,
            ["avatar"] = null,
        };
        if (bot)
        {
            user["bot"] = true;
        }

        return user;
    }
}
