namespace ChatBot.Search.Indexing;

/// <summary>What an index update did, for the CLI and the logs.</summary>
public sealed record IndexReport(
    int Added,
    int Updated,
    int Unchanged,
    int Removed,
    int PassagesWritten,
    int SourceCount,
    int PassageCount,
    TimeSpan Elapsed,
    IReadOnlyList<string> Problems)
{
    public bool Changed => Added + Updated + Removed > 0;
}
