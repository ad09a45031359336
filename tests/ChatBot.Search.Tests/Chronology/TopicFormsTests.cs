using ChatBot.Search.Chronology;

namespace ChatBot.Search.Tests.Chronology;

public sealed class TopicFormsTests
{
    [Theory]
    [InlineData("Bolivia", "bolivian")]
    [InlineData("Bolivian", "bolivia")]
    [InlineData("Mexico", "mexican")]
    [InlineData("Mexican", "mexico")]
    [InlineData("Cuba", "cuban")]
    [InlineData("Italy", "italian")]
    [InlineData("Japan", "japanes")]
    public void Of_PlaceOrAdjective_HasTheOtherForm(string word, string term)
        => Assert.Contains(term, TopicForms.Of(word));

    [Theory]
    [InlineData("war")]
    [InlineData("1964")]
    [InlineData("")]
    public void Of_ShortOrNotAWord_HasNoForms(string word)
        => Assert.Empty(TopicForms.Of(word));
}
