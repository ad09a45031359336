using ChatBot.Discord.Wire;


namespace ChatBot.Discord.Interactions;

/// <summary>
/// What a command or component handler answers. Handlers never talk to Discord; the router sends the reply
/// as a callback, an edit of <c>@original</c> or a follow-up, whichever the interaction's state calls for.
/// </summary>
internal sealed record Reply
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed> Embeds { get; init; } = [];

    public IReadOnlyList<ActionRow> Components { get; init; } = [];

    /// <summary>Only the invoking user sees it. After a public defer this can no longer change (https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction).</summary>
    public bool Ephemeral { get; init; }

    public static Reply Text(string content) => new() { Content = content };

    /// <summary>A short private note: bad input, a refusal, an expired button.</summary>
    public static Reply Note(string content) => new() { Content = content, Ephemeral = true };

    /// <summary>The message body, limits enforced and mentions disabled. Edits of <c>@original</c> carry no flags.</summary>
    public MessageBody ToMessage(bool includeFlags) => MessageLimits.Clamp(new MessageBody
    {
        Content = Content,
        Embeds = Embeds.Count > 0 ? Embeds : null,
        Components = Components.Count > 0 || !includeFlags ? Components : null,
        Flags = includeFlags && Ephemeral ? MessageFlags.Ephemeral : null,
    });
}
