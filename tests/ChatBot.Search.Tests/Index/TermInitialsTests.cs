using ChatBot.Search.Index;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.Index;

/// <summary>
/// A quote passes over the words of a passage that cannot be one of the question's terms without looking their
/// terms up (<see cref="TermInitials"/>); it must never pass over one that is.
/// </summary>
public sealed class TermInitialsTests
{
    [Theory]
    [InlineData("skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only", "singly", "news", "howe", "atlas", "cosmos", "bias", "andes")]
    [InlineData("yelling", "Yugoslavia", "yes", "y", "Y", "yy", "Ays", "ay", "I", "A", "x")]
    [InlineData("generously", "generality", "communism", "Communists", "organisation", "inning", "outing", "proceeding", "exceed", "succeeded")]
    public void Term_OfAWordOfAsciiLetters_BeginsWithItsFirstLetter(params string[] words)
    {
        foreach (var word in words)
        {
            AssertKeepsInitial(word);
        }
    }

    [Fact]
    public void Term_OfEveryWordOfAsciiLettersInTheBundledCorpusAndOfRandomOnes_BeginsWithItsFirstLetter()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.BundledSources))
        {
            var text = File.ReadAllText(file);
            foreach (var token in TokenOffsets.Decode(text, null))
            {
                AssertKeepsInitial(text[token.Start..token.End]);
            }

            foreach (var word in text.Split((char[])[' ', '\n', '\r', '\t', ',', '.', ';', ':', '"', '(', ')', '-'], StringSplitOptions.RemoveEmptyEntries))
            {
                AssertKeepsInitial(word);
            }
        }

        var random = new Random(20261202);
        const string Letters = "abcdefghijklmnopqrstuvwxyzeeeaaiioouuyysssnnttlldd";
        for (var n = 0; n < 20_000; n++)
        {
            var chars = new char[random.Next(1, 14)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Letters[random.Next(Letters.Length)];
            }

            if (n % 3 == 0)
            {
                chars[0] = char.ToUpperInvariant(chars[0]);
            }

            AssertKeepsInitial(new string(chars));
        }
    }

    [Fact]
    public void Tokens_WithTheInitialsOfSomeTerms_GiveEveryTokenThatIsOneOfThem()
    {
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.BundledSources))
        {
            var text = File.ReadAllText(file);
            var all = TokenOffsets.Decode(text, null);
            var offsets = TokenOffsets.Encode(all);

            // Every fifth distinct term of the text, and terms of every other shape: numbers, folded, non-Latin.
            var terms = all.Select(t => t.Term).Distinct(StringComparer.Ordinal).Where((_, i) => i % 5 == 0)
                .Concat(TextAnalysis.TermsOf("1964 René Ærø 玻利维亚 U.S. d'état")).ToHashSet(StringComparer.Ordinal);
            var initials = TermInitials.Of(terms);

            var expected = all.Where(t => terms.Contains(t.Term)).ToList();
            var filtered = new List<AnalyzedToken>();
            foreach (var token in TokenOffsets.Tokens(text, offsets, initials))
            {
                if (terms.Contains(token.Term))
                {
                    filtered.Add(token);
                }
            }

            Assert.NotEmpty(expected);
            Assert.Equal(expected, filtered);
        }
    }

    [Fact]
    public void Tokens_WithInitialsNoWordHas_PassOverWordsOfAsciiLettersAndReadTheRest()
    {
        var text = "Barrientos led the coup in 1964; René and Ærø";
        var offsets = TokenOffsets.Encode(TokenOffsets.Decode(text, null));
        var read = new List<string>();
        foreach (var token in TokenOffsets.Tokens(text, offsets, TermInitials.Of(["q"])))
        {
            read.Add(text[token.Start..token.End]);
        }

        Assert.Equal(["1964", "René", "Ærø"], read);
    }

    private static void AssertKeepsInitial(string word)
    {
        if (word.Length == 0 || !word.All(char.IsAsciiLetter))
        {
            return;
        }

        var term = TextAnalysis.TermOf(word);
        Assert.True(term is null || term[0] == char.ToLowerInvariant(word[0]), $"\"{word}\" analyzes to \"{term}\"");
    }
}
