using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Testing.FakeDiscord;

/// <summary>
/// Discord's message, embed and component limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits), checked the way Discord would before answering 400.
/// Lengths are counted in UTF-16 code units, which is never fewer than Discord's characters, so a body this
/// accepts Discord accepts too. The fake runs it on every message body; tests may call it directly.
/// </summary>
public static class DiscordLimits
{
    public static IReadOnlyList<string> CheckMessage(JsonNode? body, bool requireContent)
    {
        var problems = new List<string>();
        if (body is not JsonObject message)
        {
            if (requireContent)
            {
                problems.Add("message: no data");
            }

            return problems;
        }

        var content = message["content"]?.GetValue<string>();
        if (content is { Length: > 2000 })
        {
            problems.Add($"content: {content.Length} > 2000");
        }

        var embeds = message["embeds"] as JsonArray ?? [];
        if (embeds.Count > 10)
        {
            problems.Add($"embeds: {embeds.Count} > 10");
        }

        var total = 0;
        for (var i = 0; i < embeds.Count; i++)
        {
            total += CheckEmbed(problems, $"embeds[{i}]", embeds[i] as JsonObject ?? []);
        }

        if (total > 6000)
        {
            problems.Add($"embeds: {total} characters in total > 6000");
        }

        var components = message["components"] as JsonArray ?? [];
        CheckComponents(problems, components);
        if (requireContent && string.IsNullOrWhiteSpace(content) && embeds.Count == 0 && components.Count == 0)
        {
            problems.Add("message: empty (50006)");
        }

        if (message["allowed_mentions"] is JsonObject mentions && mentions["parse"] is JsonArray parse
            && parse.Any(p => p?.GetValue<string>() is not ("users" or "roles" or "everyone")))
        {
            problems.Add("allowed_mentions.parse: unknown value");
        }

        return problems;
    }

    private static int CheckEmbed(List<string> problems, string where, JsonObject embed)
    {
        var title = Text(embed, "title");
        var description = Text(embed, "description");
        var footer = (embed["footer"] as JsonObject)?["text"]?.GetValue<string>() ?? "";
        var author = (embed["author"] as JsonObject)?["name"]?.GetValue<string>() ?? "";
        Limit(problems, where + ".title", title, 256);
        Limit(problems, where + ".description", description, 4096);
        Limit(problems, where + ".footer.text", footer, 2048);
        Limit(problems, where + ".author.name", author, 256);
        var fields = embed["fields"] as JsonArray ?? [];
        if (fields.Count > 25)
        {
            problems.Add($"{where}.fields: {fields.Count} > 25");
        }

        var total = title.Length + description.Length + footer.Length + author.Length;
        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i] as JsonObject ?? [];
            var name = Text(field, "name");
            var value = Text(field, "value");
            Limit(problems, $"{where}.fields[{i}].name", name, 256);
            Limit(problems, $"{where}.fields[{i}].value", value, 1024);
            if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{where}.fields[{i}]: empty name or value");
            }

            total += name.Length + value.Length;
        }

        return total;
    }

    private static void CheckComponents(List<string> problems, JsonArray rows)
    {
        if (rows.Count > 5)
        {
            problems.Add($"components: {rows.Count} rows > 5");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r] as JsonObject ?? [];
            if (row["type"]?.GetValue<int>() != 1)
            {
                problems.Add($"components[{r}]: not an action row");
                continue;
            }

            var children = row["components"] as JsonArray ?? [];
            if (children.Count is 0 or > 5)
            {
                problems.Add($"components[{r}]: {children.Count} components (1–5)");
            }

            foreach (var child in children.OfType<JsonObject>())
            {
                var label = Text(child, "label");
                Limit(problems, $"components[{r}].label", label, 80);
                var style = child["style"]?.GetValue<int>() ?? 0;
                var customId = child["custom_id"]?.GetValue<string>();
                if (style is >= 1 and <= 4 && customId is not { Length: >= 1 and <= 100 })
                {
                    problems.Add($"components[{r}]: custom_id must be 1–100 characters");
                }

                if (customId is not null && !ids.Add(customId))
                {
                    problems.Add($"components[{r}]: duplicate custom_id {customId}");
                }

                if (style == 5 && child["url"] is null)
                {
                    problems.Add($"components[{r}]: link button without url");
                }
            }
        }
    }

    private static string Text(JsonObject node, string name)
        => node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "";

    private static void Limit(List<string> problems, string where, string text, int max)
    {
        if (text.Length > max)
        {
            problems.Add($"{where}: {text.Length} > {max}");
        }
    }
}
