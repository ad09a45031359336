namespace ChatBot.Core;

/// <summary>Who did something: a Discord user id and the name shown in the audit log.</summary>
public sealed record Actor(ulong Id, string Name);
