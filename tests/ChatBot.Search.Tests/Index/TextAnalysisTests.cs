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

    [Fact]
    public void LatinWordSplitter_RandomLatinTexts_SplitsWhereTheTokenizerDoes()
    {
        // Letters, digits and every character the word-boundary rules treat specially, in random runs.
        const string Alphabet = "aaaaZZzq0991__..::''',,;; \t\n-!?\"()/@#$%&*+=<>[]{}|~`^\u0001éÉñÑßøÆœŁžǅȳ×÷\u00a0\u2013\u2014\u2018\u2019\u2019\u201c\u201d";
        var random = new Random(20261201);
        for (var n = 0; n < 20_000; n++)
        {
            var chars = new char[random.Next(1, 48)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[random.Next(Alphabet.Length)];
            }

            if (n % 50 == 0)
            {
                // Now and then a word around the 64-character limit.
                chars = [.. new string('w', 60 + random.Next(8)), ' ', .. chars];
            }

            var text = new string(chars);
            var words = new List<(int Start, int End)>();
            Assert.True(LatinWordSplitter.Covers(text));
            LatinWordSplitter.Split(text, words);
            Assert.True(Tokenizer(text).SequenceEqual(words), $"split of \"{text}\": [{string.Join(" ", words.Select(w => text[w.Start..w.End]))}]");
        }
    }

    private static List<(int Start, int End)> Tokenizer(string text)
    {
        var words = new List<(int, int)>();
        using var tokenizer = new Lucene.Net.Analysis.Standard.StandardTokenizer(PassageAnalyzer.Version, new StringReader(text)) { MaxTokenLength = PassageAnalyzer.MaxTokenLength };
        var offset = tokenizer.AddAttribute<IOffsetAttribute>();
        tokenizer.Reset();
        while (tokenizer.IncrementToken())
        {
            words.Add((offset.StartOffset, offset.EndOffset));
        }

        tokenizer.End();
        return words;
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
