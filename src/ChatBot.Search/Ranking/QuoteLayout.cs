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
    private readonly int[] wordStarts;
    private readonly string?[] wordTerms;
    private readonly int[] wordSentences;
    private readonly List<MatchedWord>[] bySentence;
    private readonly int[] matchedBySentence;

    public QuoteLayout(string quote, IReadOnlyList<TextRange> highlights)
    {
        ArgumentNullException.ThrowIfNull(quote);
        ArgumentNullException.ThrowIfNull(highlights);
        Quote = quote;
        sentences = SentenceSplitter.Split(quote);
        var words = Word().Matches(quote);
        wordEnds = new List<int>(words.Count);
        wordStarts = new int[words.Count];
        for (var w = 0; w < words.Count; w++)
        {
            wordStarts[w] = words[w].Index;
            wordEnds.Add(words[w].Index + words[w].Length);
        }
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

        // Each word's analyzed term (none for a stop word), from one pass of the analyzer over the quote.
        wordTerms = new string?[wordStarts.Length];
        if (wordStarts.Length > 0)
        {
            foreach (var token in TextAnalysis.Analyze(quote))
            {
                var w = WordAt(token.Start);
                wordTerms[w] ??= token.Term;
            }
        }

        wordSentences = new int[wordStarts.Length];
        for (int w = 0, s = 0; w < wordStarts.Length; w++)
        {
            while (s < sentences.Count - 1 && wordStarts[w] >= sentences[s].End)
            {
                s++;
            }

            wordSentences[w] = sentences.Count == 0 ? -1 : s;
        }
    }

    /// <summary>How many words the quote has.</summary>
    public int WordCount => wordStarts.Length;

    /// <summary>Where word <paramref name="word"/> starts in the quote.</summary>
    public int WordStart(int word) => wordStarts[word];

    /// <summary>Where word <paramref name="word"/> ends in the quote.</summary>
    public int WordEnd(int word) => wordEnds[word];

    /// <summary>The analyzed term of word <paramref name="word"/>, or null for a stop word.</summary>
    public string? TermOfWord(int word) => wordTerms[word];

    /// <summary>The sentence word <paramref name="word"/> stands in.</summary>
    public int SentenceOfWord(int word) => wordSentences[word];

    /// <summary>Whether only white space stands between word <paramref name="word"/> and the word before it (no comma, bracket or full stop).</summary>
    public bool JoinsPrevious(int word)
    {
        if (word == 0)
        {
            return false;
        }

        for (var i = wordEnds[word - 1]; i < wordStarts[word]; i++)
        {
            if (!char.IsWhiteSpace(Quote[i]))
            {
                return false;
            }
        }

        return true;
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
