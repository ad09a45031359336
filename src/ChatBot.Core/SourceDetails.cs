namespace ChatBot.Core;

/// <summary>A source as <c>/source show</c> presents it; <paramref name="Web"/> for one read from a web address.</summary>
public sealed record SourceDetails(
    SourceSummary Summary, string Origin, string? Published, string? License, string? FirstPassage, SourceKind? Kind = null, WebSourceStatus? Web = null);
