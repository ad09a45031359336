using ChatBot.Search.Analysis;

namespace ChatBot.Search.Tests.Analysis;

public sealed class EnglishStemmerTests
{
    [Theory]
    // Published Porter2 examples and the word forms this corpus needs.
    [InlineData("consign", "consign")]
    [InlineData("consigned", "consign")]
    [InlineData("consigning", "consign")]
    [InlineData("consignment", "consign")]
    [InlineData("generously", "generous")]
    [InlineData("generation", "generat")]
    [InlineData("knightly", "knight")]
    [InlineData("hopping", "hop")]
    [InlineData("hoping", "hope")]
    [InlineData("cries", "cri")]
    [InlineData("ties", "tie")]
    [InlineData("gaps", "gap")]
    [InlineData("gas", "gas")]
    [InlineData("skies", "sky")]
    [InlineData("dying", "die")]
    [InlineData("news", "news")]
    [InlineData("succeeded", "succeed")]
    [InlineData("proceed", "proceed")]
    [InlineData("agreed", "agre")]
    [InlineData("luxuriating", "luxuri")]
    [InlineData("happily", "happili")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("rational", "ration")]
    [InlineData("communism", "communism")]
    [InlineData("communities", "communiti")]
    [InlineData("supporters", "support")]
    [InlineData("government", "govern")]
    [InlineData("resigned", "resign")]
    [InlineData("seized", "seiz")]
    [InlineData("seizing", "seiz")]
    [InlineData("overthrow", "overthrow")]
    [InlineData("overthrown", "overthrown")]
    [InlineData("barrientos", "barriento")]
    [InlineData("bolivian", "bolivian")]
    [InlineData("running", "run")]
    [InlineData("military", "militari")]
    [InlineData("leadership", "leadership")]
    [InlineData("led", "led")]
    [InlineData("by", "by")]
    [InlineData("say", "say")]
    [InlineData("cry", "cri")]
    [InlineData("fluently", "fluentli")]
    // Refinements of the current Snowball description.
    [InlineData("added", "add")]
    [InlineData("geologists", "geolog")]
    [InlineData("international", "internat")]
    [InlineData("university", "universiti")]
    [InlineData("organization", "organiz")]
    public void Stem_KnownWord_GivesPorter2Stem(string word, string expected)
        => Assert.Equal(expected, EnglishStemmer.Stem(word));

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("1964")]
    [InlineData("b52")]
    [InlineData("αθηνα")]
    public void Stem_ShortOrNonLatinWord_IsUnchanged(string word) => Assert.Equal(word, EnglishStemmer.Stem(word));
}
