namespace ChatBot.Core;

/// <summary>One line of a server's audit log: who added or removed which source, when.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Action, string SourceId, string Title, Actor Actor, int PassageCount);
