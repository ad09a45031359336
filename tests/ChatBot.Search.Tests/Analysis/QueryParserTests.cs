using ChatBot.Search.Analysis;

namespace ChatBot.Search.Tests.Analysis;

public sealed class QueryParserTests
{
    private static string Terms(string question) => string.Join(' ', QueryParser.Parse(question).Terms.Select(t => t.Term));

    [Theory]
    [InlineData("who led the coup", "led coup")]
    [InlineData("Who did the junta overthrow?", "junta overthrow")]
    [InlineData("When did Lechin's supporters resign from the government?", "lechin support resign govern")]
    [InlineData("rené barrientos running mate", "rene barriento run mate")]
    [InlineData("WHO LED THE COUP", "led coup")]
    [InlineData("coup coup COUP", "coup")]
    public void Parse_Question_KeepsItsInformativeWords(string question, string expected) => Assert.Equal(expected, Terms(question));

    [Theory]
    [InlineData("Rene", "rene")]
    [InlineData("René", "rene")]
    [InlineData("RENÉ Barrientos", "rene barriento")]
    [InlineData("Estenssoro's", "estenssoro")]
    [InlineData("Lechin\u2019s", "lechin")]
    public void Parse_AccentsAndPossessives_MatchTheIndexForms(string question, string expected) => Assert.Equal(expected, Terms(question));

    [Theory]
    [InlineData("\"coup\"", "coup")]
    [InlineData("coup*", "coup")]
    [InlineData("NEAR(coup junta, 3)", "near coup junta 3")]
    [InlineData("coup AND junta OR NOT army", "coup junta armi")]
    [InlineData("title:coup", "titl coup")]
    [InlineData("(((coup", "coup")]
    [InlineData("coup)))", "coup")]
    [InlineData("^coup + -junta", "coup junta")]
    [InlineData("{coup} [junta] 'army' `x`", "coup junta armi x")]
    [InlineData("coup; DROP TABLE passages; --", "coup drop tabl passag")]
    public void Parse_QuerySyntax_IsJustCharacters(string question, string expected) => Assert.Equal(expected, Terms(question));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!")]
    [InlineData("who what when where why how")]
    [InlineData(null)]
    public void Parse_NothingToSearch_IsEmpty(string? question) => Assert.True(QueryParser.Parse(question).IsEmpty);

    [Fact]
    public void Parse_VeryLongQuestion_IsCappedNotRejected()
    {
        var words = string.Join(' ', Enumerable.Range(0, 5000).Select(i => "word" + i));
        var query = QueryParser.Parse(words);
        Assert.Equal(QueryParser.MaxTerms, query.Terms.Count);
    }

    [Theory]
    [InlineData("\"coup\" NEAR(junta army) AND OR NOT")]
    [InlineData("title:coup ^x -y +z (((")]
    [InlineData("army~2 ba?r te*t [1 TO 5] {a TO b} /x.y/ \\ && || !")]
    [InlineData("the U.S. gave 5.7% and 1,000 troops")]
    [InlineData("Ærø Łódź ß")]
    public void Parse_AnyQuestion_GivesPlainTerms(string question)
    {
        var terms = QueryParser.Parse(question).Terms;
        Assert.NotEmpty(terms);
        Assert.All(terms, t => Assert.Matches("^[\\p{L}\\p{N}.']+$", t.Term));
    }

    private static double WeightOf(string question, string term) => QueryParser.Parse(question).Terms.Single(t => t.Term == term).Weight;

    [Fact]
    public void Parse_FramingPhrase_WeighsItsWordsLessThanTheSubject()
    {
        // "take place" frames the question; "coup" is what it asks about.
        Assert.Equal(1.0, WeightOf("When did the coup take place?", "coup"));
        Assert.True(WeightOf("When did the coup take place?", "take") < 0.5);
        Assert.True(WeightOf("When did the coup take place?", "place") < 0.5);
    }

    [Fact]
    public void Parse_WordInAFramingPhrase_WeighsLessThanTheWordAlone()
    {
        // "place" after "take" tells less than "place" on its own, as the question-word table's phrase rows say.
        Assert.True(WeightOf("When did the coup take place?", "place") < WeightOf("Which place did the army reach first?", "place"));
        Assert.Equal(QuestionWords.Weight("place"), WeightOf("Which place did the army reach first?", "place"));
    }

    [Fact]
    public void QuestionWords_Table_HoldsWordsAndPhrasesWithWeightsUpToOne()
    {
        Assert.True(QuestionWords.Count > 100);
        Assert.True(QuestionWords.PhraseCount > 10);
        Assert.InRange(QuestionWords.Weight("take", null, "place"), 0.01, 1.0);
        Assert.Equal(1.0, QuestionWords.Weight("coup", null, "place"));
    }
}
