using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Dates;
using ChatBot.Search.Index;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// Reads a source file (Markdown with front matter, plain text, HTML or PDF, told apart by content first) into a
/// cleaned, segmented <see cref="SourceDocument"/>. A file that cannot be a source is refused with one line
/// saying why.
/// </summary>
public static partial class SourceReader
{
    /// <exception cref="SourceFormatException">The file is empty, binary, undecodable, malformed or has no text.</exception>
    /// <remarks>
    /// Every byte of a source is hostile (anyone can create a server and upload a file), so no content makes this
    /// throw anything but <see cref="SourceFormatException"/>: the indexer and the upload command catch that one
    /// type and skip the file with one line, and a parser that fails on some input must not take the bot down.
    /// </remarks>
    public static SourceDocument Read(string fileName, byte[] content, SourceMetadata? overrides = null, SegmenterOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(content);
        if (options is not null)
        {
            // Outside the catch below: a passage with no room is our mistake, not the file's.
            ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPassageChars, 1, nameof(options));
        }

        var stage = "decoding the text";
        try
        {
            var isPdf = PdfBlocks.LooksLikePdf(content);
            var text = isPdf ? "" : TextDecoder.Decode(content);
            var format = isPdf ? SourceFormat.Pdf : Detect(fileName, text);
            stage = $"reading the {format switch { SourceFormat.Html => "HTML", SourceFormat.Markdown => "Markdown", SourceFormat.Pdf => "PDF", _ => "text" }}";
            List<Block> blocks;
            SourceMetadata? found;
            switch (format)
            {
                case SourceFormat.Pdf:
                    (blocks, found) = PdfBlocks.Read(content);
                    break;
                case SourceFormat.Html:
                    (blocks, found) = HtmlBlocks.Read(text);
                    break;
                case SourceFormat.Markdown:
                    var (fields, body) = FrontMatter.Split(text);
                    blocks = MarkdownBlocks.Read(body);
                    found = FromFields(fields, blocks);
                    break;
                default:
                    blocks = TextBlocks.Read(text);
                    found = null;
                    break;
            }

            stage = "cleaning the text";

            // After parsing, so that characters written as entities (&#x202E;) are caught too.
            blocks = blocks.ConvertAll(b => b with { Text = TextHygiene.ForPassage(b.Text) });
            var metadata = Merge(overrides, found, fileName);
            var passages = Segmenter.Segment(ChromeFilter.Clean(blocks, metadata.Title), options ?? SegmenterOptions.Default);
            if (passages.Count == 0)
            {
                throw new SourceFormatException("no text is left after removing markup and page chrome");
            }

            return new SourceDocument(SlugFor(fileName), metadata, passages);
        }
        catch (Exception e) when (e is not (SourceFormatException or OutOfMemoryException))
        {
            // A parser (ours, AngleSharp's) that fails on some bytes has found a bad file, not a bad bot; the
            // type and message say what went wrong. Running out of memory is the machine's problem, not the file's.
            throw new SourceFormatException($"{stage} failed ({e.GetType().Name}: {OneLine(e.Message)})");
        }
    }

    /// <summary>Reads a file from disk; problems name the file.</summary>
    /// <exception cref="SourceFormatException">The file cannot be read or is not a source.</exception>
    public static SourceDocument ReadFile(string path, SegmenterOptions? options = null)
    {
        try
        {
            return Read(Path.GetFileName(path), File.ReadAllBytes(path), options: options);
        }
        catch (SourceFormatException e)
        {
            throw new SourceFormatException($"{path}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceFormatException($"{path}: cannot be read: {e.Message}");
        }
    }

    /// <summary>The format of a file by its content (an HTML page named .txt is HTML), then its name.</summary>
    /// <exception cref="SourceFormatException">The content is not text.</exception>
    public static SourceFormat DetectFormat(string fileName, ReadOnlySpan<byte> content)
        => PdfBlocks.LooksLikePdf(content) ? SourceFormat.Pdf : Detect(fileName, TextDecoder.Decode(content));

    /// <summary>The id of a source from its file name: lowercase ASCII words joined by hyphens.</summary>
    public static string SlugFor(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileNameWithoutExtension(fileName);
        var slug = NonAlphanumeric().Replace(TextAnalysis.Fold(name), "-").Trim('-');
        return slug.Length == 0 ? "source" : slug;
    }

    private static SourceFormat Detect(string fileName, string text)
    {
        var head = text.Length > 4096 ? text[..4096] : text;
        if (StartsLikeHtmlDocument(head) || HtmlTags().Count(head) >= 3)
        {
            return SourceFormat.Html;
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return text.StartsWith("---\n", StringComparison.Ordinal) || extension is ".md" or ".markdown"
            ? SourceFormat.Markdown
            : SourceFormat.Text;
    }

    /// <summary>
    /// Optional white space and comments, then a doctype or an &lt;html&gt; tag. Scanned by hand in one pass: as
    /// a regular expression (<c>^\s*(&lt;!--.*?--&gt;\s*)*&lt;html</c>) it backtracks exponentially, and 200 bytes
    /// of empty comments took seconds.
    /// </summary>
    private static bool StartsLikeHtmlDocument(string head)
    {
        var i = SkipWhiteSpace(head, 0);
        while (head.AsSpan(i).StartsWith("<!--", StringComparison.Ordinal))
        {
            var close = head.IndexOf("-->", i + 4, StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            i = SkipWhiteSpace(head, close + 3);
        }

        var rest = head.AsSpan(i);
        if (rest.StartsWith("<!doctype", StringComparison.OrdinalIgnoreCase))
        {
            var name = SkipWhiteSpace(head, i + 9);
            return name > i + 9 && head.AsSpan(name).StartsWith("html", StringComparison.OrdinalIgnoreCase);
        }

        return rest.StartsWith("<html", StringComparison.OrdinalIgnoreCase) && rest.Length > 5 && (char.IsWhiteSpace(rest[5]) || rest[5] == '>');
    }

    private static int SkipWhiteSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static string OneLine(string message)
    {
        var line = string.Join(' ', message.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 200 ? line : line[..200] + "…";
    }

    private static SourceMetadata? FromFields(IReadOnlyDictionary<string, string> fields, List<Block> blocks)
    {
        var title = fields.GetValueOrDefault("title");
        if (title is null)
        {
            // A Markdown source without front matter is titled by its first heading, which is then not a passage.
            var heading = blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading);
            title = heading?.Text;
        }

        SourceKind? kind = null;
        if (fields.GetValueOrDefault("kind") is { } kindText)
        {
            kind = SourceKinds.TryParse(kindText, out var parsed)
                ? parsed
                : throw new SourceFormatException($"front matter kind must be primary, secondary or tertiary, not \"{Shorten(kindText)}\"");
        }

        string? published = null;
        if (fields.GetValueOrDefault("published") is { } publishedText)
        {
            published = PublishedDate.Normalize(publishedText)
                ?? throw new SourceFormatException($"front matter published must be a year or a date (1998, 1998-03-15, March 15, 1998), not \"{Shorten(publishedText)}\"");
        }

        return new SourceMetadata(title ?? "", fields.GetValueOrDefault("author"), fields.GetValueOrDefault("url"), published, fields.GetValueOrDefault("license"), kind);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>The uploader's metadata over the file's own, cleaned for showing to others.</summary>
    private static SourceMetadata Merge(SourceMetadata? overrides, SourceMetadata? found, string fileName)
    {
        static string? Pick(string? a, string? b) => TextHygiene.ForMetadata(a) ?? TextHygiene.ForMetadata(b);
        var title = Pick(overrides?.Title, found?.Title) ?? TextHygiene.ForMetadata(Humanize(fileName)) ?? "Untitled source";
        return new SourceMetadata(
            title,
            Pick(overrides?.Author, found?.Author),
            Pick(overrides?.Url, found?.Url),
            PublishedDate.Normalize(overrides?.Published) ?? PublishedDate.Normalize(found?.Published),
            Pick(overrides?.License, found?.License),
            overrides?.Kind ?? found?.Kind);
    }

    /// <summary>"1964-bolivian_coup.txt" → "1964 bolivian coup", capitalised.</summary>
    private static string Humanize(string fileName)
    {
        var words = Path.GetFileNameWithoutExtension(fileName).Replace('_', ' ').Replace('-', ' ').Trim();
        if (words.Length == 0)
        {
            return "Untitled source";
        }

        var builder = new StringBuilder(string.Join(' ', words.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        builder[0] = char.ToUpperInvariant(builder[0]);
        return builder.ToString();
    }

    // NonBacktracking: these see file names and file contents, and must run in linear time whatever they hold.
    [GeneratedRegex(@"[^a-z0-9]+", RegexOptions.NonBacktracking)]
    private static partial Regex NonAlphanumeric();

    [GeneratedRegex(@"<(p|div|br|body|head|span|a\s+href|table|li|h[1-6])[\s>/]", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex HtmlTags();
}
