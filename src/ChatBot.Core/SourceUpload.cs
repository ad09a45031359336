namespace ChatBot.Core;

/// <summary>A document a moderator uploads as a source of their server (its name, its bytes), with what the form said about it.</summary>
public sealed record SourceUpload(ulong GuildId, string Name, byte[] Content, Actor Actor, string? Title = null, string? Author = null, string? Url = null)
{
    /// <summary>What kind of source it is, over what the file says.</summary>
    public SourceKind? Kind { get; init; }

    /// <summary>When it was published (a year or a date), over what the file says.</summary>
    public string? Published { get; init; }
}
