namespace ChatBot.Core;

/// <summary>What <c>/gaps</c> shows a server's moderators for a period.</summary>
public sealed record GapReport(
    TimeSpan Window,
    int Asked,
    int NotAnswered,
    IReadOnlyList<GapEntry> Questions,
    int Helpful,
    int NotHelpful,
    int BadQuotes);
