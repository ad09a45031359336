namespace ChatBot.Search.Tests.Semantic;

[Collection(SemanticTests.Name)]
public sealed class WordPieceTokenizerTests(SharedModel shared)
{
    [Fact]
    public void Encode_AccentsAndCase_AreTheModelsUncasedWords()
    {
        var tokenizer = shared.Model.Tokenizer;

        Assert.Equal(tokenizer.Encode("rene barrientos", 64), tokenizer.Encode("René BARRIENTOS", 64));
    }

    [Fact]
    public void Encode_LongText_IsCutToTheCapWithTheSeparatorLast()
    {
        var tokenizer = shared.Model.Tokenizer;

        var ids = tokenizer.Encode(string.Join(' ', Enumerable.Repeat("the coup of 1964 was swift.", 100)), 32);

        Assert.Equal(32, ids.Length);
        Assert.Equal(tokenizer.Classification, ids[0]);
        Assert.Equal(tokenizer.Separator, ids[^1]);
    }

    [Fact]
    public void EmbedPassages_SameTextAnyBatch_SameVector()
    {
        var alone = shared.Model.EmbedPassages(["The junta ruled Bolivia afterwards."], CancellationToken.None)[0];
        var batched = shared.Model.EmbedPassages(
            ["A much longer passage about tin prices in the early 1960s and the mines of Oruro.", "The junta ruled Bolivia afterwards."], CancellationToken.None)[1];

        Assert.Equal(1.0, ChatBot.Search.Semantic.VectorMath.Cosine(alone, batched), 4);
    }
}
