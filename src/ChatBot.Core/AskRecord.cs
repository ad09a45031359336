namespace ChatBot.Core;

/// <summary>One question as the ask log keeps it. The user id is only stored when a setting allows it.</summary>
public sealed record AskRecord(ulong? GuildId, AskChannel Channel, string Question, bool Confident, string? TopSourceId, double ElapsedMs, ulong? UserId);
