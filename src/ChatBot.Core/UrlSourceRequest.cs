namespace ChatBot.Core;

/// <summary>A web page (or PDF) a moderator adds by its address, with what the form said about it.</summary>
public sealed record UrlSourceRequest(ulong GuildId, string Url, Actor Actor, string? Title = null, string? Author = null)
{
    /// <summary>What kind of source it is (the page cannot say).</summary>
    public SourceKind? Kind { get; init; }

    /// <summary>When it was published (a year or a date), over what the page says.</summary>
    public string? Published { get; init; }
}
