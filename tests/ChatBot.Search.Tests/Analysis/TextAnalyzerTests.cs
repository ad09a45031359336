using ChatBot.Search.Analysis;

namespace ChatBot.Search.Tests.Analysis;

public sealed class TextAnalyzerTests
{
    private static string Terms(string text) => string.Join(' ', TextAnalyzer.Terms(text));

    [Theory]
    [InlineData("René Barrientos", "rene barriento")]
    [InlineData("Rene Barrientos", "rene barriento")]
    [InlineData("Víctor Paz Estenssoro", "victor paz estenssoro")]
    [InlineData("Alfredo Ovando Candía", "alfredo ovando candia")]
    [InlineData("Wálter Guevara", "walter guevara")]
    [InlineData("Łódź and Ærø", "lodz aero")]
    [InlineData("STRASSE Straße", "strass strass")]
    public void Terms_Diacritics_AreFolded(string text, string expected) => Assert.Equal(expected, Terms(text));

    [Theory]
    [InlineData("Lechin's supporters", "lechin support")]
    [InlineData("Lichin\u2019s mediation", "lichin mediat")]
    [InlineData("the MNR's demise", "mnr demis")]
    [InlineData("coup d'état", "coup etat")]
    [InlineData("don't stop", "stop")]
    public void Terms_Apostrophes_DropPossessivesAndSplitElisions(string text, string expected)
        => Assert.Equal(expected, Terms(text));

    [Theory]
    [InlineData("the U.S. role", "us role")]
    [InlineData("US aid", "us aid")]
    [InlineData("give it to us", "give")]
    [InlineData("WHO reported", "who report")]
    [InlineData("who reported", "report")]
    [InlineData("one-party state", "one parti state")]
    public void Terms_AcronymsAndStopWords_AreTellApart(string text, string expected) => Assert.Equal(expected, Terms(text));

    [Theory]
    [InlineData("by 600%", "600")]
    [InlineData("GNP rose by 5.7% annually", "gnp rose 5.7 annual")]
    [InlineData("1,000 troops", "1000 troop")]
    [InlineData("in the 1960s", "1960")]
    [InlineData("1958-1964", "1958 1964")]
    [InlineData("December 5, 1963", "decemb 5 1963")]
    [InlineData("the year 1964.", "year 1964")]
    public void Terms_Numbers_KeepTheirValue(string text, string expected) => Assert.Equal(expected, Terms(text));

    [Fact]
    public void Analyze_Offsets_PointAtTheWordsInTheText()
    {
        const string text = "On November 4, 1964, René Barrientos’s junta";
        var tokens = TextAnalyzer.Analyze(text);
        var surfaces = tokens.Select(t => text[t.Start..t.End]).ToArray();
        Assert.Equal(["On", "November", "4", "1964", "René", "Barrientos", "junta"], surfaces);
        Assert.True(tokens[0].IsStopWord);
        Assert.False(tokens[5].IsStopWord);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"*:()^-+NEAR(a b)")]
    [InlineData("\u0000\uFFFF\uD800")]
    public void Terms_NoWords_IsEmptyAndNeverThrows(string text)
    {
        var terms = TextAnalyzer.Terms(text);
        Assert.All(terms, t => Assert.Matches("^[a-z0-9.]+$", t));
    }

    [Fact]
    public void Terms_VeryLongWord_IsCutNotRejected()
    {
        var terms = TextAnalyzer.Terms(new string('x', 10_000) + " coup");
        Assert.Equal(2, terms.Count);
        Assert.Equal("coup", terms[1]);
    }
}
