using ChatBot.Core;


namespace ChatBot.Discord.Wire;

/// <summary>
/// Discord's message, embed and component limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits, https://discord.com/developers/docs/resources/message#create-message), and the last line of defence that enforces them on
/// every body the bot sends. Renderers fit their text within these limits themselves (cutting plain text
/// before adding markup); <see cref="Clamp"/> only guarantees that a mistake is trimmed, not answered 400.
/// </summary>
internal static class MessageLimits
{
    public const int Content = 2000;
    public const int Embeds = 10;
    public const int Title = 256;
    public const int Description = 4096;
    public const int Fields = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int Footer = 2048;
    public const int AuthorName = 256;
    public const int EmbedTotal = 6000;
    public const int ActionRows = 5;
    public const int ButtonsPerRow = 5;

    /// <summary>The characters that count toward the 6000 of a message: title, description, fields, footer, author.</summary>
    public static int Length(Embed embed)
    {
        ArgumentNullException.ThrowIfNull(embed);
        return (embed.Title?.Length ?? 0)
               + (embed.Description?.Length ?? 0)
               + (embed.Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0)
               + (embed.Footer?.Text.Length ?? 0)
               + (embed.Author?.Name.Length ?? 0);
    }

    public static MessageBody Clamp(MessageBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var embeds = ClampEmbeds(body.Embeds);
        var content = body.Content is null ? null : TextCut.Truncate(body.Content, Content);
        if (string.IsNullOrWhiteSpace(content) && embeds is not { Count: > 0 })
        {
            // Discord rejects an empty message (50006).
            content = "…";
        }

        return body with { Content = content, Embeds = embeds, Components = ClampComponents(body.Components) };
    }

    private static List<Embed>? ClampEmbeds(IReadOnlyList<Embed>? embeds)
    {
        if (embeds is null)
        {
            return null;
        }

        var result = new List<Embed>(Math.Min(embeds.Count, Embeds));
        var remaining = EmbedTotal;
        foreach (var original in embeds.Take(Embeds))
        {
            var embed = Shrink(ClampOne(original), remaining);
            var length = Length(embed);
            if (length > remaining || (length == 0 && embed.Url is null))
            {
                break;
            }

            remaining -= length;
            result.Add(embed);
        }

        return result;
    }

    private static Embed ClampOne(Embed embed) => embed with
    {
        Title = embed.Title is null ? null : TextCut.Truncate(embed.Title, Title),
        Description = embed.Description is null ? null : TextCut.Truncate(embed.Description, Description),
        Footer = embed.Footer is null ? null : new EmbedFooter(TextCut.Truncate(embed.Footer.Text, Footer)),
        Author = embed.Author is null ? null : new EmbedAuthor(TextCut.Truncate(embed.Author.Name, AuthorName)),
        Fields = embed.Fields?.Take(Fields)
            .Select(f => f with { Name = Nonempty(TextCut.Truncate(f.Name, FieldName)), Value = Nonempty(TextCut.Truncate(f.Value, FieldValue)) })
            .ToList(),
    };

    /// <summary>Fits an embed into <paramref name="budget"/>: the description gives first, then fields from the end, then footer and title.</summary>
    private static Embed Shrink(Embed embed, int budget)
    {
        if (Length(embed) <= budget)
        {
            return embed;
        }

        if (embed.Description is { } description)
        {
            var room = budget - (Length(embed) - description.Length);
            embed = embed with { Description = room > 1 ? TextCut.Truncate(description, room) : null };
        }

        var fields = embed.Fields?.ToList() ?? [];
        while (fields.Count > 0 && Length(embed) > budget)
        {
            fields.RemoveAt(fields.Count - 1);
            embed = embed with { Fields = fields.ToList() };
        }

        if (Length(embed) > budget && embed.Footer is not null)
        {
            embed = embed with { Footer = null };
        }

        if (Length(embed) > budget && embed.Title is { } title)
        {
            var room = budget - (Length(embed) - title.Length);
            embed = embed with { Title = room > 1 ? TextCut.Truncate(title, room) : null };
        }

        return embed;
    }

    private static string Nonempty(string text) => string.IsNullOrWhiteSpace(text) ? "\u200b" : text;

    private static List<ActionRow>? ClampComponents(IReadOnlyList<ActionRow>? rows)
        => rows?.Select(r => new ActionRow(r.Components
                .Where(b => b.CustomId is null or { Length: > 0 and <= Button.MaxCustomIdLength })
                .Take(ButtonsPerRow)
                .Select(b => b.Label is { Length: > Button.MaxLabelLength } label ? b with { Label = TextCut.Truncate(label, Button.MaxLabelLength) } : b)
                .ToList()))
            .Where(r => r.Components.Count > 0)
            .Take(ActionRows)
            .ToList();
}
