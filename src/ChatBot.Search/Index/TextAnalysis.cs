using System.Collections.Concurrent;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChatBot.Search.Index;

/// <summary>
/// The index's analysis for the rest of the engine, with no Lucene types showing: the terms of a text with
/// their offsets, exactly as <see cref="PassageAnalyzer"/> indexes them. Thread-safe (the analyzer reuses one
/// token stream per thread). Never throws on any input.
/// </summary>
public static class TextAnalysis
{
    private const int MaxCachedTerms = 1 << 20;

    private static PassageAnalyzer Analyzer => SharedAnalyzer.Instance;
    private static readonly ConcurrentDictionary<string, string> Terms = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string?> SurfaceTerms = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> SurfaceLookup =
        SurfaceTerms.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> TermLookup =
        Terms.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The field every passage's text is indexed in.</summary>
    public const string Field = "text";

    /// <summary>The tokens of <paramref name="text"/> in order (stop words have none).</summary>
    public static List<AnalyzedToken> Analyze(string text)
    {
        var tokens = new List<AnalyzedToken>();
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

    /// <summary>The index terms of <paramref name="text"/> in order.</summary>
    public static List<string> TermsOf(string text) => [.. Analyze(text).Select(t => t.Term)];

    /// <summary>The index term of a single word, or null when it is a stop word or has no letter or digit.</summary>
    public static string? TermOf(string word)
    {
        var tokens = Analyze(word);
        return tokens.Count > 0 ? tokens[0].Term : null;
    }

    /// <summary>
    /// The term of a token's surface as it stands in a text (see <see cref="TokenOffsets"/>), remembered per
    /// distinct surface; null when it analyzes to nothing.
    /// </summary>
    public static string? TermOfSurface(ReadOnlySpan<char> surface)
    {
        if (SurfaceLookup.TryGetValue(surface, out var known))
        {
            return known;
        }

        var text = surface.ToString();
        var term = TermOf(text);
        if (SurfaceTerms.Count < MaxCachedTerms)
        {
            SurfaceTerms.TryAdd(text, term);
        }

        return term;
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
        if (Terms.Count < MaxCachedTerms)
        {
            Terms.TryAdd(value, value);
        }

        return value;
    }
}
