using Lucene.Net.Analysis;

namespace ChatBot.Search.Index;

/// <summary>
/// The first link of <see cref="PassageAnalyzer"/>'s chain alone, its tokenizer with the same settings: splits a
/// text into the words the rest of the chain then works on one at a time (see <see cref="TextAnalysis"/>).
/// </summary>
internal sealed class WordSplitter : Analyzer
{
    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        => new(PassageAnalyzer.Tokenizer(reader));
}
