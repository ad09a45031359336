namespace ChatBot.Core;

/// <summary>What became of an upload: added, or refused with one line saying why (nothing stored).</summary>
public abstract record UploadOutcome
{
    private UploadOutcome()
    {
    }

    public sealed record Added(SourceSummary Source) : UploadOutcome;

    public sealed record Refused(string Reason) : UploadOutcome;
}
