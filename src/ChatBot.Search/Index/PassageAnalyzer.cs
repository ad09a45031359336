using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace ChatBot.Search.Index;

/// <summary>
/// The one analyzer for indexing and questions, a chain of small filters: Unicode word boundaries, possessives
/// dropped, word shapes (numbers, acronyms, decades) made one form, elisions dropped ("d'état"), stop and question words left out, lower case,
/// diacritics folded ("René" finds "Rene"), Snowball English (Porter2) stemming. Offsets point into the verbatim text.
/// </summary>
public sealed class PassageAnalyzer : Analyzer
{
    /// <summary>Longer runs of letters are no words anyone asks for (a hash, a line without spaces): skipped.</summary>
    public const int MaxTokenLength = 64;

    // French and Italian elisions in names and terms ("coup d'état", "l'Alliance"): the article goes.
    private static readonly CharArraySet Elisions = new(LuceneVersion.LUCENE_48, ["l", "d", "qu", "j", "m", "n", "c"], ignoreCase: true);

    public static LuceneVersion Version => LuceneVersion.LUCENE_48;

    /// <summary>The chain's tokenizer: Unicode word boundaries, words longer than <see cref="MaxTokenLength"/> skipped.</summary>
    internal static StandardTokenizer Tokenizer(TextReader reader) => new(Version, reader) { MaxTokenLength = MaxTokenLength };

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = Tokenizer(reader);
        TokenStream chain = new EnglishPossessiveFilter(Version, source);
        chain = new WordShapeFilter(chain);
        chain = new ElisionFilter(chain, Elisions);
        chain = new StopWordFilter(chain);
        chain = new LowerCaseFilter(Version, chain);
        chain = new ASCIIFoldingFilter(chain);
        return new TokenStreamComponents(source, new CachedStemFilter(chain));
    }
}
