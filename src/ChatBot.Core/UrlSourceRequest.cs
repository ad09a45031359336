namespace ChatBot.Core;

/// <summary>A web page (or PDF) a moderator adds by its address, with what the form said about it.</summary>
public sealed record UrlSourceRequest(ulong GuildId, string Url, Actor Actor, string? Title = null, string? Author = null);
