using ChatBot.Core;
using ChatBot.Search.Analysis;
using ChatBot.Search.Index;
using ChatBot.Search.Ranking;
using ChatBot.Search.Tests.TestSupport;

namespace ChatBot.Search.Tests.Analysis;

public sealed class QueryExpansionTests
{
    [Theory]
    [InlineData("Estensoro", "Estenssoro", 1)]
    [InlineData("Lichin", "Lechin", 1)]
    [InlineData("Barientos", "Barrientos", 1)]
    [InlineData("Estensorro", "Estenssoro", 2)]
    [InlineData("Paz", "Paz", 0)]
    public void SpellingNeighbours_OfTheIndexVocabulary_CountEditsAndTranspositions(string asked, string indexed, int distance)
    {
        using var index = new TestIndex();
        index.WriteSource("a.md", "---\ntitle: A\n---\n\nEstenssoro, Lechin and Barrientos met Paz in La Paz.\n");
        index.Sync();
        using var search = index.Corpus.Index.Open(CorpusScope.Global);
        var neighbours = search.SpellingNeighbours(TextAnalysis.TermOf(asked)!, 2, 5);
        if (distance == 0)
        {
            Assert.DoesNotContain(neighbours, n => n.Term == TextAnalysis.TermOf(indexed));
        }
        else
        {
            Assert.Contains((TextAnalysis.TermOf(indexed)!, distance), neighbours);
        }
    }

    [Fact]
    public void SpellingNeighbours_OnlyOtherFirstLetters_AreNotSuggested()
    {
        using var index = new TestIndex();
        index.WriteSource("a.md", "---\ntitle: A\n---\n\nThe junta met.\n");
        index.Sync();
        using var search = index.Corpus.Index.Open(CorpusScope.Global);
        Assert.Empty(search.SpellingNeighbours("hunta", 2, 5));
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(6, 1)]
    [InlineData(9, 2)]
    public void AllowedEdits_LongerWords_AllowMore(int length, int edits) => Assert.Equal(edits, QueryExpander.AllowedEdits(length));

    [Theory]
    [InlineData("led", "led", "lead leader leadership")]
    [InlineData("overthrew", "overthrew", "overthrow")]
    [InlineData("leadership", "leadership", "leader lead")]
    [InlineData("leader", "leader", "lead leadership")]
    [InlineData("fought", "fought", "fight")]
    public void Family_KnownForms_AreFound(string word, string term, string expected)
    {
        var vocabulary = new HashSet<string> { "lead", "leader", "leadership", "overthrow", "fight", "coup" };
        Assert.Equal(expected.Split(' ').Order(), WordForms.Family(word, term, vocabulary.Contains).Order());
    }

    [Fact]
    public void Family_UnrelatedWord_IsEmpty()
        => Assert.Empty(WordForms.Family("left", "left", new HashSet<string> { "leav", "lead" }.Contains));

    [Fact]
    public void SynonymTable_Lines_MakeGroupsBothWays()
    {
        var table = SynonymTable.Parse(["# comment", "coup, putsch, Overthrow  # trailing comment", "", "solo", "army, troops"]);
        Assert.Equal(["overthrow", "putsch"], table.Of("coup"));
        Assert.Equal(["coup", "putsch"], table.Of("overthrow"));
        Assert.Equal(["armi"], table.Of("troop"));
        Assert.Empty(table.Of("solo"));
    }

    [Fact]
    public void SynonymTable_BundledFile_Parses()
    {
        var table = SynonymTable.Load(Path.Combine(ChatBot.Testing.RepositoryPaths.Root, "index", "synonyms.txt"));
        Assert.Contains("putsch", table.Of("coup"));
    }
}
