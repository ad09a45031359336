namespace ChatBot.Search.Ingestion;

/// <summary>How a source file is read, decided by its content first and its name second.</summary>
public enum SourceFormat
{
    Markdown,
    Text,
    Html,
}

/// <summary>A block of a document before cleaning: a paragraph, a heading or a list item, as plain text.</summary>
public sealed record Block(string Text, BlockKind Kind);

public enum BlockKind
{
    Paragraph,
    Heading,
}

/// <summary>How passages are cut.</summary>
public sealed record SegmenterOptions(int MaxPassageChars = 1200)
{
    public static SegmenterOptions Default { get; } = new();
}
