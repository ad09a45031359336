namespace ChatBot.Search.Ingestion;

/// <summary>
/// Decides which line breaks inside a block end a paragraph. Hard-wrapped prose (short lines) is joined; a
/// line far longer than any wrap width that ends a sentence is a paragraph of its own, which is how many
/// exported texts put one paragraph per line without blank lines between them.
/// </summary>
public static class LineBreaks
{
    /// <summary>Longer than any usual hard-wrap width.</summary>
    public const int LongLine = 100;

    public static IEnumerable<string> Paragraphs(string block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var current = new List<string>();
        foreach (var raw in block.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            current.Add(line);
            if (line.Length >= LongLine && EndsSentence(line))
            {
                yield return string.Join(' ', current);
                current.Clear();
            }
        }

        if (current.Count > 0)
        {
            yield return string.Join(' ', current);
        }
    }

    private static bool EndsSentence(string line)
    {
        var end = line.TrimEnd('"', '\'', '\u201D', '\u2019', ')', ']');
        return end.Length > 0 && end[^1] is '.' or '!' or '?' or '\u2026' or ':' or ';';
    }
}
