namespace ChatBot.Core;

/// <summary>One page of a list and how many items there are in all.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Skip);
