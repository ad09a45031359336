using System.Collections.Concurrent;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChatBot.Search.Index;

/// <summary>
/// The index's analysis for the rest of the engine, with no Lucene types showing: the terms of a text with
/// their offsets, exactly as <see cref="PassageAnalyzer"/> indexes them. Every filter of that chain works on one
/// word at a time, so a text is split into words by the chain's own tokenizer and each distinct word is run
/// through the whole chain once and remembered (words follow Zipf's law: nearly every word of a new passage was
/// seen before, and a look-up costs less than the six filters). Thread-safe (the analyzers reuse one token stream
/// per thread). Never throws on any input.
/// </summary>
public static class TextAnalysis
{
    /// <summary>How many distinct words are remembered; past it, new words are analyzed each time they come.</summary>
    private const int MaxCachedWords = 1 << 20;

    /// <summary>Longer words are not remembered: real words are shorter, and a crafted text of long ones must not fill memory.</summary>
    private const int MaxCachedWordLength = 64;

    private static PassageAnalyzer Analyzer => SharedAnalyzer.Instance;
    private static readonly WordSplitter Splitter = new();

    [ThreadStatic]
    private static List<(int Start, int End)>? LatinWords;

    /// <summary>
    /// Per thread, the words met last, one per slot by a cheap hash of the word: the few thousand commonest words
    /// are most of any text, and a slot holds one of them nearer at hand, and for a third of the look-up's cost, than
    /// the shared dictionary (whose look-up hashes the word with a randomised hash first). A word whose slot holds
    /// another goes to the dictionary and takes the slot.
    /// </summary>
    [ThreadStatic]
    private static (string Word, AnalyzedToken[] Tokens)[]? RecentWords;

    private const int RecentSlotBits = 14;
    private static readonly ConcurrentDictionary<string, string> Terms = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, AnalyzedToken[]> Words = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, AnalyzedToken[]>.AlternateLookup<ReadOnlySpan<char>> WordLookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> TermLookup =
        Terms.GetAlternateLookup<ReadOnlySpan<char>>();

    // How many each cache holds, counted here: a concurrent dictionary's Count takes every one of its locks (up to
    // 1,024 as it grows), which cost more than the analysis it saved.
    private static int cachedWords;
    private static int cachedTerms;

    /// <summary>The field every passage's text is indexed in.</summary>
    public const string Field = "text";

    /// <summary>The tokens of <paramref name="text"/> in order (stop words have none).</summary>
    public static List<AnalyzedToken> Analyze(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<AnalyzedToken>(Math.Min(1 << 16, text.Length / 6));
        Analyze(text, tokens);
        return tokens;
    }

    /// <summary>Adds the tokens of <paramref name="text"/> to <paramref name="tokens"/>, in order.</summary>
    public static void Analyze(string text, List<AnalyzedToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        if (text.Length == 0)
        {
            return;
        }

        if (LatinWordSplitter.Covers(text))
        {
            // Most text is in the Latin script, where the word boundaries are a few rules (and four fifths of the time
            // the tokenizer's scanner took): found in one pass.
            var words = LatinWords ??= [];
            words.Clear();
            LatinWordSplitter.Split(text, words);
            foreach (var (start, end) in words)
            {
                AddWord(text, start, end, tokens);
            }

            return;
        }

        using var stream = Splitter.GetTokenStream(Field, text);
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            AddWord(text, offset.StartOffset, offset.EndOffset, tokens);
        }

        stream.End();
    }

    private static void AddWord(string text, int start, int end, List<AnalyzedToken> tokens)
    {
        foreach (var token in OfWord(text.AsSpan(start, end - start)))
        {
            tokens.Add(new AnalyzedToken(start + token.Start, start + token.End, token.Term));
        }
    }

    /// <summary>The index terms of <paramref name="text"/> in order.</summary>
    public static List<string> TermsOf(string text) => [.. Analyze(text).Select(t => t.Term)];

    /// <summary>The index term of a single word, or null when it is a stop word or has no letter or digit.</summary>
    public static string? TermOf(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return TermOfSurface(word);
    }

    /// <summary>
    /// The term of a token's surface as it stands in a text (see <see cref="TokenOffsets"/>), that is of the
    /// surface analyzed alone; null when it analyzes to nothing.
    /// </summary>
    public static string? TermOfSurface(ReadOnlySpan<char> surface)
    {
        var tokens = OfWord(surface);
        return tokens.Length > 0 ? tokens[0].Term : null;
    }

    /// <summary>What the whole chain makes of <paramref name="word"/> alone, offsets relative to it, remembered per word.</summary>
    private static AnalyzedToken[] OfWord(ReadOnlySpan<char> word)
    {
        var recent = RecentWords ??= new (string, AnalyzedToken[])[1 << RecentSlotBits];
        ref var slot = ref recent[RecentSlot(word)];
        if (slot.Word is { } held && word.SequenceEqual(held))
        {
            return slot.Tokens;
        }

        if (WordLookup.TryGetValue(word, out var cached, out var known))
        {
            slot = (cached, known);
            return known;
        }

        var text = word.ToString();
        var tokens = new List<AnalyzedToken>(1);
        if (text.Length > 0)
        {
            using var stream = Analyzer.GetTokenStream(Field, text);
            var term = stream.AddAttribute<ICharTermAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                tokens.Add(new AnalyzedToken(offset.StartOffset, offset.EndOffset, Intern(term.Buffer.AsSpan(0, term.Length))));
            }

            stream.End();
        }

        var analyzed = tokens.ToArray();
        if (text.Length <= MaxCachedWordLength && Volatile.Read(ref cachedWords) < MaxCachedWords && Words.TryAdd(text, analyzed))
        {
            Interlocked.Increment(ref cachedWords);
            slot = (text, analyzed);
        }

        return analyzed;
    }

    /// <summary>The slot of a word in <see cref="RecentWords"/>: FNV-1a over its characters and its length.</summary>
    private static int RecentSlot(ReadOnlySpan<char> word)
    {
        var hash = 2166136261u ^ (uint)word.Length;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash >> (32 - RecentSlotBits));
    }

    /// <summary>Lowercases and folds diacritics as the index does ("Candía" → "candia", "Æ" → "ae"); other characters stay.</summary>
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        if (System.Text.Ascii.IsValid(lower))
        {
            return lower;
        }

        // A folded character takes at most four (Lucene's table: "ǅ" is "DZ", "⑽" is "(10)").
        var input = lower.ToCharArray();
        var output = new char[input.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(input, 0, output, 0, input.Length);
        return new string(output, 0, length);
    }

    private static string Intern(ReadOnlySpan<char> term)
    {
        if (TermLookup.TryGetValue(term, out var known))
        {
            return known;
        }

        var value = term.ToString();
        if (Volatile.Read(ref cachedTerms) < MaxCachedWords && Terms.TryAdd(value, value))
        {
            Interlocked.Increment(ref cachedTerms);
        }

        return value;
    }
}
