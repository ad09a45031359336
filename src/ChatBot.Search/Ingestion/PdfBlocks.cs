using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;
using UglyToad.PdfPig.Exceptions;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// The text of a PDF's text layer, through PdfPig, as paragraphs that know their pages. Each page's words are
/// grouped into blocks and lines (Docstrum) and the blocks put in reading order (left column before right);
/// running headers, footers and page numbers are dropped (<see cref="PdfRunningLines"/>); a paragraph ends at a
/// line gap wider than the page's usual line spacing or at a block that does not continue it, and one that runs
/// on past a column or a page stays one paragraph; a word hyphenated at a line end is joined.
/// </summary>
/// <remarks>
/// Bounded work whatever the file holds: its compressed streams may not inflate past
/// <see cref="PdfStreamBudget"/>, and pages and letters are counted before layout runs on them.
/// </remarks>
public static class PdfBlocks
{
    public const int MaxPages = 2_000;
    public const int MaxLettersPerPage = 50_000;
    public const int MaxLetters = 5_000_000;

    private static readonly DocstrumBoundingBoxes Segmenter = new(new DocstrumBoundingBoxes.DocstrumBoundingBoxesOptions { MaxDegreeOfParallelism = 1 });

    /// <summary>PDF by content: the <c>%PDF-</c> header within the first 1,024 bytes, as readers accept it.</summary>
    public static bool LooksLikePdf(ReadOnlySpan<byte> content)
        => content[..Math.Min(content.Length, 1024)].IndexOf("%PDF-"u8) >= 0;

    /// <exception cref="SourceFormatException">The PDF needs a password, has no text layer or is too large to read.</exception>
    public static (List<Block> Blocks, SourceMetadata? Metadata) Read(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        PdfStreamBudget.Check(content);
        try
        {
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (document.NumberOfPages > MaxPages)
            {
                throw new SourceFormatException($"the PDF has {document.NumberOfPages:N0} pages; at most {MaxPages:N0} are read");
            }

            var pages = new List<IReadOnlyList<PdfLine>>(document.NumberOfPages);
            var letters = 0L;
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                var page = document.GetPage(number);
                if (page.Letters.Count > MaxLettersPerPage)
                {
                    throw new SourceFormatException($"page {number} has {page.Letters.Count:N0} characters; at most {MaxLettersPerPage:N0} a page are read");
                }

                letters += page.Letters.Count;
                if (letters > MaxLetters)
                {
                    throw new SourceFormatException($"the PDF has more than {MaxLetters:N0} characters");
                }

                pages.Add(Lines(page, number));
            }

            if (pages.All(p => p.Count == 0))
            {
                throw new SourceFormatException("no text layer: OCR is not supported");
            }

            var kept = PdfRunningLines.Drop(pages);
            var info = document.Information;
            var title = TextHygiene.ForMetadata(info.Title);
            var metadata = title is null ? null : new SourceMetadata(title, TextHygiene.ForMetadata(info.Author));
            return (Paragraphs(kept), metadata);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new SourceFormatException("encrypted: the PDF needs a password to open, and none is known");
        }
    }

    /// <summary>A page's lines in reading order, each with its block and position.</summary>
    private static List<PdfLine> Lines(Page page, int number)
    {
        var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
        var lines = new List<PdfLine>();
        if (words.Count == 0)
        {
            return lines;
        }

        var blocks = UnsupervisedReadingOrderDetector.Instance.Get(Segmenter.GetBlocks(words)).OrderBy(b => b.ReadingOrder).ToList();
        for (var b = 0; b < blocks.Count; b++)
        {
            foreach (var line in blocks[b].TextLines)
            {
                var text = Clean(line);
                if (text.Length > 0)
                {
                    var box = line.BoundingBox;
                    lines.Add(new PdfLine(text, number, b, box.Top, box.Bottom, box.Left, Math.Max(1, box.Height), page.Height));
                }
            }
        }

        return lines;
    }

    private static string Clean(TextLine line)
        => Ingestion.Segmenter.Collapse(TextHygiene.ForPassage(string.Join(' ', line.Words.Select(w => w.Text))));

    /// <summary>Lines into paragraphs with their page starts.</summary>
    private static List<Block> Paragraphs(IReadOnlyList<IReadOnlyList<PdfLine>> pages)
    {
        var blocks = new List<Block>();
        var text = new StringBuilder();
        var starts = new List<PageStart>();
        PdfLine? previous = null;
        var pitch = UsualLinePitch(pages);
        foreach (var lines in pages)
        {
            foreach (var line in lines)
            {
                if (previous is not null && text.Length > 0 && !Continues(previous, line, pitch, text))
                {
                    blocks.Add(new Block(text.ToString(), BlockKind.Paragraph, [.. starts]));
                    text.Clear();
                    starts.Clear();
                }

                var joinWithoutSpace = text.Length > 0 && EndsHyphenated(text) && line.Text.Length > 0 && char.IsLower(line.Text[0]);
                if (joinWithoutSpace)
                {
                    text.Length--;
                }
                else if (text.Length > 0)
                {
                    text.Append(' ');
                }

                if (starts.Count == 0 || starts[^1].Page != line.Page)
                {
                    starts.Add(new PageStart(text.Length, line.Page));
                }

                text.Append(line.Text);
                previous = line;
            }
        }

        if (text.Length > 0)
        {
            blocks.Add(new Block(text.ToString(), BlockKind.Paragraph, [.. starts]));
        }

        return blocks;
    }

    /// <summary>
    /// Whether <paramref name="line"/> goes on the paragraph <paramref name="previous"/> ended. In the same block:
    /// unless the gap is clearly wider than the page's line pitch. Across blocks, columns and pages: only when the
    /// paragraph has not ended a sentence and the line starts in lower case, as a sentence cut by a break does.
    /// </summary>
    private static bool Continues(PdfLine previous, PdfLine line, double pitch, StringBuilder paragraph)
    {
        if (previous.Page == line.Page && previous.Block == line.Block)
        {
            var gap = previous.Top - line.Top;
            return gap > 0 && gap <= pitch * 1.4;
        }

        var last = paragraph[^1];
        return last is not ('.' or '!' or '?' or ':' or '"' or '\u201D') && char.IsLower(line.Text[0]);
    }

    /// <summary>The document's line pitch: the distance between the tops of consecutive lines of one block, most lines' gap.</summary>
    private static double UsualLinePitch(IReadOnlyList<IReadOnlyList<PdfLine>> pages)
    {
        var gaps = new List<double>();
        foreach (var lines in pages)
        {
            for (var i = 1; i < lines.Count; i++)
            {
                var gap = lines[i - 1].Top - lines[i].Top;
                if (lines[i].Block == lines[i - 1].Block && gap > 0)
                {
                    gaps.Add(gap);
                }
            }
        }

        if (gaps.Count == 0)
        {
            var all = pages.SelectMany(p => p).ToList();
            return all.Count == 0 ? 12 : all.Average(l => l.Height) * 1.2;
        }

        gaps.Sort();
        return gaps[gaps.Count / 4]; // the lower quartile: paragraph gaps are the wider ones
    }

    private static bool EndsHyphenated(StringBuilder text)
        => text.Length >= 2 && text[^1] is '-' or '\u2010' or '\u00AD' && char.IsLetter(text[^2]);
}

/// <summary>One line of a PDF page: its text, page, block in reading order, and where it stands (PDF units, y up).</summary>
public sealed record PdfLine(string Text, int Page, int Block, double Top, double Bottom, double Left, double Height, double PageHeight);
