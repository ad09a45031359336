namespace ChatBot.Core;

/// <summary>
/// Which part of the corpus a question searches: the bundled (global) corpus always, plus the sources a
/// server added when the question comes from that server. A direct message searches the global corpus only.
/// </summary>
public readonly record struct CorpusScope(ulong? GuildId)
{
    public static CorpusScope Global => default;

    public static CorpusScope ForGuild(ulong guildId) => new(guildId);

    public bool IsGlobal => GuildId is null;

    public override string ToString() => GuildId is { } id ? $"guild {id}" : "global";
}
