using System.Text;
using ChatBot.Core;
using ChatBot.Search.Tests.TestSupport;

namespace ChatBot.Search.Tests.Index;

/// <summary>
/// A question is ranked over what its asker may see and nothing else: one server's uploads never change another
/// server's answers or statistics, and no "also searched" word comes from a source the asker cannot see.
/// </summary>
public sealed class ScopeIsolationTests : IDisposable
{
    private const ulong Uploader = 290926798626357999;
    private const ulong Other = 81384788765712384;
    private static readonly Actor Moderator = new(53908232506183680, "Mason");

    // Words the bundled corpus has, many times over, so the upload moves their statistics a lot.
    private const string Flood = """
        ---
        title: Coup notes
        ---
        The coup, the coup, the military coup: the army and the junta planned the coup against the president.

        Another coup by the army and the junta, and a coup again; the military coup was the army's coup.

        The Quetzalcoatl expedition reached the coast.
        """;

    private readonly TestIndex index = TestIndex.OfBundledCorpus();

    public void Dispose() => index.Dispose();

    private async Task UploadAsync()
    {
        var outcome = await index.Curator().AddSourceAsync(new SourceUpload(Uploader, "notes.md", Encoding.UTF8.GetBytes(Flood), Moderator), CancellationToken.None);
        Assert.IsType<UploadOutcome.Added>(outcome);
    }

    private (string Source, string Locator, double Score)[] Ranked(string question, CorpusScope scope)
        => [.. index.Ask(question, top: 5, scope).Results.Select(r => (r.Citation.SourceId, r.Citation.Locator, r.Score))];

    [Theory]
    [InlineData("who led the military coup against the president")]
    [InlineData("What did the army and the junta do?")]
    public async Task Upload_InOneServer_ChangesNoAnswerOrScoreInAnother(string question)
    {
        var otherBefore = Ranked(question, CorpusScope.ForGuild(Other));
        var directBefore = Ranked(question, CorpusScope.Global);

        await UploadAsync();

        Assert.Equal(otherBefore, Ranked(question, CorpusScope.ForGuild(Other)));
        Assert.Equal(directBefore, Ranked(question, CorpusScope.Global));
        Assert.Contains(Ranked(question, CorpusScope.ForGuild(Uploader)), r => r.Source == "notes");
    }

    [Fact]
    public async Task Statistics_OfAServer_CountItsOwnSourcesAndNoOthers()
    {
        await UploadAsync();
        using var uploader = index.Corpus.Index.Open(CorpusScope.ForGuild(Uploader));
        using var other = index.Corpus.Index.Open(CorpusScope.ForGuild(Other));
        using var global = index.Corpus.Index.Open(CorpusScope.Global);

        Assert.Equal(global.DocumentCount, other.DocumentCount);
        Assert.Equal(global.DocumentCount + 3, uploader.DocumentCount);
        Assert.Equal(global.DocumentFrequency("coup"), other.DocumentFrequency("coup"));
        Assert.Equal(global.DocumentFrequency("coup") + 2, uploader.DocumentFrequency("coup"));
        Assert.Equal(0, other.DocumentFrequency("quetzalcoatl"));
    }

    [Fact]
    public async Task AlsoSearched_NeverNamesAWordOfAnotherServersSources()
    {
        await UploadAsync();

        Assert.Contains("Quetzalcoatl", index.Ask("the Quetzalcoatk expedition", scope: CorpusScope.ForGuild(Uploader)).AlsoSearched);
        Assert.DoesNotContain("Quetzalcoatl", index.Ask("the Quetzalcoatk expedition", scope: CorpusScope.ForGuild(Other)).AlsoSearched);
        Assert.DoesNotContain("Quetzalcoatl", index.Ask("the Quetzalcoatk expedition", scope: CorpusScope.Global).AlsoSearched);
        Assert.DoesNotContain(index.Ask("the Quetzalcoatk expedition", scope: CorpusScope.ForGuild(Other)).Results, r => r.Citation.SourceId == "notes");
    }
}
