using System.Globalization;
using ChatBot.Search.Text;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// Cuts cleaned paragraphs into passages. A paragraph is a passage ("¶ 3"); one longer than the maximum is cut
/// at sentence boundaries into near-equal pieces ("¶ 3 (1/2)", "¶ 3 (2/2)"), and a single sentence longer than
/// the maximum at a word boundary. Whitespace is collapsed; the words stay as written.
/// </summary>
public static class Segmenter
{
    public static List<PassageDraft> Segment(IEnumerable<Block> blocks, SegmenterOptions options)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPassageChars, 1, nameof(options));
        var passages = new List<PassageDraft>();
        var paragraph = 0;
        var paragraphsOnPage = new Dictionary<int, int>();
        foreach (var block in blocks.Where(b => b.Kind == BlockKind.Paragraph))
        {
            var text = Collapse(block.Text);
            if (text.Length == 0)
            {
                continue;
            }

            paragraph++;
            var pieces = Pieces(text, options.MaxPassageChars);
            if (block.Pages is not { Count: > 0 } pages)
            {
                for (var i = 0; i < pieces.Count; i++)
                {
                    var locator = pieces.Count == 1
                        ? string.Create(CultureInfo.InvariantCulture, $"¶ {paragraph}")
                        : string.Create(CultureInfo.InvariantCulture, $"¶ {paragraph} ({i + 1}/{pieces.Count})");
                    passages.Add(new PassageDraft(passages.Count + 1, locator, pieces[i]));
                }

                continue;
            }

            // A PDF's paragraphs are numbered on the page they start on, as a reader counts them: "p. 12 ¶ 3".
            // The block's text is already collapsed (PdfBlocks), so its page offsets hold for it.
            var firstPage = PageAt(pages, 0);
            var number = paragraphsOnPage[firstPage] = paragraphsOnPage.GetValueOrDefault(firstPage) + 1;
            var cursor = 0;
            for (var i = 0; i < pieces.Count; i++)
            {
                // Pieces are the paragraph's text in order, one space apart; the search only guards that.
                var start = string.CompareOrdinal(text, cursor, pieces[i], 0, pieces[i].Length) == 0
                    ? cursor
                    : Math.Max(cursor, text.IndexOf(pieces[i], Math.Min(cursor, text.Length), StringComparison.Ordinal));
                var end = Math.Min(text.Length - 1, start + pieces[i].Length - 1);
                cursor = Math.Min(text.Length, end + 2);
                var (from, to) = (PageAt(pages, start), PageAt(pages, end));
                var where = from == to
                    ? string.Create(CultureInfo.InvariantCulture, $"p. {from} ¶ {number}")
                    : string.Create(CultureInfo.InvariantCulture, $"pp. {from}–{to} ¶ {number}");
                var locator = pieces.Count == 1 ? where : string.Create(CultureInfo.InvariantCulture, $"{where} ({i + 1}/{pieces.Count})");
                passages.Add(new PassageDraft(passages.Count + 1, locator, pieces[i], from));
            }
        }

        return passages;
    }

    /// <summary>The page the character at <paramref name="offset"/> stands on.</summary>
    private static int PageAt(IReadOnlyList<PageStart> pages, int offset)
    {
        var page = pages[0].Page;
        foreach (var start in pages)
        {
            if (start.Offset > offset)
            {
                break;
            }

            page = start.Page;
        }

        return page;
    }

    private static readonly System.Buffers.SearchValues<char> OtherSpaces = System.Buffers.SearchValues.Create("\t\n\r\f\v\u00A0");

    public static string Collapse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!NeedsCollapsing(text))
        {
            return text;
        }

        return string.Join(' ', text.Split((char[])[' ', '\t', '\n', '\r', '\f', '\v', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));
    }

    private static bool NeedsCollapsing(string text)
    {
        if (text.Length == 0 || text[0] == ' ' || text[^1] == ' ')
        {
            return text.Length > 0;
        }

        return text.AsSpan().IndexOfAny(OtherSpaces) >= 0 || text.Contains("  ", StringComparison.Ordinal);
    }

    private static List<string> Pieces(string text, int max)
    {
        if (text.Length <= max)
        {
            return [text];
        }

        // Sentences, with any longer than the maximum cut at spaces.
        var units = new List<string>();
        foreach (var range in SentenceSplitter.Split(text))
        {
            // Cut by index, not by taking the rest as a new string each time: that copied a 2 MB sentence
            // without a full stop 2,500 times.
            var (start, end) = (range.Start, range.End);
            while (end - start > max)
            {
                var cut = text.LastIndexOf(' ', start + max, max + 1) - start;
                cut = cut <= 0 ? max : cut;
                if (cut > 1 && char.IsLowSurrogate(text[start + cut]) && char.IsHighSurrogate(text[start + cut - 1]))
                {
                    // Never between the halves of a character outside the BMP (an emoji, a CJK extension).
                    cut--;
                }

                units.Add(text[start..(start + cut)].TrimEnd());
                start += cut;
                while (start < end && char.IsWhiteSpace(text[start]))
                {
                    start++;
                }
            }

            if (end > start)
            {
                units.Add(text[start..end]);
            }
        }

        var count = (int)Math.Ceiling(text.Length / (double)max);
        var target = text.Length / (double)count;
        var pieces = new List<string>();
        var current = new List<string>();
        var length = 0;
        foreach (var unit in units)
        {
            var added = length == 0 ? unit.Length : length + 1 + unit.Length;
            if (length > 0 && (added > max || (length >= target && pieces.Count < count - 1)))
            {
                pieces.Add(string.Join(' ', current));
                current.Clear();
                added = unit.Length;
            }

            current.Add(unit);
            length = added;
        }

        if (current.Count > 0)
        {
            pieces.Add(string.Join(' ', current));
        }

        return pieces;
    }
}
