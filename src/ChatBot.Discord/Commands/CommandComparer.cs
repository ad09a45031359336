using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Discord.Wire;

namespace ChatBot.Discord.Commands;

/// <summary>
/// Compares the commands we want with those Discord has, by meaning: ids, versions and other fields Discord
/// adds are ignored, omitted defaults equal their values (required false, type 1), and the commands' order
/// does not matter (their options' order does: it is what users see).
/// </summary>
internal static class CommandComparer
{
    public static bool SameSet(IReadOnlyCollection<ApplicationCommand> desired, IReadOnlyCollection<ApplicationCommand> existing, bool global)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(existing);
        if (desired.Count != existing.Count)
        {
            return false;
        }

        var theirs = existing
            .GroupBy(c => Key(c))
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return desired.All(mine => theirs.TryGetValue(Key(mine), out var their) && JsonNode.DeepEquals(Canonical(mine, global), Canonical(their, global)));
    }

    public static JsonObject Canonical(ApplicationCommand command, bool global)
    {
        ArgumentNullException.ThrowIfNull(command);
        var node = new JsonObject
        {
            ["type"] = (int)(command.Type ?? ApplicationCommandType.ChatInput),
            ["name"] = command.Name,
            ["description"] = command.Description,
            ["default_member_permissions"] = command.DefaultMemberPermissions is { } p ? ((ulong)p).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            ["nsfw"] = command.Nsfw ?? false,
            ["options"] = Options(command.Options),
        };

        // Contexts and integration types exist for global commands only (https://discord.com/developers/docs/interactions/application-commands#application-command-object).
        if (global)
        {
            node["contexts"] = new JsonArray((command.Contexts ?? []).Select(c => (JsonNode)(int)c).ToArray());
            node["integration_types"] = new JsonArray((command.IntegrationTypes ?? []).Select(t => (JsonNode)t).ToArray());
        }

        return node;
    }

    private static string Key(ApplicationCommand command) => $"{(int)(command.Type ?? ApplicationCommandType.ChatInput)}:{command.Name}";

    private static JsonArray Options(IReadOnlyList<ApplicationCommandOption>? options)
        => new((options ?? []).Select(o => (JsonNode)new JsonObject
        {
            ["type"] = (int)o.Type,
            ["name"] = o.Name,
            ["description"] = o.Description,
            ["required"] = o.Required ?? false,
            ["autocomplete"] = o.Autocomplete ?? false,
            ["min_length"] = o.MinLength,
            ["max_length"] = o.MaxLength,
            ["min_value"] = o.MinValue,
            ["max_value"] = o.MaxValue,
            ["choices"] = new JsonArray((o.Choices ?? []).Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["value"] = JsonSerializer.SerializeToNode(c.Value, DiscordJson.Options),
            }).ToArray()),
            ["options"] = Options(o.Options),
        }).ToArray());
}
