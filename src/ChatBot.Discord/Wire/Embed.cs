namespace ChatBot.Discord.Wire;

internal sealed record Embed
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    public int? Color { get; init; }

    public EmbedFooter? Footer { get; init; }

    public EmbedAuthor? Author { get; init; }

    public IReadOnlyList<EmbedField>? Fields { get; init; }
}

internal sealed record EmbedFooter(string Text);

internal sealed record EmbedAuthor(string Name);

internal sealed record EmbedField(string Name, string Value)
{
    public bool? Inline { get; init; }
}
