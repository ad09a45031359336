using ChatBot.Search.Index;
using ChatBot.Testing;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChatBot.Search.Tests.Index;

/// <summary>
/// <see cref="TextAnalysis"/> splits a text into words and remembers what the chain makes of each word; whatever
/// the text, its tokens must be exactly what <see cref="PassageAnalyzer"/>'s whole chain makes of the whole text.
/// </summary>
public sealed class TextAnalysisTests
{
    public static TheoryData<string> Texts() =>
    [
        "Lechin's supporters met the U.S. ambassador in La Paz on November 4, 1964.",
        "coup d'état, l'Alliance, qu'il, it\u2019s, the MNR\u2019s demise, don't",
        "the 1960s and '70s, 1,000 miners, 600% more, $1.5 million, 3.14, 10:30, 1964-11-04",
        "title:coup end.Start U.S.A. e.g. i.e. AND OR NOT +must -not \"phrase\" field:[a TO b] fuzzy~2 boost^3 wild* ?",
        "René Barrientos Ortuño, Łódź, Ærø, STRASSE Straße, ǅemal, ﬁnance, Ⅻ",
        "WHO reported; who reported; US aid; give it to us; IT staff; it stays",
        "emoji 🇧🇴 flags 👨‍👩‍👧 and CJK 玻利维亚革命 and Arabic الثورة and Thai การปฏิวัติ",
        "tab\tnew\nline\r\ncarriage\u00a0nbsp\u200bzero\u200dwidth\u202eoverride\ufeffbom",
        new string('a', 64) + " " + new string('b', 65) + " " + string.Concat(Enumerable.Repeat("word-", 40)),
        "mixed\ud83c lone \udc00 surrogates",
        "",
        "   ",
        "...,,,;;;",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Analyze_AnyText_GivesWhatTheWholeChainGives(string text) => Assert.Equal(Chain(text), TextAnalysis.Analyze(text));

    [Fact]
    public void Analyze_TheBundledCorpus_GivesWhatTheWholeChainGives()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.BundledSources))
        {
            var text = File.ReadAllText(file);
            Assert.Equal(Chain(text), TextAnalysis.Analyze(text));

            // Twice: the second time every word comes from memory.
            Assert.Equal(Chain(text), TextAnalysis.Analyze(text));
        }
    }

    private static List<AnalyzedToken> Chain(string text)
    {
        var tokens = new List<AnalyzedToken>();
        using var stream = new PassageAnalyzer().GetTokenStream(TextAnalysis.Field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(new AnalyzedToken(offset.StartOffset, offset.EndOffset, term.ToString()));
        }

        stream.End();
        return tokens;
    }
}
