namespace ChatBot.Core;

/// <summary>What became of a refresh of a web source.</summary>
public abstract record RefreshOutcome
{
    private RefreshOutcome()
    {
    }

    /// <summary>The page changed; its new text replaced the old in one transaction, with an audit entry.</summary>
    public sealed record Updated(SourceSummary Source) : RefreshOutcome;

    /// <summary>The page is as it was (a 304, or the same bytes).</summary>
    public sealed record Unchanged(SourceSummary Source) : RefreshOutcome;

    /// <summary>The page is gone (404 or 410); its last text stays, flagged.</summary>
    public sealed record Gone(SourceSummary Source, int Status) : RefreshOutcome;

    /// <summary>The page could not be fetched or read; its last text stays. One line why.</summary>
    public sealed record Failed(string Reason) : RefreshOutcome;

    /// <summary>The server has no source with that id that comes from a web address.</summary>
    public sealed record NotFound : RefreshOutcome;
}
