using ChatBot.Search.Indexing;
using ChatBot.Search.Semantic;
using ChatBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Search.Tests.Semantic;

public sealed class SemanticSettingsTests
{
    [Fact]
    public void AddPassageIndex_SemanticFalse_EmbedsNothing()
    {
        using var directory = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Index:DatabasePath"] = directory.File("chatbot.db"),
            ["Answers:Semantic"] = "false",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddPassageIndex(configuration).BuildServiceProvider();
        services.GetRequiredService<CorpusIndexer>().SyncFolder(RepositoryPaths.BundledSources, CancellationToken.None);

        var report = services.GetRequiredService<PassageEmbedder>().CatchUp(CancellationToken.None);

        Assert.Equal(0, report.Embedded);
        Assert.Null(services.GetRequiredService<SemanticIndex>().LoadedModel);
        Assert.False(Directory.Exists(directory.File("semantic")));
    }

    [Theory]
    [InlineData(null, 20_000, true)]
    [InlineData(null, 20_001, false)]
    [InlineData(true, 20_001, true)]
    [InlineData(false, 10, false)]
    public void AppliesTo_BySettingAndScopeSize(bool? semantic, int passages, bool expected)
        => Assert.Equal(expected, new SemanticOptions { Semantic = semantic }.AppliesTo(passages) && new SemanticOptions { Semantic = semantic }.Enabled);
}
