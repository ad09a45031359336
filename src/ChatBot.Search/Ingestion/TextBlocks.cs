using System.Text.RegularExpressions;

namespace ChatBot.Search.Ingestion;

/// <summary>The paragraphs of a plain-text file: blocks between blank lines, hard-wrapped lines joined.</summary>
public static partial class TextBlocks
{
    public static List<Block> Read(string text)
    {
        var blocks = new List<Block>();
        foreach (var chunk in BlankLine().Split(text))
        {
            foreach (var paragraph in LineBreaks.Paragraphs(chunk))
            {
                blocks.Add(new Block(paragraph, BlockKind.Paragraph));
            }
        }

        return blocks;
    }

    // NonBacktracking: it sees whole uploaded files and must run in linear time whatever they hold.
    [GeneratedRegex(@"\n[ \t\f]*\n", RegexOptions.NonBacktracking)]
    private static partial Regex BlankLine();
}
