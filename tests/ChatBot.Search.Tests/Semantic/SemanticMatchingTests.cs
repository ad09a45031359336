using ChatBot.Core;
using ChatBot.Search.Semantic;

namespace ChatBot.Search.Tests.Semantic;

[Collection(SemanticTests.Name)]
public sealed class SemanticMatchingTests(SharedModel shared)
{
    // Both passages hold every word of the question; only one is about what it asks. The shorter one wins by
    // words alone (BM25's length norm), the other by meaning.
    private const string River = "---\ntitle: Riverside notes\n---\n\nThe central river bank raised interest in the rates of ferry crossings.\n";
    private const string Money = "---\ntitle: Monetary history\n---\n\n" +
        "In 1979 the central bank raised its interest rates sharply to bring inflation under control, and borrowing costs for households and firms climbed for years.\n";
    private const string Question = "Why did the central bank raise interest rates?";

    private const string Coup = "---\ntitle: The coup\n---\n\nGeneral Barrientos led the coup of November 1964.\n\nThe junta ruled Bolivia afterwards.\n";
    private const string Tin = "---\ntitle: Tin\n---\n\nTin prices rose in the early 1960s.\n";

    [Fact]
    public void CatchUp_AfterIndexing_StoresVectorsThatAReopenedIndexReloads()
    {
        using var corpus = new SemanticCorpus(shared.Model);
        corpus.WriteSource("coup.md", Coup);
        corpus.WriteSource("tin.md", Tin);
        corpus.Sync();

        var first = corpus.Embed();
        corpus.Reopen();
        var again = corpus.Embed();

        Assert.Equal(3, first.Embedded);
        Assert.Equal(0, again.Embedded);
        var rows = corpus.RowIds("coup").Concat(corpus.RowIds("tin")).ToList();
        Assert.All(rows, id => Assert.Equal(EmbeddingModel.Dimensions, corpus.Corpus.Semantic.Vector(0, id)?.Length));
    }

    [Fact]
    public void Answer_WithVectors_RanksThePassageAboutTheQuestionFirst()
    {
        using var corpus = new SemanticCorpus(shared.Model);
        corpus.WriteSource("river.md", River);
        corpus.WriteSource("money.md", Money);
        corpus.Sync();
        var byWords = corpus.Ask(Question);

        corpus.Embed();
        var byMeaning = corpus.Ask(Question);

        Assert.Equal("river", byWords.Results[0].Citation.SourceId);
        Assert.Equal("money", byMeaning.Results[0].Citation.SourceId);
    }

    [Fact]
    public void Answer_SomeCandidatesWithoutVectors_StillAnswersWithAll()
    {
        using var corpus = new SemanticCorpus(shared.Model);
        corpus.WriteSource("coup.md", Coup);
        corpus.Sync();
        corpus.Embed();
        corpus.WriteSource("tin.md", Tin);
        corpus.Sync();

        var answer = corpus.Ask("coup junta tin", top: 5);

        Assert.Equal(3, answer.Results.Count);
        Assert.Null(corpus.Corpus.Semantic.Vector(0, corpus.RowIds("tin")[0]));
    }

    // The execution answers the question in none of its words; the portrait shares "monarch" and says nothing of it.
    private const string Execution = "---\ntitle: The execution\n---\n\nCharles was beheaded outside the Banqueting House at Whitehall in January 1649.\n";
    private const string Portrait = "---\ntitle: Portraits\n---\n\nThe monarch's portrait hung in the great hall of the palace.\n";
    private const string MonarchQuestion = "How did the monarch die?";

    [Fact]
    public void Answer_WithVectors_FindsAPassageNearInMeaningThatSharesNoWordWithTheQuestion()
    {
        using var corpus = new SemanticCorpus(shared.Model);
        corpus.WriteSource("execution.md", Execution);
        corpus.WriteSource("portrait.md", Portrait);
        corpus.Sync();
        var byWords = corpus.Ask(MonarchQuestion);

        corpus.Embed();
        var byMeaning = corpus.Ask(MonarchQuestion);

        Assert.DoesNotContain(byWords.Results, r => r.Citation.SourceId == "execution");
        Assert.Contains(byMeaning.Results, r => r.Citation.SourceId == "execution");
        Assert.Contains("beheaded", byMeaning.Results.Single(r => r.Citation.SourceId == "execution").Quote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answer_PassagesNearInMeaning_ComeOnlyFromTheAskersScope()
    {
        using var corpus = new SemanticCorpus(shared.Model);
        corpus.WriteSource("portrait.md", Portrait);
        corpus.Sync();
        var curator = corpus.Corpus.CreateCurator();
        var upload = new SourceUpload(7, "execution.md", System.Text.Encoding.UTF8.GetBytes(Execution), new Actor(1, "mod"));
        Assert.IsType<UploadOutcome.Added>(await curator.AddSourceAsync(upload, CancellationToken.None));
        corpus.Embed();

        var inTheServer = corpus.Ask(MonarchQuestion, scope: CorpusScope.ForGuild(7));
        var inAnother = corpus.Ask(MonarchQuestion, scope: CorpusScope.ForGuild(8));
        var inADirectMessage = corpus.Ask(MonarchQuestion);

        Assert.Contains(inTheServer.Results, r => r.Citation.SourceId == "execution");
        Assert.DoesNotContain(inAnother.Results, r => r.Citation.SourceId == "execution");
        Assert.DoesNotContain(inADirectMessage.Results, r => r.Citation.SourceId == "execution");
    }

    [Theory]
    [InlineData("who led the coup", true)]
    [InlineData("When did the coup take place?", true)]
    [InlineData("how did washington view paz", true)]
    [InlineData("Who won the 1986 World Cup?", false)]
    [InlineData("How do I bake sourdough bread?", false)]
    public void Answer_BundledCorpusWithMeaning_IsConfidentExactlyWhenItCoversTheQuestion(string question, bool covered)
    {
        using var corpus = new SemanticCorpus(shared.Model);
        foreach (var file in Directory.GetFiles(ChatBot.Testing.RepositoryPaths.BundledSources, "*.md"))
        {
            File.Copy(file, Path.Combine(corpus.SourcesPath, Path.GetFileName(file)));
        }

        corpus.Sync();
        var embedded = corpus.Embed().Embedded;
        var answer = corpus.Ask(question);

        Assert.True(embedded > 0);
        Assert.Equal(covered, answer.Confident);
    }

    [Fact]
    public void Answer_SemanticFalse_EmbedsNothingAndRanksByWords()
    {
        using var corpus = new SemanticCorpus(shared.Model, new SemanticOptions { Semantic = false });
        corpus.WriteSource("river.md", River);
        corpus.WriteSource("money.md", Money);
        corpus.Sync();

        var report = corpus.Embed();
        var answer = corpus.Ask(Question);

        Assert.Equal(0, report.Embedded);
        Assert.False(Directory.Exists(corpus.Corpus.Semantic.Root));
        Assert.Equal("river", answer.Results[0].Citation.SourceId);
    }

    [Fact]
    public void CatchUp_ScopeAboveTheSizeLimit_GetsNoVectors()
    {
        using var corpus = new SemanticCorpus(shared.Model, new SemanticOptions { SemanticMaxPassages = 2 });
        corpus.WriteSource("coup.md", Coup);
        corpus.WriteSource("tin.md", Tin);
        corpus.Sync();

        var report = corpus.Embed();

        Assert.Equal(0, report.Embedded);
        Assert.Equal(0, corpus.Corpus.Semantic.Scope(0).Count);
    }

    [Fact]
    public void CatchUp_RemovedSource_ItsVectorsGoAndStayGoneAfterReopening()
    {
        using var corpus = new SemanticCorpus(shared.Model);
        corpus.WriteSource("coup.md", Coup);
        corpus.WriteSource("tin.md", Tin);
        corpus.Sync();
        corpus.Embed();
        var tin = corpus.RowIds("tin");

        corpus.DeleteSource("tin.md");
        corpus.Sync();
        var report = corpus.Embed();
        corpus.Reopen();

        Assert.Equal(1, report.Removed);
        Assert.Equal(2, corpus.Corpus.Semantic.Scope(0).Count);
        Assert.All(tin, id => Assert.Null(corpus.Corpus.Semantic.Vector(0, id)));
    }

    [Fact]
    public void Open_FileCutShortByACrash_KeepsTheWholeRecords()
    {
        using var corpus = new SemanticCorpus(shared.Model);
        corpus.WriteSource("coup.md", Coup);
        corpus.Sync();
        corpus.Embed();
        var path = corpus.Corpus.Semantic.FilePath(0);
        corpus.Corpus.Dispose();
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^100]);

        corpus.Reopen();
        var report = corpus.Embed();

        Assert.Equal(1, report.Embedded);
        Assert.Equal(2, corpus.Corpus.Semantic.Scope(0).Count);
    }
}
