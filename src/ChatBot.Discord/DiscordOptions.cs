using System.ComponentModel.DataAnnotations;

namespace ChatBot.Discord;

/// <summary>The <c>Discord</c> configuration section. The token comes from the environment (<c>Discord__Token</c>), never a file.</summary>
public sealed class DiscordOptions
{
    public const string Section = "Discord";

    /// <summary>The bot token from the developer portal (Bot → Reset Token).</summary>
    [Required]
    public string Token { get; set; } = "";

    /// <summary>REST base; the gateway URL always comes from <c>GET {ApiBaseUrl}/gateway/bot</c>.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>When set, commands are registered to this one server (instant) instead of globally.</summary>
    public ulong? GuildId { get; set; }

    /// <summary>
    /// How many questions run at once (deferred commands, buttons, mentions and DMs share these slots), with four
    /// times as many waiting for one; beyond that a question is refused at once. The acknowledgement never waits.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentCommands { get; set; } = 32;
}
