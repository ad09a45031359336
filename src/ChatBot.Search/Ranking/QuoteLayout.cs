using System.Text.RegularExpressions;
using ChatBot.Core;
using ChatBot.Search.Index;
using ChatBot.Search.Text;

namespace ChatBot.Search.Ranking;

/// <summary>A matched word of a quote: where it stands in words, and its term.</summary>
public readonly record struct MatchedWord(int FirstWord, int LastWord, string Term, TextRange Range);

/// <summary>
/// A quote seen as sentences and words, with its matched words placed in both: what the answer rules measure
/// distances and matches in.
/// </summary>
public sealed partial class QuoteLayout
{
    private readonly IReadOnlyList<TextRange> sentences;
    private readonly List<int> wordEnds;
    private readonly List<MatchedWord>[] bySentence;
    private readonly int[] matchedBySentence;

    public QuoteLayout(string quote, IReadOnlyList<TextRange> highlights)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(highlights);
        Quote = quote;
        sentences = SentenceSplitter.Split(quote);
        wordEnds = [.. Word().Matches(quote).Select(m => m.Index + m.Length)];
        Highlights = [.. highlights.Select(h => new MatchedWord(WordAt(h.Start), WordAt(h.End - 1), TextAnalysis.TermOf(quote[h.Start..h.End]) ?? quote[h.Start..h.End], h))];
        bySentence = new List<MatchedWord>[sentences.Count];
        matchedBySentence = new int[sentences.Count];
        for (var s = 0; s < sentences.Count; s++)
        {
            var range = sentences[s];
            bySentence[s] = [.. Highlights.Where(h => h.Range.Start >= range.Start && h.Range.End <= range.End)];
            matchedBySentence[s] = bySentence[s].Select(h => h.Term).Distinct(StringComparer.Ordinal).Count();
        }

        BestMatched = matchedBySentence.Length > 0 ? matchedBySentence.Max() : 0;
    }

    public string Quote { get; }

    public IReadOnlyList<MatchedWord> Highlights { get; }

    /// <summary>The most distinct question words one sentence of the quote matches.</summary>
    public int BestMatched { get; }

    /// <summary>The sentence that holds [start, end), or −1 when it spans two.</summary>
    public int SentenceOf(int start, int end)
    {
        for (var s = 0; s < sentences.Count; s++)
        {
            if (sentences[s].Start <= start && end <= sentences[s].End)
            {
                return s;
            }
        }

        return -1;
    }

    /// <summary>How many distinct question words sentence <paramref name="sentence"/> matches.</summary>
    public int MatchedIn(int sentence) => matchedBySentence[sentence];

    public IReadOnlyList<MatchedWord> HighlightsIn(int sentence) => bySentence[sentence];

    /// <summary>The first and last word of [start, end).</summary>
    public (int First, int Last) WordsOf(int start, int end) => (WordAt(start), WordAt(end - 1));

    /// <summary>The index of the word that ends after <paramref name="position"/> (the last word when none does).</summary>
    private int WordAt(int position)
    {
        var i = wordEnds.BinarySearch(position + 1);
        i = i >= 0 ? i : ~i;
        return Math.Min(i, Math.Max(0, wordEnds.Count - 1));
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’.,%$-]*[\p{L}\p{M}\p{N}%]|[\p{L}\p{M}\p{N}%$]")]
    private static partial Regex Word();
}
