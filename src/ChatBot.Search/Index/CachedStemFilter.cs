using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace ChatBot.Search.Index;

/// <summary>
/// Lucene's Snowball English stemmer (Porter2), with the stems of words already seen remembered: words follow
/// Zipf's law, so nearly every token is a word stemmed before, and the stemmer runs once per distinct word
/// instead of once per token (it was a third of the analysis time). Keywords (numbers) are left as they are.
/// </summary>
public sealed class CachedStemFilter : TokenFilter
{
    private const int MaxCachedWords = 1 << 20;

    private static readonly ConcurrentDictionary<string, string> Stems = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> StemLookup =
        Stems.GetAlternateLookup<ReadOnlySpan<char>>();

    // Counted here: a concurrent dictionary's Count takes every one of its locks (up to 1,024 as it grows).
    private static int cached;

    private readonly EnglishStemmer stemmer = new();
    private readonly ICharTermAttribute term;
    private readonly IKeywordAttribute keyword;

    public CachedStemFilter(TokenStream input)
        : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        keyword = AddAttribute<IKeywordAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (keyword.IsKeyword)
        {
            return true;
        }

        var word = term.Buffer.AsSpan(0, term.Length);
        if (!StemLookup.TryGetValue(word, out var stem))
        {
            var key = word.ToString();
            stemmer.SetCurrent(term.Buffer, term.Length);
            stemmer.Stem();
            stem = new string(stemmer.CurrentBuffer, 0, stemmer.CurrentBufferLength);
            if (Volatile.Read(ref cached) < MaxCachedWords && Stems.TryAdd(key, stem))
            {
                Interlocked.Increment(ref cached);
            }
        }

        term.SetEmpty().Append(stem);
        return true;
    }
}
