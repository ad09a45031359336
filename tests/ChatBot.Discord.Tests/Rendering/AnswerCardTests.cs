using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatBot.Core;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Rest;
using ChatBot.Discord.Tests.Support;
using ChatBot.Testing.FakeDiscord;

namespace ChatBot.Discord.Tests.Rendering;

/// <summary>The quote card: content, and every message and embed limit for the worst inputs.</summary>
public sealed partial class AnswerCardTests
{
    private static readonly AnswerPage Page = new("Key0123456", 0);

    [Fact]
    public void Render_25ResultsOfHugeQuotesAndTitles_FitsEveryLimit()
    {
        var word = "Bolívar ";
        var results = Enumerable.Range(1, 25).Select(rank => new RankedQuote(
            rank,
            1,
            string.Concat(Enumerable.Repeat(word, 1500)),
            Enumerable.Range(0, 200).Select(i => new TextRange(i * word.Length * 7, (i * word.Length * 7) + 7)).ToList(),
            new Citation("s" + rank, new string('T', 1000), new string('A', 500), "https://example.org/" + new string('p', 300), new string('¶', 200)))).ToList();
        var answer = new Answer(new string('q', 1000), true, results, 100_000, TimeSpan.FromMilliseconds(12))
        {
            AlsoSearched = Enumerable.Repeat("word", 400).ToList(),
            Claims = Enumerable.Range(0, 25).Select(i => new AnswerClaim(new string('c', 400), AnswerKind.Person, Enumerable.Range(1, 25).ToList(), 25)).ToList(),
        };

        var body = Body(AnswerCard.Render(answer, Page));

        Assert.Empty(DiscordLimits.CheckMessage(body, requireContent: true));
        var description = Description(body);
        Assert.Contains("**25.**", description, StringComparison.Ordinal);
        Assert.All(QuoteLines(description), AssertBalancedMarkers);
    }

    [Fact]
    public void Render_LongQuestion_TitleCutAtWordBoundaryWithEllipsis()
    {
        var question = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i}"));

        var title = Title(Body(AnswerCard.Render(SampleAnswers.Confident(new AnswerRequest(question, CorpusScope.Global)), Page)));

        Assert.InRange(title.Length, 200, MessageLimits.Title);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
        Assert.StartsWith(title[..^1] + " ", question, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_QuestionOfMarkdownCharacters_TitleFitsAfterEscaping()
    {
        var question = string.Concat(Enumerable.Repeat("*_~`|<[]", 125));

        var title = Title(Body(AnswerCard.Render(SampleAnswers.Confident(new AnswerRequest(question, CorpusScope.Global)), Page)));

        Assert.InRange(title.Length, 1, MessageLimits.Title);
        Assert.Equal(question[..DiscordMarkdown.Unescape(title[..^1]).Length], DiscordMarkdown.Unescape(title[..^1]));
    }

    [Fact]
    public void Render_QuoteFullOfMarkdown_ShowsItLiterally()
    {
        const string Text = "**not bold** _x_ ~~y~~ `z` ||spoiler|| [a](https://b.example) <@1> <#2> <t:0> \\ end";
        var answer = Answer(new RankedQuote(1, 1, Text, [], new Citation("s", "T", null, null, "¶ 1")));

        var quote = QuoteLines(Description(Body(AnswerCard.Render(answer, Page)))).Single();

        Assert.Equal("> " + Text, DiscordMarkdown.Unescape(quote));
        Assert.DoesNotMatch(UnescapedMarkdown(), quote[2..]);
    }

    [Fact]
    public void Render_HighlightsAndAnswerSpan_BoldTermsUnderlineAnswer()
    {
        const string Text = "General René Barrientos led the coup in 1964.";
        var span = new AnswerSpan("René Barrientos", 8, 23, AnswerKind.Person);
        var answer = Answer(new RankedQuote(1, 1, Text, [new TextRange(32, 36), new TextRange(13, 23)], new Citation("s", "T", null, null, "¶ 1"), span));

        var quote = QuoteLines(Description(Body(AnswerCard.Render(answer, Page)))).Single();

        Assert.Equal("> General __René__ __**Barrientos**__ led the **coup** in 1964.", quote);
    }

    [Fact]
    public void Render_HighlightsOutOfRangeOrReversed_Ignored()
    {
        var answer = Answer(new RankedQuote(1, 1, "short quote", [new TextRange(-5, 3), new TextRange(6, 10_000), new TextRange(7, 2)], new Citation("s", "T", null, null, "¶ 1"), new AnswerSpan("x", 50, 60, AnswerKind.None)));

        var quote = QuoteLines(Description(Body(AnswerCard.Render(answer, Page)))).Single();

        Assert.Equal("> **sho**rt **quote**", quote);
    }

    [Fact]
    public void StyledQuote_SurrogatePairsAtEveryCut_NeverSplit()
    {
        var text = string.Concat(Enumerable.Repeat("𝔘𝔫𝔦 😀 ", 40));
        IReadOnlyList<TextRange> highlights = [new TextRange(1, 4), new TextRange(9, 12)];

        for (var cut = 0; cut <= text.Length; cut++)
        {
            var styled = QuoteMarkup.Style(text, highlights, null, cut);
            for (var i = 0; i < styled.Length; i++)
            {
                Assert.False(char.IsLowSurrogate(styled[i]) && (i == 0 || !char.IsHighSurrogate(styled[i - 1])), $"lone low surrogate at cut {cut}");
                Assert.False(char.IsHighSurrogate(styled[i]) && (i + 1 == styled.Length || !char.IsLowSurrogate(styled[i + 1])), $"lone high surrogate at cut {cut}");
            }
        }
    }

    [Fact]
    public void Render_QuoteWithLineBreaksAndHeadings_StaysOneQuotedLine()
    {
        var answer = Answer(new RankedQuote(1, 1, "First line\n# Heading\n- item\n> quoted\n1. listed", [], new Citation("s", "T", null, null, "¶ 1")));

        var description = Description(Body(AnswerCard.Render(answer, Page)));

        Assert.Equal(["**1.** *T* · ¶ 1", "> First line # Heading - item > quoted 1. listed"], description.Split('\n'));
    }

    [Fact]
    public void Render_NotConfident_SaysSoAndShowsOnlyTheClosestPassage()
    {
        var answer = SampleAnswers.Confident(new AnswerRequest("who was the first emperor of Mars", CorpusScope.Global)) with { Confident = false };

        var body = Body(AnswerCard.Render(answer, Page));
        var description = Description(body);

        Assert.StartsWith("**The corpus does not cover this question.**\nThe closest passage is below; it may not answer it.", description, StringComparison.Ordinal);
        Assert.Single(QuoteLines(description));
        Assert.Contains("**Closest passage:**", description, StringComparison.Ordinal);
        Assert.Equal("closest of 12 matching passages · 4 ms", Footer(body));
        Assert.Equal(AnswerCard.NotCoveredColor, body["embeds"]![0]!["color"]!.GetValue<int>());
        Assert.Equal(["Sources"], Buttons(body));
    }

    [Fact]
    public void Render_NothingMatched_SaysSoWithoutQuotesOrButtons()
    {
        var body = Body(AnswerCard.Render(Core.Answer.Empty("zzz", TimeSpan.FromMilliseconds(1)), Page));

        Assert.Contains("Try other words", Description(body), StringComparison.Ordinal);
        Assert.Empty(QuoteLines(Description(body)));
        Assert.Equal("no matching passages · 1 ms", Footer(body));
        Assert.Null(body["components"]);
    }

    [Fact]
    public void Render_TwoSourcesAgree_LeadsWithTheAnswer()
    {
        var answer = SampleAnswers.Confident(new AnswerRequest("who led the coup", CorpusScope.Global)) with
        {
            Claims = [new AnswerClaim("René Barrientos", AnswerKind.Person, [1, 2], 2)],
        };

        Assert.StartsWith("**René Barrientos** · 2 sources agree\n\n**1.**", Description(Body(AnswerCard.Render(answer, Page))), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SourcesDisagree_ShowsClaimsSideBySideWithCitations()
    {
        var answer = SampleAnswers.Confident(new AnswerRequest("who led the coup", CorpusScope.Global)) with
        {
            Claims = [new AnswerClaim("René Barrientos", AnswerKind.Person, [1, 3], 1), new AnswerClaim("Alfredo Ovando", AnswerKind.Person, [2], 1)],
        };

        var body = Body(AnswerCard.Render(answer, Page));
        var fields = body["embeds"]![0]!["fields"]!.AsArray();

        Assert.StartsWith("**The sources disagree:**", Description(body), StringComparison.Ordinal);
        Assert.Equal(["René Barrientos", "Alfredo Ovando"], fields.Select(f => f!["name"]!.GetValue<string>()));
        Assert.All(fields, f => Assert.True(f!["inline"]!.GetValue<bool>()));
        Assert.Contains("**3.** *The Bolivian coup of 1964* — J. Historian · ¶ 7", fields[0]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("**2.** *A history of the army* · ¶ 12", fields[1]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AlsoSearched_SaysWhichSpellings()
    {
        var answer = SampleAnswers.Confident(new AnswerRequest("who led the cuop", CorpusScope.Global)) with { AlsoSearched = ["coup", "c*up"] };

        Assert.StartsWith("*also searched: coup, c\\*up*\n\n", Description(Body(AnswerCard.Render(answer, Page))), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SecondPage_FooterCountsFromSkipAndMorePointsFurther()
    {
        var answer = SampleAnswers.Confident(new AnswerRequest("who led the coup", CorpusScope.Global, 3, 3));

        var body = Body(AnswerCard.Render(answer, new AnswerPage("Key0123456", 3)));

        Assert.Equal("4–6 of 12 matching passages · 2 sources · 4 ms", Footer(body));
        Assert.Equal("ask:more:Key0123456:6", body["components"]![0]!["components"]![0]!["custom_id"]!.GetValue<string>());
    }

    [Fact]
    public void Render_LastPage_HasNoMoreButton()
    {
        var answer = SampleAnswers.Confident(new AnswerRequest("who led the coup", CorpusScope.Global)) with { MatchingPassages = 3 };

        Assert.Equal(["Sources"], Buttons(Body(AnswerCard.Render(answer, Page))));
    }

    [Fact]
    public void Render_NoStoreKey_HasNoButtons()
        => Assert.Null(Body(AnswerCard.Render(SampleAnswers.Confident(new AnswerRequest("q", CorpusScope.Global)), new AnswerPage(null, 0)))["components"]);

    [Fact]
    public void Render_LinkNotHttp_CitationHasNoLink()
    {
        var answer = Answer(new RankedQuote(1, 1, "quote", [], new Citation("s", "T", null, "javascript:alert(1)", "¶ 1")));

        Assert.DoesNotContain("](", Description(Body(AnswerCard.Render(answer, Page))), StringComparison.Ordinal);
    }

    [Fact]
    public void RenderSources_25DistinctHugeSources_FitsLimitsAndListsEachOnce()
    {
        var results = Enumerable.Range(1, 25).Select(i => new RankedQuote(i, 1, "q", [], new Citation("s" + i, $"Title {i} " + new string('t', 900), new string('a', 400), "https://example.org/" + i, "¶ " + i))).ToList();
        var answer = new Answer(new string('q', 2000), true, results, 25, TimeSpan.Zero);

        var body = Body(AnswerSourcesCard.Render(answer));

        Assert.Empty(DiscordLimits.CheckMessage(body, requireContent: true));
        Assert.Contains("Title 1 ", Description(body), StringComparison.Ordinal);
        Assert.Equal("25 sources", Footer(body));
    }

    [Theory]
    [InlineData("who led the coup")]
    [InlineData("who *really* led the _coup_ <@1> [x](y) ~~z~~")]
    [InlineData("1. a list? # heading")]
    public void QuestionFromTitle_RenderedTitle_GivesTheQuestionBack(string question)
        => Assert.Equal(question, QuestionTitle.Read(QuestionTitle.Of(question)));

    private static Answer Answer(RankedQuote quote) => new("q", true, [quote], 1, TimeSpan.FromMilliseconds(1));

    private static JsonNode Body(ChatBot.Discord.Interactions.Reply reply)
        => JsonNode.Parse(Encoding.UTF8.GetString(DiscordJson.Serialize(reply.ToMessage(includeFlags: true))))!;

    private static string Title(JsonNode body) => body["embeds"]![0]!["title"]!.GetValue<string>();

    private static string Description(JsonNode body) => body["embeds"]![0]!["description"]!.GetValue<string>();

    private static string Footer(JsonNode body) => body["embeds"]![0]!["footer"]!["text"]!.GetValue<string>();

    private static List<string> Buttons(JsonNode body)
        => body["components"]?[0]?["components"]?.AsArray().Select(b => b!["label"]!.GetValue<string>()).ToList() ?? [];

    private static List<string> QuoteLines(string description) => description.Split('\n').Where(l => l.StartsWith("> ", StringComparison.Ordinal)).ToList();

    /// <summary>Every ** and __ that is not escaped opens and closes within the line.</summary>
    private static void AssertBalancedMarkers(string line)
    {
        var unescaped = Regex.Replace(line, @"\\.", "");
        Assert.Equal(0, CountOf(unescaped, "**") % 2);
        Assert.Equal(0, CountOf(unescaped, "__") % 2);
    }

    private static int CountOf(string text, string marker) => (text.Length - text.Replace(marker, "", StringComparison.Ordinal).Length) / marker.Length;

    [GeneratedRegex(@"(?<!\\)(\*|_|~|`|\||<|\[)")]
    private static partial Regex UnescapedMarkdown();
}
