using System.ComponentModel.DataAnnotations;

namespace ChatBot.Discord;

/// <summary>The <c>Discord</c> configuration section. The token comes from the environment (<c>Discord__Token</c>), never a file.</summary>
public sealed class DiscordOptions : IValidatableObject
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

    /// <summary>
    /// How many shards the bot's servers are spread over, in every process (Discord sends a server's events to shard
    /// <c>(guild_id &gt;&gt; 22) % ShardCount</c>). Unset: the <c>shards</c> that <c>GET /gateway/bot</c> recommends.
    /// </summary>
    [Range(1, ShardSelection.MaxShardId + 1)]
    public int? ShardCount { get; set; }

    /// <summary>
    /// The shards this process runs: empty or <c>all</c> (default) for every one, else ids and ranges such as
    /// <c>0-3</c> or <c>0,2,5</c>. Naming some needs <see cref="ShardCount"/>, so that every process agrees on it.
    /// </summary>
    public string ShardIds { get; set; } = "";

    /// <summary>The parsed <see cref="ShardIds"/>; valid once the options have passed validation.</summary>
    internal ShardSelection Shards => ShardSelection.TryParse(ShardIds, out var selection, out _) ? selection : ShardSelection.All;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ShardSelection.TryParse(ShardIds, out var selection, out var problem))
        {
            yield return new ValidationResult(problem ?? "malformed", [nameof(ShardIds)]);
            yield break;
        }

        if (selection.IsAll)
        {
            yield break;
        }

        if (ShardCount is not { } count)
        {
            yield return new ValidationResult(
                "naming shards needs Discord:ShardCount as well, the same in every process",
                [nameof(ShardIds)]);
        }
        else if (selection.Ids[^1] >= count)
        {
            yield return new ValidationResult(
                $"shard {selection.Ids[^1]} does not exist when Discord:ShardCount is {count} (shards 0 to {count - 1})",
                [nameof(ShardIds)]);
        }
    }
}
