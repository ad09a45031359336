using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace ChatBot.Search.Index;

/// <summary>
/// Drops <see cref="StopWords"/> (question words among them), except the few that are acronyms when written in
/// capitals: "US", "WHO" and "IT" stay words. Runs before lower-casing, since capitals are the evidence.
/// Positions of dropped words are kept, as Lucene's own stop filter keeps them.
/// </summary>
public sealed class StopWordFilter : FilteringTokenFilter
{
    private static readonly CharArraySet Words = new(LuceneVersion.LUCENE_48, StopWords.All, ignoreCase: true);
    private static readonly CharArraySet Acronyms = new(LuceneVersion.LUCENE_48, StopWords.Acronyms, ignoreCase: true);

    private readonly ICharTermAttribute term;

    public StopWordFilter(TokenStream input)
        : base(LuceneVersion.LUCENE_48, input)
    {
        term = AddAttribute<ICharTermAttribute>();
    }

    protected override bool Accept()
    {
        var buffer = term.Buffer;
        var length = term.Length;
        if (!Words.Contains(buffer, 0, length))
        {
            return true;
        }

        return length >= 2 && Acronyms.Contains(buffer, 0, length) && IsCapitals(buffer, length);
    }

    private static bool IsCapitals(char[] buffer, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (!char.IsUpper(buffer[i]))
            {
                return false;
            }
        }

        return true;
    }
}
