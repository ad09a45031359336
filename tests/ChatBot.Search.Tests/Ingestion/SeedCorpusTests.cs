using System.Security.Cryptography;
using ChatBot.Search.Ingestion;
using ChatBot.Search.Tests.TestSupport;
using ChatBot.Testing;

namespace ChatBot.Search.Tests.Ingestion;

/// <summary>The two seed texts, read as the bundled corpus: bodies untouched, chrome removed by the ingester.</summary>
public sealed class SeedCorpusTests
{
    private const string Journal = "us-assistance-to-the-bolivian-military-1958-1964.md";
    private const string Encyclopedia = "1964-bolivian-coup-d-etat.md";

    [Theory]
    [InlineData(Journal, "416067edd9d3dca66100535a4cbb6d36205fd9090a4e622b0f8bcd89a70b1fb8")]
    [InlineData(Encyclopedia, "93ff3b22873eb9d3b43378e0141d413434d37a6f16785947dc77baa94eca2e9d")]
    public void BundledSource_Body_IsTheSeedTextByteForByte(string file, string seedSha256)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepositoryPaths.BundledSources, file));
        var marker = "\n---\n"u8.ToArray();
        var body = bytes.AsSpan(bytes.AsSpan().IndexOf(marker) + marker.Length);
        Assert.Equal(seedSha256, Convert.ToHexStringLower(SHA256.HashData(body)));
    }

    [Fact]
    public void Read_JournalExcerpt_KeepsItsFiveParagraphsAndNoChrome()
    {
        var document = SourceReader.ReadFile(Path.Combine(RepositoryPaths.BundledSources, Journal));
        var paragraphs = document.Passages.Select(p => p.Locator.Split(' ')[1]).Distinct().ToList();
        Assert.Equal(["1", "2", "3", "4", "5"], paragraphs);
        Assert.StartsWith("On November 4, 1964, a military junta led by General Rene Barrientos", document.Passages[0].Text);
        Assert.Equal("The essay has two sections. \u2026", document.Passages[^1].Text);
        var all = string.Join("\n", document.Passages.Select(p => p.Text));
        Assert.DoesNotContain("Academic journal article", all);
        Assert.DoesNotContain("Article excerpt", all);
        Assert.DoesNotContain("Search by", all);
        Assert.DoesNotContain("Peer-reviewed", all);
        Assert.DoesNotContain("unknown error", all);
        Assert.DoesNotContain("United States Assistance to the Bolivian Military 1958-1964", all);
        Assert.Equal("United States Assistance to the Bolivian Military 1958-1964", document.Metadata.Title);
        Assert.Null(document.Metadata.Author);
    }

    [Fact]
    public void Read_EncyclopediaArticle_SplitsItsOneParagraphPerLineText()
    {
        var document = SourceReader.ReadFile(Path.Combine(RepositoryPaths.BundledSources, Encyclopedia));
        Assert.Equal(["¶ 1", "¶ 2", "¶ 3", "¶ 4", "¶ 5"], document.Passages.Select(p => p.Locator));
        Assert.StartsWith("1964 Bolivian coup d'état in Bolivia was a coup", document.Passages[0].Text);
        Assert.StartsWith("Between 1960 and 1964 the USA increased its aid", document.Passages[1].Text);
        Assert.EndsWith("army became more involved in the politics.", document.Passages[4].Text);
        Assert.Equal("1964 Bolivian coup d'état", document.Metadata.Title);
    }

    [Fact]
    public void BundledCorpus_EverySource_HasATitleAndEveryPassageALocator()
    {
        var files = Directory.GetFiles(RepositoryPaths.BundledSources);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var document = SourceReader.ReadFile(file);
            Assert.False(string.IsNullOrWhiteSpace(document.Metadata.Title), file);
            Assert.NotEmpty(document.Passages);
            Assert.All(document.Passages, p => Assert.Matches(@"^¶ \d+( \(\d+/\d+\))?$", p.Locator));
            Assert.All(document.Passages, p => Assert.False(string.IsNullOrWhiteSpace(p.Text)));
        }
    }
}
