namespace ChatBot.Core;

/// <summary>A question the corpus did not answer confidently, how often it was asked and when last.</summary>
public sealed record GapEntry(string Question, int Count, DateTimeOffset LastAsked);
