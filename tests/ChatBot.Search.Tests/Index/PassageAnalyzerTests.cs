using ChatBot.Search.Index;

namespace ChatBot.Search.Tests.Index;

/// <summary>The analyzer chain, the same for passages and questions, as a table of what a reader would type.</summary>
public sealed class PassageAnalyzerTests
{
    private static string Terms(string text) => string.Join(' ', TextAnalysis.TermsOf(text));

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
    [InlineData("it\u2019s over", "over")]
    public void Terms_Apostrophes_DropPossessivesElisionsAndContractions(string text, string expected)
        => Assert.Equal(expected, Terms(text));

    [Theory]
    [InlineData("the U.S. role", "us role")]
    [InlineData("US aid", "us aid")]
    [InlineData("give it to us", "give")]
    [InlineData("WHO reported", "who report")]
    [InlineData("who reported", "report")]
    [InlineData("one-party state", "one parti state")]
    public void Terms_AcronymsAndStopWords_AreToldApart(string text, string expected) => Assert.Equal(expected, Terms(text));

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
        var tokens = TextAnalysis.Analyze(text);
        var surfaces = tokens.Select(t => text[t.Start..t.End]).ToArray();
        Assert.Equal(["November", "4", "1964", "René", "Barrientos", "junta"], surfaces);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("end.Start of the war")]
    [InlineData("\"*:()^-+NEAR(a b)")]
    [InlineData("title:coup AND junta OR NOT army~2 \"a b\"~3 [1 TO 5] {x TO y} /re.ex/ ba?r te*t \\ && || !")]
    public void Terms_SyntaxCharacters_GiveOnlyWords(string text)
    {
        var terms = TextAnalysis.TermsOf(text);
        Assert.All(terms, t => Assert.Matches("^[\\p{L}\\p{N}.']+$", t));
    }

    [Theory]
    [InlineData("\u0000\uFFFF\uD800 \uDC00x \u202Eevil\u202C")]
    [InlineData("\uFEFFcoup\u200Bjunta \r\n\t\u0007")]
    public void Terms_ControlAndInvalidCharacters_NeverThrow(string text)
        => Assert.All(TextAnalysis.TermsOf(text), t => Assert.False(t.Length == 0 || t.Any(char.IsWhiteSpace)));

    [Fact]
    public void Terms_SyntaxCharacters_AreJustCharacters()
        => Assert.Equal("titl coup junta armi 2 ba r te", Terms("title:coup AND junta OR NOT army~2 ba?r te*t"));

    [Fact]
    public void Terms_VeryLongWord_IsSkippedAndTheRestKept()
    {
        var terms = TextAnalysis.TermsOf(new string('x', 10_000) + " coup");
        Assert.Equal(["coup"], terms);
    }

    [Fact]
    public void Terms_VeryLongText_AreAllAnalyzed()
    {
        var text = string.Join(' ', Enumerable.Repeat("junta", 100_000));
        Assert.Equal(100_000, TextAnalysis.TermsOf(text).Count);
    }

    [Theory]
    [InlineData("Candía", "candia")]
    [InlineData("ÆRØ", "aero")]
    [InlineData("Straße", "strasse")]
    [InlineData("Ελλάδα", "ελλάδα")]
    public void Fold_LowercasesAndFoldsDiacritics(string text, string expected) => Assert.Equal(expected, TextAnalysis.Fold(text));
}
