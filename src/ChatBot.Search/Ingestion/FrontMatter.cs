using ChatBot.Core;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// Front matter between <c>---</c> fences at the very top of a Markdown source: simple <c>key: value</c> lines,
/// values optionally quoted. Known keys are title, author, url, published (a year or date), kind (primary, secondary or tertiary) and license; others are ignored.
/// </summary>
public static class FrontMatter
{
    /// <summary>Splits <paramref name="text"/> into its front matter (empty when there is none) and its body.</summary>
    /// <exception cref="SourceFormatException">The front matter is opened but never closed, or a line is not <c>key: value</c>.</exception>
    public static (IReadOnlyDictionary<string, string> Fields, string Body) Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!text.StartsWith("---\n", StringComparison.Ordinal) && text != "---")
        {
            return (fields, text);
        }

        var close = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        while (close >= 0 && close + 4 < text.Length && text[close + 4] != '\n')
        {
            close = text.IndexOf("\n---", close + 4, StringComparison.Ordinal);
        }

        if (close < 0)
        {
            throw new SourceFormatException("the front matter opened with --- on the first line is never closed with ---");
        }

        var lines = text[4..close].Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new SourceFormatException($"front matter line {i + 2} is not \"key: value\": {TextCut.Cut(line, 60)}");
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
            {
                value = value[1..^1];
            }

            if (value.Length > 0)
            {
                fields[key] = value;
            }
        }

        var bodyStart = Math.Min(text.Length, close + 4);
        return (fields, text[bodyStart..]);
    }

}
