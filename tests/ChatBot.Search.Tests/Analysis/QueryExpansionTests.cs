using ChatBot.Search.Analysis;

namespace ChatBot.Search.Tests.Analysis;

public sealed class QueryExpansionTests
{
    [Theory]
    [InlineData("estensoro", "estenssoro", 1)]
    [InlineData("lichin", "lechin", 1)]
    [InlineData("barientos", "barrientos", 1)]
    [InlineData("abc", "acb", 1)]
    [InlineData("estensoro", "esstenssoro", 2)]
    [InlineData("coup", "coup", 0)]
    [InlineData("coup", "junta", 3)]
    public void Bounded_Distance_CountsEditsAndTranspositions(string a, string b, int expected)
        => Assert.Equal(expected, EditDistance.Bounded(a, b, 3) is var d && d > 3 ? 3 : d);

    [Fact]
    public void Bounded_FarApart_StopsAtTheBound() => Assert.Equal(2, EditDistance.Bounded("abcdefgh", "zyxwvuts", 1));

    [Theory]
    [InlineData(3, 0)]
    [InlineData(6, 1)]
    [InlineData(9, 2)]
    public void AllowedEdits_LongerWords_AllowMore(int length, int edits) => Assert.Equal(edits, EditDistance.AllowedEdits(length));

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
