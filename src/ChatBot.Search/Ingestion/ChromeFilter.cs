using System.Text.RegularExpressions;
using ChatBot.Search.Analysis;
using ChatBot.Search.Index;

namespace ChatBot.Search.Ingestion;

/// <summary>
/// Drops page chrome that copy-and-paste or a web export leaves around a text, by general rules: repeated short
/// lines, lines that repeat the title, labels before the first real paragraph, navigation and search widgets,
/// and notices addressed to the reader about the page. Real text stays, even when short.
/// </summary>
public static partial class ChromeFilter
{
    /// <summary>A line at most this many words long, without sentence punctuation, is "short".</summary>
    private const int ShortWords = 12;

    private static readonly HashSet<string> InterfaceWords = new(StringComparer.Ordinal)
    {
        "search", "show", "all", "results", "result", "filter", "filters", "sort", "by", "sign", "log", "in", "out",
        "login", "logout", "register", "menu", "home", "share", "print", "email", "e-mail", "next", "previous", "prev",
        "more", "back", "top", "skip", "to", "content", "main", "subscribe", "cookie", "cookies", "accept", "close",
        "help", "contact", "privacy", "terms", "policy", "copyright", "download", "view", "edit", "reply", "comments",
        "comment", "tweet", "like", "follow", "page", "pages", "go", "advanced", "options", "settings", "account",
        "cart", "browse", "related", "articles", "tags", "categories", "archive", "primary", "sources", "peer-reviewed",
        "author", "title", "date", "type", "open", "save", "cite", "citation", "permalink", "read", "full", "text",
        "article", "excerpt", "abstract", "preview", "sponsored", "advertisement", "loading", "of", "and", "the", "a",
    };

    // Phrases only a web page says about itself.
    private static readonly string[] PageNotices =
    [
        "error has occurred", "error occurred", "something went wrong", "click the button", "click here",
        "reload the page", "refresh the page", "reload this page", "enable javascript", "javascript is disabled",
        "javascript is required", "we use cookies", "accept cookies", "this site uses cookies", "page not found",
        "you must be logged in", "to continue reading", "all rights reserved",
    ];

    // Phrases a page often says, but a text might too: they count only together with another.
    private static readonly string[] ReaderPrompts =
    [
        "try again", "please try", "please click", "your browser", "sign in to", "log in to", "subscribe to",
        "create an account", "free trial", "cookie policy", "access denied", "please wait", "the problem persists",
    ];

    /// <summary>
    /// Every phrase above holds one of these (a test checks it). Prose says them less often than the phrases'
    /// first letters ("to ", "the", "all"), where the vectorised search stops to compare, so a text without any
    /// is passed over in about half the time the phrases themselves take.
    /// </summary>
    internal static readonly string[] NoticeAnchors =
    [
        "occurred", "wrong", "click", "reload", "refresh", "javascript", "cookie", "not found", "logged", "continue reading",
        "rights reserved", "try again", "please", "browser", "sign in", "log in", "subscribe", "an account", "free trial",
        "denied", "persists",
    ];

    internal static IEnumerable<string> NoticePhrases => PageNotices.Concat(ReaderPrompts);

    /// <summary>The longest anchor: a match in folded text that involves a non-ASCII character lies this close to it.</summary>
    private static readonly int LongestAnchor = NoticeAnchors.Max(a => a.Length);

    private static readonly System.Buffers.SearchValues<string> AnyNoticePhrase =
        System.Buffers.SearchValues.Create([.. PageNotices, .. ReaderPrompts], StringComparison.Ordinal);

    private static readonly System.Buffers.SearchValues<string> AnyNoticeAnchor =
        System.Buffers.SearchValues.Create(NoticeAnchors, StringComparison.Ordinal);

    private static readonly System.Buffers.SearchValues<string> AnyNoticeAnchorInAnyCase =
        System.Buffers.SearchValues.Create(NoticeAnchors, StringComparison.OrdinalIgnoreCase);

    public static List<Block> Clean(IReadOnlyList<Block> blocks, string? title)
    {
        ArgumentNullException.ThrowIfNull(blocks);

        // Only short lines can be repeated chrome or a title echo; prose needs no key.
        var keyed = blocks.Select(b => (Block: b, Key: IsShort(b.Text) ? Key(b.Text) : "\u0001" + b.Text)).ToList();
        var counts = keyed.GroupBy(b => b.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var titleKey = title is null ? null : Key(title);
        var kept = new List<Block>();
        var labels = new List<Block>();
        var seenRealParagraph = false;
        foreach (var (block, key) in keyed)
        {
            if (block.Text.Trim().Length == 0
                || (IsShort(block.Text) && counts[key] > 1)
                || (titleKey is not null && key == titleKey && IsShort(block.Text))
                || IsInterfaceLine(block.Text)
                || IsNotice(block.Text))
            {
                continue;
            }

            if (!seenRealParagraph && block.Kind == BlockKind.Paragraph && IsLabel(block.Text))
            {
                labels.Add(block);
                continue;
            }

            if (block.Kind == BlockKind.Paragraph)
            {
                seenRealParagraph = true;
            }

            kept.Add(block);
        }

        // Labels introduce a text; a file with nothing else ("Hello world", one line at the bottom of 50,000 <div>s)
        // has no other text, and is read rather than refused as empty.
        return seenRealParagraph || labels.Count == 0 ? kept : [.. labels, .. kept];
    }

    /// <summary>Short and without sentence punctuation: a label, a title line or a widget, not prose.</summary>
    public static bool IsShort(string text) => !EndsLikeSentence(text) && WordCount(text, ShortWords + 1) <= ShortWords;

    /// <summary>A leading label such as "Article excerpt" or a kicker line: a few words, no sentence.</summary>
    public static bool IsLabel(string text) => !EndsLikeSentence(text) && WordCount(text, 9) <= 8;

    /// <summary>Navigation and search widgets: short lines mostly of interface words, or "Label... value" pickers.</summary>
    public static bool IsInterfaceLine(string text)
    {
        if (EndsLikeSentence(text) || WordCount(text, ShortWords + 1) > ShortWords)
        {
            return false;
        }

        var words = Words(text);
        if (words.Length == 0)
        {
            return false;
        }

        if (Picker().IsMatch(text))
        {
            return true;
        }

        var interfaceWords = words.Count(w => InterfaceWords.Contains(w.ToLowerInvariant()));
        return interfaceWords * 2 >= words.Length && words.Length >= 2;
    }

    /// <summary>A notice addressed to the reader about the page or the site: error banners, cookie and login prompts.</summary>
    public static bool IsNotice(string text)
    {
        // Nearly every block says none of the phrases, and not even their anchors: the text is searched for those as
        // it stands, in any case, and only the stretches around its non-ASCII letters are folded ("Cookíes" is
        // "cookies" folded), before a folded copy of the whole text is made.
        if (!text.AsSpan().ContainsAny(AnyNoticeAnchorInAnyCase) && !AnchorNearNonAscii(text))
        {
            return false;
        }

        var folded = TextAnalysis.Fold(text);
        if (!folded.AsSpan().ContainsAny(AnyNoticePhrase))
        {
            return false;
        }

        var notices = PageNotices.Count(p => folded.Contains(p, StringComparison.Ordinal));
        var prompts = ReaderPrompts.Count(p => folded.Contains(p, StringComparison.Ordinal));
        return (notices >= 1 && WordCount(text, 41) <= 40) || notices + prompts >= 2;
    }

    /// <summary>
    /// Whether the folded text holds an anchor that the text as it stands does not: such a match covers a non-ASCII
    /// character (ASCII letters fold to themselves in lower case), so it lies within the longest anchor of one.
    /// Nearby characters are folded together, each stretch once.
    /// </summary>
    private static bool AnchorNearNonAscii(string text)
    {
        var next = text.AsSpan().IndexOfAnyExceptInRange('\0', '\x7F');
        while (next >= 0)
        {
            var start = Math.Max(0, next - LongestAnchor);
            var end = next + 1;
            while (true)
            {
                var following = end < text.Length ? text.AsSpan(end).IndexOfAnyExceptInRange('\0', '\x7F') : -1;
                if (following < 0 || following > LongestAnchor)
                {
                    next = following < 0 ? -1 : end + following;
                    break;
                }

                end += following + 1;
            }

            var stretch = text[start..Math.Min(text.Length, end + LongestAnchor)];
            if (TextAnalysis.Fold(stretch).AsSpan().ContainsAny(AnyNoticeAnchor))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsLikeSentence(string text)
    {
        var end = text.TrimEnd().TrimEnd('"', '\'', '\u201D', '\u2019', ')', ']');
        return end.Length > 0 && end[^1] is '.' or '!' or '?' or '\u2026' && !end.EndsWith("...", StringComparison.Ordinal);
    }

    /// <summary>Counts the words of <paramref name="text"/>, stopping at <paramref name="limit"/>.</summary>
    private static int WordCount(string text, int limit)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = c is ' ' or '\t' or '\u00A0';
            if (!space && !inWord && ++count >= limit)
            {
                return count;
            }

            inWord = !space;
        }

        return count;
    }

    private static string[] Words(string text) => text.Split((char[])[' ', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries);

    private static string Key(string text) => string.Join(' ', TextAnalysis.Fold(text).Split((char[])[' ', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));

    // "Search by... Author", "Show... All Results": a label, an ellipsis, then the picked value. NonBacktracking,
    // because a "short" line can still be megabytes long (one word without spaces).
    [GeneratedRegex(@"^\s*[\p{L}\s]{1,30}(\.\.\.|\u2026)\s*\S", RegexOptions.NonBacktracking)]
    private static partial Regex Picker();
}
